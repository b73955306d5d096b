import { describe, expect, it } from 'vitest';
import type { IdentityId } from '../../core/identity.js';
import { applyEvent } from '../apply.js';
import type { EventOf, LedgerEvent } from '../events.js';
import { assertLedgerInvariants } from '../invariants.js';
import { planKtoken, type KtokenPlanSettings } from '../ktoken/plan.js';
import { applyAll, monthEvents, payMonth, PEOPLE } from '../ktoken/testing/ledger.js';
import type { LedgerState } from '../state.js';
import { failsWithoutMutation } from '../testing/events.js';

const TOKEN = '0x00000000000000000000000000000000000000aa';
const SETTINGS: KtokenPlanSettings = {
  token: TOKEN,
  chainId: 31337,
  decimals: 2,
  method: 'transfer',
  mode: 'direct',
  safe: null,
  amounts: { ratePerCred: '10' },
};
const HASH = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const id = (value: string) => value as IdentityId;

const planned = (state: LedgerState, settings = SETTINGS, month = '2026-10') =>
  planKtoken(state, month, settings).event;

function send(n: number, identityId = 'id-ana', nonce = n): EventOf<'ktoken.send'> {
  return {
    type: 'ktoken.send',
    batchId: 'ktoken-2026-10',
    identityId,
    hash: HASH(n),
    from: '0x00000000000000000000000000000000000000bb',
    nonce,
    raw: '0x02ab',
  };
}

function confirm(
  n: number,
  outcome: 'mined' | 'reverted' | 'dropped' = 'mined',
  identityId = 'id-ana',
): EventOf<'ktoken.confirm'> {
  return {
    type: 'ktoken.confirm',
    batchId: 'ktoken-2026-10',
    identityId,
    hash: HASH(n),
    outcome,
    blockNumber: outcome === 'mined' ? 7 : null,
  };
}

const apply = (state: LedgerState, ...events: LedgerEvent[]) => {
  const next = applyAll(events, state);
  assertLedgerInvariants(next);
  return next;
};

describe('ledger/handlers/ktoken', () => {
  const month = applyAll(monthEvents(PEOPLE));

  it('ktoken.plan makes each line owed, then moves each recipient with an address to pending', () => {
    const state = apply(month, planned(month));
    const { ktoken } = state;
    expect(ktoken.planned).toBe(6000n + 3000n + 1000n);
    expect(Object.fromEntries(ktoken.pending)).toEqual({ 'id-ana': 6000n, 'id-kim': 3000n });
    expect(Object.fromEntries(ktoken.owed)).toEqual({ 'id-lou': 1000n });
    failsWithoutMutation(state, planned(month), 'ktoken_batch_exists');
  });

  it('ktoken.plan sends tokens kept owed once the identity has an address', () => {
    const october = apply(month, planned(month));
    const withAddress = apply(october, {
      type: 'identity.setPayoutAddress',
      identityId: 'id-lou',
      method: 'ethereum',
      value: '0x4444444444444444444444444444444444444444',
    });
    const next = payMonth(withAddress, PEOPLE, '2026-11');
    const plan = planned(next, SETTINGS, '2026-11');
    expect(plan.entries.find((e) => e.identityId === 'id-lou')?.amount).toBe('2000');
    const after = apply(next, plan);
    expect(after.ktoken.owed.size).toBe(0);
  });

  it('ktoken.plan counts the owed tokens of a merged identity for the one it was merged into', () => {
    const october = apply(month, planned(month));
    const merged = apply(october, { type: 'identity.merge', baseId: 'id-ana', targetId: 'id-lou' });
    const november = payMonth(
      merged,
      PEOPLE.filter((person) => person.id !== 'id-lou'),
      '2026-11',
    );
    const plan = planned(november, SETTINGS, '2026-11');
    // octo-ana: her 6000 for November, plus the 1000 lou-sky was owed from October.
    expect(plan.entries.find((e) => e.identityId === 'id-ana')?.amount).toBe('7000');
    expect(apply(november, plan).ktoken.owed.size).toBe(0);
  });

  it('ktoken.plan refuses entries the ledger does not derive, and lines that break the rules', () => {
    const plan = planned(month);
    const [ana, kim] = plan.entries;
    const wrong = (entries: typeof plan.entries) => ({ ...plan, entries });
    failsWithoutMutation(month, wrong([{ ...ana!, amount: '1' }, kim!]), 'ktoken_entries_mismatch');
    failsWithoutMutation(
      month,
      wrong([{ ...ana!, address: kim!.address }, kim!]),
      'ktoken_entries_mismatch',
    );
    failsWithoutMutation(month, wrong([ana!, ana!]), 'ktoken_entries_mismatch');
    const lines = plan.lines.map((line) => ({ ...line, status: 'excluded' as const }));
    failsWithoutMutation(month, { ...plan, lines }, 'ktoken_line_invalid');
    failsWithoutMutation(
      month,
      { ...plan, lines: [...plan.lines, plan.lines[0]!] },
      'ktoken_line_invalid',
    );
    failsWithoutMutation(month, { ...plan, batchId: 'ktoken-2026-09' }, 'ktoken_line_invalid');
    failsWithoutMutation(month, { ...plan, mode: 'safe' }, 'ktoken_safe_missing');
    failsWithoutMutation(month, { ...plan, payoutId: 'payout-2026-10-9' }, 'payout_not_found');
    // A batch may leave a recipient out: their tokens stay owed.
    const partial = apply(month, wrong([ana!]));
    expect(partial.ktoken.owed.get(id('id-kim'))).toBe(3000n);
  });

  it('ktoken.plan needs a final payout', () => {
    const events = monthEvents(PEOPLE).filter((e) => e.type !== 'payout.finalize');
    const proposed = applyAll(events);
    failsWithoutMutation(proposed, planned(month), 'payout_not_open');
    const deactivated = apply(month, { type: 'identity.deactivate', identityId: 'id-kim' });
    failsWithoutMutation(deactivated, planned(month), 'ktoken_line_invalid');
  });

  it('ktoken.quota records the approval once; a quota batch must share out exactly the quota', () => {
    const quota: EventOf<'ktoken.quota'> = {
      type: 'ktoken.quota',
      cycle: '2026-10',
      amount: '5000',
      approvedBy: ['signer-a', 'signer-b'],
      reference: null,
    };
    const approved = apply(month, quota);
    expect(approved.ktoken.quotas.get('2026-10')).toMatchObject({
      amount: 5000n,
      recordedMs: 1_000,
    });
    failsWithoutMutation(approved, quota, 'ktoken_quota_exists');
    failsWithoutMutation(month, { ...quota, approvedBy: ['a', 'A'] }, 'ktoken_approvers_repeated');
    failsWithoutMutation(month, { ...quota, amount: '0' }, 'ktoken_amount_must_be_positive');
    const byQuota = planned(approved, { ...SETTINGS, amounts: { quota: true } });
    expect(apply(approved, byQuota).ktoken.planned).toBe(5000n);
    failsWithoutMutation(month, byQuota, 'ktoken_quota_missing');
    const lines = byQuota.lines.map((line) => ({ ...line, amount: '1' }));
    failsWithoutMutation(approved, { ...byQuota, lines }, 'ktoken_quota_mismatch');
    const overRate = planned(approved, { ...SETTINGS, amounts: { ratePerCred: '100' } });
    failsWithoutMutation(approved, overRate, 'ktoken_over_quota');
  });

  it('ktoken.send and ktoken.confirm allow one open attempt per recipient and one delivery', () => {
    const state = apply(month, planned(month));
    const signed = apply(state, send(1));
    failsWithoutMutation(signed, send(2), 'ktoken_attempt_open');
    failsWithoutMutation(signed, confirm(9), 'ktoken_attempt_open');
    failsWithoutMutation(signed, confirm(1, 'mined', 'id-kim'), 'ktoken_attempt_not_found');
    failsWithoutMutation(state, confirm(5, 'dropped'), 'ktoken_attempt_not_found');
    failsWithoutMutation(
      state,
      { ...send(1), batchId: 'ktoken-2026-01' },
      'ktoken_batch_not_found',
    );
    failsWithoutMutation(state, send(1, 'id-lou'), 'ktoken_entry_not_found');
    const dropped = apply(signed, confirm(1, 'dropped'));
    failsWithoutMutation(dropped, confirm(1, 'mined'), 'ktoken_tx_settled');
    failsWithoutMutation(dropped, send(1), 'ktoken_tx_exists');
    const sent = apply(dropped, send(2), confirm(2));
    expect(sent.ktoken.sent.get(id('id-ana'))).toBe(6000n);
    expect(sent.ktoken.pending.has(id('id-ana'))).toBe(false);
    failsWithoutMutation(sent, send(3), 'ktoken_entry_sent');
    failsWithoutMutation(sent, confirm(3), 'ktoken_entry_sent');
    // A transaction sent outside cred (a Safe, a wallet) confirms without an attempt.
    const external = apply(sent, confirm(4, 'mined', 'id-kim'));
    expect(external.ktoken.batches.get('ktoken-2026-10')?.entries.get(id('id-kim'))?.hash).toBe(
      HASH(4),
    );
  });

  it('applyEvent keeps token amounts out of the money balances', () => {
    const state = apply(month, planned(month), send(1), confirm(1));
    expect(state.owed).toEqual(month.owed);
    expect(state.distributed).toBe(month.distributed);
    expect(applyEvent(state, confirm(2, 'mined', 'id-kim'), 2).ktoken.pending.size).toBe(0);
  });
});

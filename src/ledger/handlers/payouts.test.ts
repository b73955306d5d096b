import { is } from 'immutable';
import { describe, expect, it } from 'vitest';
import type { IdentityId } from '../../core/identity.js';
import { applyEvent } from '../apply.js';
import type { EventOf, LedgerEvent } from '../events.js';
import { assertLedgerInvariants } from '../invariants.js';
import { balanceOf, EMPTY_STATE, type LedgerState } from '../state.js';
import { failsWithoutMutation, SETUP } from '../testing/events.js';
import { paymentsDue } from './payouts.js';

const applyAll = (events: readonly LedgerEvent[], state: LedgerState = EMPTY_STATE) =>
  events.reduce((s, e) => applyEvent(s, e, 1), state);
const line = (identityId: string, share: string) => ({
  identityId,
  cred: 1,
  share,
  owedBefore: '0',
  payment: '0',
  status: 'carried' as const,
});

function proposal(over: Partial<EventOf<'payout.propose'>> = {}): EventOf<'payout.propose'> {
  return {
    type: 'payout.propose',
    proposalId: 'payout-2026-10-1',
    month: '2026-10',
    currency: 'USD',
    revenue: '1000',
    ratio: '0.8',
    pool: '800',
    minimum: '500',
    policy: { type: 'proportional' },
    algorithm: 'credrank',
    graphDigest: 'g',
    weightsDigest: 'w',
    reviewEndsMs: 7,
    lines: [line('id-a', '550'), line('id-b', '250')],
    ...over,
  };
}

describe('ledger/handlers/payouts', () => {
  // SETUP leaves every identity owed 100.
  const proposed = applyAll([...SETUP, proposal()]);

  it('payout.finalize adds shares to what is owed and pays whoever then reaches the minimum', () => {
    const due = paymentsDue(proposed, proposed.payouts.get('payout-2026-10-1')!);
    expect(Object.fromEntries(due)).toEqual({ 'id-a': 650n });
    const final = applyEvent(
      proposed,
      { type: 'payout.finalize', proposalId: 'payout-2026-10-1', payments: { 'id-a': '650' } },
      2,
    );
    assertLedgerInvariants(final);
    expect(balanceOf(final, 'id-a' as IdentityId)).toBe(650n);
    expect(balanceOf(final, 'id-b' as IdentityId)).toBe(350n);
    expect(final.payouts.get('payout-2026-10-1')?.status).toBe('final');
    expect(final.distributions.get('payout-2026-10-1')?.amounts.get('id-b' as IdentityId)).toBe(
      250n,
    );
    failsWithoutMutation(final, proposal({ proposalId: 'payout-2026-10-2' }), 'payout_open');
  });

  it('payout.finalize refuses payments that break the rule, and a proposal whose shares miss the pool', () => {
    failsWithoutMutation(
      proposed,
      { type: 'payout.finalize', proposalId: 'payout-2026-10-1', payments: { 'id-a': '649' } },
      'payout_payments_mismatch',
    );
    failsWithoutMutation(
      proposed,
      {
        type: 'payout.finalize',
        proposalId: 'payout-2026-10-1',
        payments: { 'id-a': '650', 'id-b': '350' },
      },
      'payout_payments_mismatch',
    );
    failsWithoutMutation(
      proposed,
      { type: 'payout.finalize', proposalId: 'payout-2026-10-9', payments: {} },
      'payout_not_found',
    );
    failsWithoutMutation(applyAll(SETUP), proposal({ pool: '801' }), 'payout_shares_mismatch');
    failsWithoutMutation(proposed, proposal(), 'payout_exists');
    failsWithoutMutation(proposed, proposal({ proposalId: 'payout-2026-10-2' }), 'payout_open');
    const deactivated = applyAll([{ type: 'identity.deactivate', identityId: 'id-b' }], proposed);
    failsWithoutMutation(
      deactivated,
      { type: 'payout.finalize', proposalId: 'payout-2026-10-1', payments: { 'id-a': '650' } },
      'account_inactive',
    );
  });

  it('payout.withdraw closes a proposal so the month can be proposed again; a withdrawn one cannot be finalized', () => {
    const withdrawn = applyEvent(
      proposed,
      { type: 'payout.withdraw', proposalId: 'payout-2026-10-1', reason: 'new weights' },
      2,
    );
    failsWithoutMutation(
      withdrawn,
      { type: 'payout.finalize', proposalId: 'payout-2026-10-1', payments: {} },
      'payout_not_open',
    );
    failsWithoutMutation(
      withdrawn,
      { type: 'payout.withdraw', proposalId: 'payout-2026-10-1', reason: 'again' },
      'payout_not_open',
    );
    const again = applyEvent(withdrawn, proposal({ proposalId: 'payout-2026-10-2' }), 3);
    expect(again.payouts.size).toBe(2);
    expect(is(withdrawn.owed, proposed.owed)).toBe(true);
  });

  it('payout.propose with a domain split checks that parts, lines and domains add up', () => {
    const domains = (infra: string, media: string) => ({
      infra: { cred: 1, share: infra },
      media: { cred: 1, share: media },
    });
    const split = proposal({
      lines: [
        { ...line('id-a', '550'), domains: domains('400', '150') },
        { ...line('id-b', '250'), domains: domains('0', '250') },
      ],
      split: {
        type: 'fixed',
        domains: { infra: { weight: 1, amount: '400' }, media: { weight: 1, amount: '400' } },
      },
    });
    expect(applyAll([...SETUP, split]).payouts.get('payout-2026-10-1')?.status).toBe('proposed');
    const setup = applyAll(SETUP);
    failsWithoutMutation(
      setup,
      { ...split, split: { type: 'fixed', domains: { infra: { weight: 1, amount: '800' } } } },
      'payout_split_mismatch',
    );
    failsWithoutMutation(
      setup,
      { ...split, lines: [split.lines[0]!, { ...split.lines[1]!, domains: domains('0', '249') }] },
      'payout_split_mismatch',
    );
    failsWithoutMutation(
      setup,
      {
        ...split,
        lines: [{ ...split.lines[0]!, domains: domains('401', '149') }, split.lines[1]!],
      },
      'payout_split_mismatch',
    );
  });
});

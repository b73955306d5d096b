import { describe, expect, it } from 'vitest';
import type { IdentityId } from '../../core/identity.js';
import type { LedgerEvent } from '../events.js';
import type { LedgerState } from '../state.js';
import { batchCsv, batchReport, keptReason } from './batchFiles.js';
import { gini, ktokenHealth } from './health.js';
import { HEALTH_THRESHOLDS, healthNotes } from './healthNotes.js';
import { planKtoken, type KtokenPlanSettings } from './plan.js';
import { applyAll, monthEvents, PEOPLE } from './testing/ledger.js';
import { formatTokens, parseTokens } from './units.js';

const SETTINGS: KtokenPlanSettings = {
  token: '0x00000000000000000000000000000000000000aa',
  chainId: 31337,
  decimals: 0,
  method: 'transfer',
  mode: 'batch',
  safe: null,
  amounts: { ratePerCred: '100' },
};
const TOKEN = { decimals: 0, symbol: 'KTN' };
const HASH = `0x${'ab'.repeat(32)}`;
/** octo-ana's tokens, confirmed sent. */
const ANA_SENT: LedgerEvent = {
  type: 'ktoken.confirm',
  batchId: 'ktoken-2026-10',
  identityId: 'id-ana',
  hash: HASH,
  outcome: 'mined',
  blockNumber: 3,
};

/** October with weekly cred: octo-ana's 6 all in one week, the others' 4 in the next. */
function october(extra: LedgerEvent[] = []): LedgerState {
  const weeks: LedgerEvent = {
    type: 'cred.weeks',
    algorithm: 'credrank',
    graphDigest: 'sha256:g',
    weightsDigest: 'sha256:w',
    weeks: { '2026-10-05': { 'id-ana': 6 }, '2026-10-12': { 'id-kim': 3, 'id-lou': 1 } },
  };
  const state = applyAll([...monthEvents(PEOPLE), weeks, ...extra]);
  return applyAll([planKtoken(state, '2026-10', SETTINGS).event], state);
}

describe('ledger/ktoken/health', () => {
  it('gini(amounts) is 0 for equal amounts and grows with inequality', () => {
    expect(gini([])).toBeNull();
    expect(gini([5, 5, 5])).toBe(0);
    expect(gini([1, 3])).toBeCloseTo(0.25, 12);
    expect(gini([0, 0, 1])).toBe(0);
    expect(gini([1, 1, 1, 97])).toBeGreaterThan(HEALTH_THRESHOLDS.gini);
  });

  it('ktokenHealth(state, month, token) reports sent, pending and kept tokens against the quota', () => {
    const state = applyAll(
      [ANA_SENT],
      october([
        {
          type: 'ktoken.quota',
          cycle: '2026-10',
          amount: '2000',
          approvedBy: ['signer-a', 'signer-b'],
          reference: null,
        },
        {
          type: 'ktoken.quota',
          cycle: '2026-09',
          amount: '50',
          approvedBy: ['signer-a'],
          reference: null,
        },
      ]),
    );
    const health = ktokenHealth(state, '2026-10', TOKEN);
    expect(health.figures).toEqual({
      cycle: '2026-10',
      approved: '2000',
      planned: '1000',
      sent: '600',
      pending: '300',
      kept: '100',
      undistributed: '1400',
    });
    expect(health.openCycles.map((c) => [c.cycle, c.undistributed])).toEqual([['2026-09', '50']]);
    expect(health.top).toEqual({ identity: 'octo-ana', share: 0.6 });
    expect(health.busiestWeek).toEqual({ week: '2026-W41', share: 0.6 });
    expect(health.kept.map((k) => [k.identity, k.amount, k.reason])).toEqual([
      ['lou-sky', '100', 'no Ethereum address'],
    ]);
    const notes = health.notes.join('\n');
    expect(notes).toContain('approved 2000 KTN for 2026-10 (approved by signer-a, signer-b)');
    expect(notes).toContain('1400 KTN approved for 2026-10 are not distributed yet');
    expect(notes).toContain('more than half goes to one person');
    expect(notes).toContain("60% of the month's cred was earned in one week (2026-W41)");
    expect(notes).toContain('2026-09 (50 KTN)');
  });

  it('ktokenHealth(state, month, token) computes Gini from exact amounts, keeping tiny recipients', () => {
    const people = [
      { id: 'id-ana', name: 'octo-ana', cred: 1_000_000, address: `0x${'1'.repeat(40)}` },
      { id: 'id-kim', name: 'kim', cred: 0.5, address: `0x${'2'.repeat(40)}` },
    ];
    const planned = applyAll(monthEvents(people));
    const state = applyAll([planKtoken(planned, '2026-10', SETTINGS).event], planned);
    const health = ktokenHealth(state, '2026-10', TOKEN);
    // Amounts 100,000,000 and 50: kim's share (5e-7) cut to 6 decimals would be 0 and dropped.
    expect(health.gini).toBeCloseTo(gini([100_000_000, 50]) as number, 12);
    expect(health.gini).toBeGreaterThan(0.49);
  });

  it('ktokenHealth(state, month, token) says when nothing was planned', () => {
    const health = ktokenHealth(applyAll(monthEvents(PEOPLE)), '2026-10', TOKEN);
    expect(health.figures.planned).toBe('0');
    expect(health.top).toBeNull();
    expect(health.notes).toEqual([
      'No tokens were planned for 2026-10 yet, and no quota was approved.',
    ]);
  });

  it('batchReport(state, batch) and batchCsv(report) list every entry, and the CSV only what is to send', () => {
    const state = applyAll([ANA_SENT], october());
    const report = batchReport(state, state.ktoken.batches.get('ktoken-2026-10')!, 'KTN');
    expect(report.totals).toEqual({ month: '1000', sent: '600', pending: '300' });
    expect(report.entries.map((e) => [e.identity, e.status, e.hash])).toEqual([
      ['octo-ana', 'sent', HASH],
      ['river-kim', 'pending', null],
    ]);
    expect(batchCsv(report)).toBe(
      'name,address,amount,amount_base_units\nriver-kim,0x2222222222222222222222222222222222222222,300,300\n',
    );
  });

  it('healthNotes(figures) words each threshold, and says so below it', () => {
    const base = ktokenHealth(applyAll(monthEvents(PEOPLE)), '2026-10', TOKEN);
    const notes = (change: Partial<typeof base>) => healthNotes({ ...base, ...change }).join('\n');
    const planned = { ...base.figures, planned: '10', sent: '10', kept: '0' };
    expect(notes({ figures: planned })).toContain(
      'No quota was approved for 2026-10: 10 KTN were planned',
    );
    expect(notes({ recipients: 2 })).toContain('only 2 recipient(s)');
    expect(notes({ gini: 0.45 })).toContain('moderately unequal (Gini 0.45');
    expect(notes({ gini: 0.1 })).toContain('fairly even');
    expect(notes({ top: { identity: 'river-kim', share: 0.25 } })).toContain(
      'The largest share is 25% (river-kim)',
    );
    expect(notes({ busiestWeek: { week: '2026-W42', share: 0.3 } })).toContain(
      'No single week dominates',
    );
    expect(formatTokens(1_500_000n, 6)).toBe('1.5');
    expect(formatTokens(2_000_000n, 6)).toBe('2');
    expect(formatTokens(7n, 0)).toBe('7');
    expect(parseTokens('1.25', 2)).toBe(125n);
    expect(parseTokens('1.255', 2)).toBeUndefined();
  });

  it('keptReason(state, id) tells a missing, a mistyped and a waiting address apart', () => {
    const state = applyAll([
      ...monthEvents(PEOPLE),
      {
        type: 'identity.setPayoutAddress',
        identityId: 'id-kim',
        method: 'ethereum',
        value: '0x52908400098527886e0F7030069857D2E4169EE7',
      },
      { type: 'identity.deactivate', identityId: 'id-ana' },
    ]);
    const reason = (id: string) => keptReason(state, id as IdentityId);
    expect([reason('id-lou'), reason('id-kim'), reason('id-ana'), reason('id-none')]).toEqual([
      'no Ethereum address',
      'Ethereum address fails its checksum',
      'inactive',
      'inactive',
    ]);
    const fixed = applyAll(
      [
        {
          type: 'identity.setPayoutAddress',
          identityId: 'id-kim',
          method: 'ethereum',
          value: '0x52908400098527886e0f7030069857d2e4169ee7',
        },
      ],
      state,
    );
    expect(keptReason(fixed, 'id-kim' as IdentityId)).toBe('awaiting the next batch');
  });
});

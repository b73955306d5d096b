import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PayoutError } from '../../core/errors.js';
import { Map as ImmutableMap } from 'immutable';
import type { LedgerEvent } from '../events.js';
import type { ObjectionRecord } from '../state.js';
import { checksummedAddress, planKtoken, type KtokenPlanSettings } from './plan.js';
import { applyAll, monthEvents, type Person } from './testing/ledger.js';

const SETTINGS: KtokenPlanSettings = {
  token: '0x00000000000000000000000000000000000000aa',
  chainId: 31337,
  decimals: 0,
  method: 'mint',
  mode: 'batch',
  safe: null,
  amounts: { ratePerCred: '1' },
};
const address = (digit: string) => `0x${digit.repeat(40)}`;
const person = (name: string, cred: number, extra: Partial<Person> = {}): Person => ({
  id: `id-${name}`,
  name,
  cred,
  address: address('1'),
  ...extra,
});
const quota = (amount: string): LedgerEvent => ({
  type: 'ktoken.quota',
  cycle: '2026-10',
  amount,
  approvedBy: ['signer-a', 'signer-b'],
  reference: 'https://example.org/committee/2026-10',
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PayoutError);
    return (error as PayoutError).code;
  }
  return undefined;
}

/** A final payout with a domain split: each person's share per domain given, cred apart. */
function splitMonth(people: readonly { name: string; cred: number; code: number; docs: number }[]) {
  const identities = monthEvents(people.map((p) => person(p.name, p.cred))).filter((e) =>
    e.type.startsWith('identity.'),
  );
  const total = (pick: (p: (typeof people)[number]) => number) =>
    String(people.reduce((sum, p) => sum + pick(p), 0));
  const proposalId = 'payout-2026-10-1';
  const events: LedgerEvent[] = [
    ...identities,
    {
      type: 'payout.propose',
      proposalId,
      month: '2026-10',
      currency: 'USD',
      revenue: total((p) => p.code + p.docs),
      ratio: '1',
      pool: total((p) => p.code + p.docs),
      minimum: '0',
      policy: { type: 'proportional' },
      algorithm: 'credrank',
      graphDigest: 'sha256:g',
      weightsDigest: 'sha256:w',
      reviewEndsMs: 0,
      split: {
        type: 'fixed',
        domains: {
          code: { weight: 0.5, amount: total((p) => p.code) },
          docs: { weight: 0.5, amount: total((p) => p.docs) },
        },
      },
      lines: people.map((p) => ({
        identityId: `id-${p.name}`,
        cred: p.cred,
        share: String(p.code + p.docs),
        owedBefore: '0',
        payment: String(p.code + p.docs),
        status: 'paid' as const,
        domains: {
          code: { cred: p.cred / 2, share: String(p.code) },
          docs: { cred: p.cred / 2, share: String(p.docs) },
        },
      })),
    },
    {
      type: 'payout.finalize',
      proposalId,
      payments: Object.fromEntries(
        people
          .filter((p) => p.code + p.docs > 0)
          .map((p) => [`id-${p.name}`, String(p.code + p.docs)]),
      ),
    },
  ];
  return events;
}

describe('ledger/ktoken/plan', () => {
  it('planKtoken(state, month, rate) gives rate x cred in all, split like the money, in whole units', () => {
    const people = [person('ana', 2.75), person('kim', 1 / 3, { address: address('2') })];
    const { event } = planKtoken(applyAll(monthEvents(people)), '2026-10', {
      ...SETTINGS,
      amounts: { ratePerCred: '3' },
    });
    expect(event.lines.map((line) => [line.identityId, line.amount])).toEqual([
      ['id-ana', '8'],
      ['id-kim', '1'],
    ]);
    expect(event.basis).toEqual({ type: 'rate', ratePerCred: '3' });
  });

  it('planKtoken(state, month, quota) splits the approved quota exactly, like the money', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 1000, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        (creds, amount) => {
          const people = creds.map((cred, k) => person(`p${k}`, cred, { address: address('3') }));
          const state = applyAll([...monthEvents(people), quota(amount.toString())]);
          const { event } = planKtoken(state, '2026-10', { ...SETTINGS, amounts: { quota: true } });
          const total = event.lines.reduce((sum, line) => sum + BigInt(line.amount), 0n);
          expect(total).toBe(amount);
        },
      ),
      { seed: 450450, numRuns: 60 },
    );
  });

  it('planKtoken(state, month, settings) gives excluded and inactive identities nothing and keeps tokens of those without a usable address', () => {
    const people = [
      person('ana', 5),
      person('kim', 3, { status: 'excluded' }),
      person('lou', 2, { address: null }),
      person('max', 1, { address: '0x52908400098527886E0F7030069857D2E4169EE7'.toLowerCase() }),
      person('sol', 1, { address: '0x52908400098527886e0F7030069857D2E4169EE7' }),
    ];
    const state = applyAll([
      ...monthEvents(people),
      { type: 'identity.deactivate', identityId: 'id-max' },
    ]);
    const { event, kept } = planKtoken(state, '2026-10', SETTINGS);
    const statuses = Object.fromEntries(
      event.lines.map((l) => [l.identityId, [l.status, l.amount]]),
    );
    expect(statuses).toEqual({
      'id-ana': ['eligible', '5'],
      'id-kim': ['excluded', '0'],
      'id-lou': ['eligible', '2'],
      'id-max': ['inactive', '0'],
      'id-sol': ['eligible', '1'],
    });
    expect(event.entries.map((e) => e.identityId)).toEqual(['id-ana']);
    expect(kept.map((k) => [k.name, k.amount, k.reason])).toEqual([
      ['lou', 2n, 'no Ethereum address'],
      ['sol', 1n, 'Ethereum address fails its checksum'],
    ]);
  });

  it('planKtoken(state, month, settings) gives a line removed by an upheld objection no tokens', () => {
    const people = [person('ana', 5), person('kim', 3)];
    const base = applyAll(monthEvents(people));
    const payout = base.payouts.find((p) => p.month === '2026-10');
    const objection = {
      id: `${payout?.id}-o1`,
      proposalId: payout?.id as string,
      by: 'id-ana',
      line: 'id-kim',
      reason: 'the work was in September',
      raisedMs: 0,
      votes: ImmutableMap(),
      status: 'upheld',
    } as unknown as ObjectionRecord;
    const state = base.set('objections', base.objections.set(objection.id, objection));
    const { event } = planKtoken(state, '2026-10', SETTINGS);
    const kim = event.lines.find((l) => l.identityId === 'id-kim');
    expect([kim?.status, kim?.amount]).toEqual(['excluded', '0']);
    expect(kim?.reason).toMatch(/objection/);
    expect(event.entries.map((e) => e.identityId)).toEqual(['id-ana']);
    expect(planKtoken(base, '2026-10', SETTINGS).event.entries).toHaveLength(2);
  });

  it('planKtoken(state, month, settings) counts the lines of an identity merged since the payout for the one it joined', () => {
    const people = [person('ana', 5), person('lou', 2, { address: null })];
    const state = applyAll([
      ...monthEvents(people),
      { type: 'identity.merge', baseId: 'id-ana', targetId: 'id-lou' },
    ]);
    const { event } = planKtoken(state, '2026-10', SETTINGS);
    expect(event.lines).toEqual([
      { identityId: 'id-ana', cred: 7, amount: '7', status: 'eligible' },
    ]);
  });

  it('planKtoken(state, month, settings) explains what is missing', () => {
    const people = [person('ana', 5)];
    const final = applyAll(monthEvents(people));
    const proposed = applyAll(monthEvents(people).filter((e) => e.type !== 'payout.finalize'));
    expect(codeOf(() => planKtoken(proposed, '2026-10', SETTINGS))).toBe('KTOKEN_MONTH_NOT_FINAL');
    expect(codeOf(() => planKtoken(final, '2026-09', SETTINGS))).toBe('KTOKEN_MONTH_NOT_FINAL');
    const byQuota = { ...SETTINGS, amounts: { quota: true as const } };
    expect(codeOf(() => planKtoken(final, '2026-10', byQuota))).toBe('KTOKEN_NO_QUOTA');
    const rate = { ...SETTINGS, amounts: { ratePerCred: '0.5' } };
    expect(codeOf(() => planKtoken(final, '2026-10', rate))).toBe('KTOKEN_BAD_RATE');
    const excluded = applyAll([
      ...monthEvents([person('kim', 1, { status: 'excluded' })]),
      quota('9'),
    ]);
    expect(codeOf(() => planKtoken(excluded, '2026-10', byQuota))).toBe('KTOKEN_NO_CRED');
  });

  it('planKtoken(state, month, quota) with a domain split gives each person the share of the tokens it has of the money', () => {
    // Money by domain: ana 50%, kim 37.5%, lou 12.5%; by plain cred it would be 60/30/10.
    const people = [
      { name: 'ana', cred: 6, code: 5_000, docs: 0 },
      { name: 'kim', cred: 3, code: 0, docs: 3_750 },
      { name: 'lou', cred: 1, code: 0, docs: 1_250 },
    ];
    const state = applyAll([...splitMonth(people), quota('8000')]);
    const { event } = planKtoken(state, '2026-10', { ...SETTINGS, amounts: { quota: true } });
    expect(event.lines.map((line) => [line.identityId, line.amount])).toEqual([
      ['id-ana', '4000'],
      ['id-kim', '3000'],
      ['id-lou', '1000'],
    ]);
  });

  it('planKtoken(state, month, settings) with any domain split keeps token shares within one unit of money shares', () => {
    const shares = fc.record({
      cred: fc.double({ min: 0.01, max: 100, noNaN: true }),
      code: fc.integer({ min: 0, max: 1_000_000 }),
      docs: fc.integer({ min: 0, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(shares, { minLength: 1, maxLength: 6 }),
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.boolean(),
        (parts, amount, byRate) => {
          fc.pre(parts.some((p) => p.code + p.docs > 0));
          const people = parts.map((p, k) => ({ ...p, name: `p${k}` }));
          const settings: KtokenPlanSettings = byRate
            ? { ...SETTINGS, amounts: { ratePerCred: '1000' } }
            : { ...SETTINGS, amounts: { quota: true } };
          const state = applyAll([...splitMonth(people), quota(amount.toString())]);
          const { event } = planKtoken(state, '2026-10', settings);
          const tokens = event.lines.reduce((sum, line) => sum + BigInt(line.amount), 0n);
          const pool = BigInt(people.reduce((sum, p) => sum + p.code + p.docs, 0));
          if (!byRate) expect(tokens).toBe(amount);
          for (const line of event.lines) {
            const p = people.find((q) => `id-${q.name}` === line.identityId)!;
            const money = BigInt(p.code + p.docs);
            // tokens / all tokens = money / pool, to within one smallest unit of the token.
            const gap = BigInt(line.amount) * pool - money * tokens;
            expect(gap < 0n ? -gap : gap).toBeLessThan(pool);
          }
        },
      ),
      { seed: 17006, numRuns: 80 },
    );
  });

  it('checksummedAddress(text) accepts one case throughout or a valid EIP-55 mix', () => {
    expect(checksummedAddress(null)).toBeNull();
    expect(checksummedAddress('0x52908400098527886e0f7030069857d2e4169ee7')).toBe(
      '0x52908400098527886E0F7030069857D2E4169EE7',
    );
    expect(checksummedAddress('0x52908400098527886e0F7030069857D2E4169EE7')).toBeNull();
  });
});

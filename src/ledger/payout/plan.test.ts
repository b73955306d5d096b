import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IdentityId } from '../../core/identity.js';
import { parseMonth } from '../../core/weeks.js';
import { monthlyCred, type WeeklyCred } from './monthlyCred.js';
import { planPayout, type PayoutInput } from './plan.js';

const id = (value: string) => value as IdentityId;
const OCTOBER = parseMonth('2026-10')!;
// Weeks from Monday 2026-09-28 (4 days in October) to Monday 2026-10-26 (6 days in October).
const WEEKS = [
  Date.UTC(2026, 8, 28),
  Date.UTC(2026, 9, 5),
  Date.UTC(2026, 9, 12),
  Date.UTC(2026, 9, 19),
  Date.UTC(2026, 9, 26),
  Date.UTC(2026, 10, 2),
];

function input(over: Partial<PayoutInput> = {}): PayoutInput {
  const byIdentity = new Map<IdentityId, number[]>([
    [id('a'), [7, 7, 7, 7, 7, 7]],
    [id('b'), [0, 0, 0, 0, 7, 70]],
    [id('c'), [0, 1, 0, 0, 0, 0]],
  ]);
  return {
    month: OCTOBER,
    currency: 'USD',
    revenue: 100_000n,
    ratio: '0.8',
    minimum: 500n,
    policy: { type: 'proportional' },
    weekly: { weekStartsMs: WEEKS, byIdentity },
    identities: ['a', 'b', 'c'].map((name) => ({
      id: id(name),
      name,
      kind: 'user' as const,
      active: true,
    })),
    exclusions: new Map(),
    owed: new Map(),
    earnedBefore: () => new Map(),
    ...over,
  };
}

describe('ledger/payout/plan', () => {
  it('monthlyCred(weekly, month) prorates weeks that straddle the month by their days in it', () => {
    const cred = monthlyCred(input().weekly as WeeklyCred, OCTOBER);
    // a: 7 * (4/7) + 7 * 3 + 7 * (6/7) = 4 + 21 + 6 = 31 (31 days of 1 cred a day).
    expect(cred.get(id('a'))).toBeCloseTo(31, 12);
    expect(cred.get(id('b'))).toBeCloseTo(6, 12);
    expect(cred.get(id('c'))).toBeCloseTo(1, 12);
  });

  it('planPayout splits R x p by monthly cred exactly, pays those owed the minimum, carries the rest', () => {
    const plan = planPayout(input());
    expect(plan.pool).toBe(80_000n);
    expect(plan.lines.reduce((sum, line) => sum + line.share, 0n)).toBe(80_000n);
    const byName = Object.fromEntries(plan.lines.map((line) => [line.name, line]));
    // Shares 31 : 6 : 1 of 800.00: 652.63, 126.32, 21.05 (largest remainder).
    expect(byName.a).toMatchObject({ share: 65_263n, payment: 65_263n, status: 'paid' });
    expect(byName.b).toMatchObject({ share: 12_632n, payment: 12_632n, status: 'paid' });
    expect(byName.c).toMatchObject({ share: 2_105n, payment: 2_105n, status: 'paid' });
    const high = planPayout(input({ minimum: 5_000n, owed: new Map([[id('c'), 2_900n]]) }));
    expect(high.lines.find((l) => l.name === 'c')).toMatchObject({
      owedBefore: 2_900n,
      share: 2_105n,
      payment: 5_005n,
      owedAfter: 0n,
      status: 'paid',
    });
    const carried = planPayout(input({ minimum: 5_000n }));
    expect(carried.lines.find((l) => l.name === 'c')).toMatchObject({
      payment: 0n,
      owedAfter: 2_105n,
      status: 'carried',
    });
  });

  it('planPayout gives excluded and inactive identities nothing; the others share the whole pool', () => {
    const plan = planPayout(
      input({
        exclusions: new Map([[id('b'), 'alt account']]),
        identities: input().identities.map((i) => (i.name === 'c' ? { ...i, active: false } : i)),
      }),
    );
    const byName = Object.fromEntries(plan.lines.map((line) => [line.name, line]));
    expect(byName.a?.share).toBe(80_000n);
    expect(byName.b).toMatchObject({ share: 0n, status: 'excluded', reason: 'alt account' });
    expect(byName.c).toMatchObject({ share: 0n, status: 'inactive' });
  });

  it('planPayout with the recent and balanced policies still splits exactly', () => {
    const recent = planPayout(input({ policy: { type: 'recent', discount: 0.5 } }));
    const shareOf = (plan: typeof recent, name: string) =>
      plan.lines.find((l) => l.name === name)?.share ?? 0n;
    expect(shareOf(recent, 'b') > shareOf(planPayout(input()), 'b')).toBe(true);
    const balanced = planPayout(
      input({
        policy: { type: 'balanced', lookbackMonths: 0 },
        earnedBefore: () => new Map([[id('a'), 1_000_000n]]),
      }),
    );
    expect(shareOf(balanced, 'a')).toBe(0n);
    for (const plan of [recent, balanced])
      expect(plan.lines.reduce((sum, line) => sum + line.share, 0n)).toBe(80_000n);
  });

  it('planPayout refuses zero or negative revenue, a bad ratio, and a month without cred', () => {
    expect(() => planPayout(input({ revenue: 0n }))).toThrow(
      expect.objectContaining({ code: 'PAYOUT_BAD_REVENUE' }),
    );
    expect(() => planPayout(input({ revenue: -5n }))).toThrow(
      expect.objectContaining({ code: 'PAYOUT_BAD_REVENUE' }),
    );
    expect(() => planPayout(input({ ratio: '1.5' }))).toThrow(
      expect.objectContaining({ code: 'PAYOUT_BAD_RATIO' }),
    );
    expect(() => planPayout(input({ month: parseMonth('2027-03')! }))).toThrow(
      expect.objectContaining({ code: 'PAYOUT_NO_CRED' }),
    );
  });

  it('planPayout shares always add up to the pool and no payment is below the minimum', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 6, maxLength: 6 }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.bigInt({ min: 0n, max: 10_000n }),
        (rows, revenue, minimum) => {
          const byIdentity = new Map(
            rows.map((row, k) => [id(`p${k}`), [row[0] ?? 0, 1, ...row.slice(2)]]),
          );
          const identities = rows.map((_, k) => ({
            id: id(`p${k}`),
            name: `p${k}`,
            kind: 'user' as const,
            active: true,
          }));
          const plan = planPayout(
            input({ weekly: { weekStartsMs: WEEKS, byIdentity }, identities, revenue, minimum }),
          );
          expect(plan.lines.reduce((sum, line) => sum + line.share, 0n)).toBe(plan.pool);
          for (const line of plan.lines) {
            expect(line.payment === 0n || line.payment >= minimum).toBe(true);
            expect(line.payment + line.owedAfter).toBe(line.owedBefore + line.share);
          }
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});

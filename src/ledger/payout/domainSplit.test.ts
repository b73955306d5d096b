import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IdentityId } from '../../core/identity.js';
import { parseMonth } from '../../core/weeks.js';
import type { DomainSplitInput } from './domainSplit.js';
import type { WeeklyCred } from './monthlyCred.js';
import { planPayout, type PayoutInput } from './plan.js';

const id = (value: string) => value as IdentityId;
const OCTOBER = parseMonth('2026-10')!;
// Three whole weeks inside October: monthly cred is the plain sum.
const WEEKS = [Date.UTC(2026, 9, 5), Date.UTC(2026, 9, 12), Date.UTC(2026, 9, 19)];
const weekly = (rows: Record<string, number[]>): WeeklyCred => ({
  weekStartsMs: WEEKS,
  byIdentity: new Map(Object.entries(rows).map(([key, values]) => [id(key), values])),
});

// A two-level tree: infra > backend, and media. a works in backend, b in infra itself, c in
// media. Cred per domain is rolled up: infra holds a's backend cred and b's own.
const BY_DOMAIN = new Map([
  ['infra', weekly({ a: [3, 3, 3], b: [1, 1, 1] })],
  ['backend', weekly({ a: [3, 3, 3] })],
  ['media', weekly({ c: [2, 2, 2] })],
]);

function input(split: DomainSplitInput, over: Partial<PayoutInput> = {}): PayoutInput {
  return {
    month: OCTOBER,
    currency: 'USD',
    revenue: 100_000n,
    ratio: '0.8',
    minimum: 0n,
    policy: { type: 'proportional' },
    weekly: weekly({ a: [3, 3, 3], b: [1, 1, 1], c: [2, 2, 2] }),
    identities: ['a', 'b', 'c'].map((name) => ({
      id: id(name),
      name,
      kind: 'user' as const,
      active: true,
    })),
    exclusions: new Map(),
    owed: new Map(),
    earnedBefore: () => new Map(),
    split,
    ...over,
  };
}

const FIXED: DomainSplitInput = {
  type: 'fixed',
  domains: [
    { id: 'infra', weight: 0.6 },
    { id: 'media', weight: 0.4 },
  ],
  weeklyByDomain: BY_DOMAIN,
};

describe('ledger/payout/domainSplit', () => {
  it('planPayout with a domain split gives each domain its part, then splits it by cred there', () => {
    const plan = planPayout(input(FIXED));
    // Pool 800.00: infra 60% = 480.00, media 40% = 320.00.
    expect(plan.split).toEqual({
      type: 'fixed',
      domains: [
        { id: 'infra', weight: 0.6, amount: 48_000n },
        { id: 'media', weight: 0.4, amount: 32_000n },
      ],
    });
    const byName = Object.fromEntries(plan.lines.map((line) => [line.name, line]));
    // infra: a 9 (rolled up from backend) and b 3 -> 360.00 and 120.00; media: c 320.00.
    expect(byName.a).toMatchObject({
      share: 36_000n,
      domains: [{ domain: 'infra', cred: 9, share: 36_000n }],
    });
    expect(byName.b?.share).toBe(12_000n);
    expect(byName.c).toMatchObject({
      share: 32_000n,
      domains: [{ domain: 'media', cred: 6, share: 32_000n }],
    });
    expect(plan.lines.reduce((sum, line) => sum + line.share, 0n)).toBe(plan.pool);
  });

  it('planPayout with a domain split adds up exactly when the parts do not divide evenly', () => {
    const plan = planPayout(input(FIXED, { revenue: 100_001n, ratio: '1' }));
    // infra 60000.6 -> 60001 (the larger remainder), media 40000; infra 9:3 -> 45001, 15000.
    expect(plan.split?.domains.map((d) => d.amount)).toEqual([60_001n, 40_000n]);
    expect(plan.lines.map((line) => line.share)).toEqual([45_001n, 15_000n, 40_000n]);
  });

  it('planPayout with a domain split lets a parent and a child both take part', () => {
    const plan = planPayout(
      input({
        type: 'budget',
        domains: [
          { id: 'infra', weight: 1 },
          { id: 'backend', weight: 1 },
          { id: 'media', weight: 2 },
        ],
        weeklyByDomain: BY_DOMAIN,
      }),
    );
    const a = plan.lines.find((line) => line.name === 'a')!;
    // infra 200.00 split 9:3 (a 150.00), backend 200.00 all a's, media 400.00 c's.
    expect(a.domains).toEqual([
      { domain: 'infra', cred: 9, share: 15_000n },
      { domain: 'backend', cred: 9, share: 20_000n },
    ]);
    expect(a.share).toBe(35_000n);
  });

  it('planPayout with a domain split passes the part of a domain without cred to the others', () => {
    const plan = planPayout(
      input({
        ...FIXED,
        domains: [...FIXED.domains, { id: 'events', weight: 1 }],
      }),
    );
    expect(plan.split?.domains.find((d) => d.id === 'events')?.amount).toBe(0n);
    expect(plan.split?.domains.map((d) => d.amount)).toEqual([48_000n, 32_000n, 0n]);
  });

  it('planPayout with a domain split refuses the balanced policy and a split without cred', () => {
    expect(() =>
      planPayout(input(FIXED, { policy: { type: 'balanced', lookbackMonths: 0 } })),
    ).toThrowError(expect.objectContaining({ code: 'PAYOUT_SPLIT_POLICY' }));
    expect(() =>
      planPayout(input({ ...FIXED, domains: [{ id: 'events', weight: 1 }] })),
    ).toThrowError(expect.objectContaining({ code: 'PAYOUT_NO_CRED' }));
  });

  it('planPayout with a domain split keeps excluded identities out of every domain', () => {
    const plan = planPayout(input(FIXED, { exclusions: new Map([[id('a'), 'alt account']]) }));
    const byName = Object.fromEntries(plan.lines.map((line) => [line.name, line]));
    expect(byName.a).toMatchObject({ share: 0n, status: 'excluded' });
    expect(byName.b?.share).toBe(48_000n);
  });

  it('planPayout with any domain split adds up to the pool, each domain to its part', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.bigInt({ min: 1n, max: 10n ** 10n }),
        (weights, revenue) => {
          const domains = ['infra', 'backend', 'media'].map((domain, k) => ({
            id: domain,
            weight: weights[k]!,
          }));
          if (domains.every((d) => d.weight === 0)) return;
          const plan = planPayout(
            input({ type: 'fixed', domains, weeklyByDomain: BY_DOMAIN }, { revenue }),
          );
          expect(plan.lines.reduce((sum, line) => sum + line.share, 0n)).toBe(plan.pool);
          expect(plan.split!.domains.reduce((sum, d) => sum + d.amount, 0n)).toBe(plan.pool);
          for (const part of plan.split!.domains) {
            const inDomain = plan.lines.flatMap((line) =>
              (line.domains ?? []).filter((d) => d.domain === part.id),
            );
            expect(inDomain.reduce((sum, d) => sum + d.share, 0n)).toBe(part.amount);
          }
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});

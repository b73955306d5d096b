import { describe, expect, it } from 'vitest';
import type { IdentityId } from '../../core/identity.js';
import { parseMonth } from '../../core/weeks.js';
import { PAYOUT_POLICY_SCHEMA } from '../events.js';
import { credWithin, discountedCred, halfLifeCred, type WeeklyCred } from './monthlyCred.js';
import { policyWeights } from './policy.js';

const id = (value: string) => value as IdentityId;
const OCTOBER = parseMonth('2026-10')!;
// Mondays 2026-10-12 (whole week in October), 2026-10-26 (6 of its days in October) and
// 2026-11-02 (after October).
const WEEKS = [Date.UTC(2026, 9, 12), Date.UTC(2026, 9, 26), Date.UTC(2026, 10, 2)];
const weekly = (values: number[]): WeeklyCred => ({
  weekStartsMs: WEEKS,
  byIdentity: new Map([[id('a'), values]]),
});

describe('ledger/payout/monthlyCred', () => {
  it('halfLifeCred(weekly, month, days) halves a week whose middle is a half-life before the month ends', () => {
    // Week of Oct 12: its middle, Oct 15 12:00, is 16.5 days before Nov 1.
    expect(halfLifeCred(weekly([8, 0, 0]), OCTOBER, 16.5).get(id('a'))).toBeCloseTo(4, 12);
    // Week of Oct 26: 6 days in October (prorated 6/7), their middle Oct 29 is 3 days back.
    expect(halfLifeCred(weekly([0, 7, 0]), OCTOBER, 16.5).get(id('a'))).toBeCloseTo(
      6 * 0.5 ** (3 / 16.5),
      12,
    );
    // A week after the month does not count; a very long half-life counts everything before.
    expect(halfLifeCred(weekly([0, 0, 5]), OCTOBER, 90).get(id('a'))).toBe(0);
    expect(halfLifeCred(weekly([8, 7, 5]), OCTOBER, 1e12).get(id('a'))).toBeCloseTo(
      credWithin(weekly([8, 7, 5]), Number.NEGATIVE_INFINITY, OCTOBER.endMs).get(id('a'))!,
      6,
    );
    // Colony's 90 days: the week of Jul 27 (middle Jul 30 12:00, 93.5 days back) about half.
    const july = [Date.UTC(2026, 6, 27)];
    const old = halfLifeCred(
      { weekStartsMs: july, byIdentity: new Map([[id('a'), [1]]]) },
      OCTOBER,
      90,
    );
    expect(old.get(id('a'))).toBeCloseTo(0.5 ** (93.5 / 90), 12);
  });

  it('policyWeights(recent) uses halfLifeDays when given, else the weekly discount', () => {
    const input = {
      weekly: weekly([8, 7, 5]),
      month: OCTOBER,
      eligible: new Set([id('a')]),
      earnedBefore: () => new Map(),
      pool: 100n,
    };
    expect(policyWeights({ type: 'recent', halfLifeDays: 16.5 }, input).get(id('a'))).toBe(
      halfLifeCred(input.weekly, OCTOBER, 16.5).get(id('a')),
    );
    expect(policyWeights({ type: 'recent', discount: 0.5 }, input).get(id('a'))).toBe(
      discountedCred(input.weekly, OCTOBER, 0.5).get(id('a')),
    );
  });

  it('PAYOUT_POLICY_SCHEMA takes exactly one of discount and halfLifeDays for recent', () => {
    expect(PAYOUT_POLICY_SCHEMA.safeParse({ type: 'recent', halfLifeDays: 90 }).success).toBe(true);
    expect(PAYOUT_POLICY_SCHEMA.safeParse({ type: 'recent', discount: 0.1 }).success).toBe(true);
    expect(PAYOUT_POLICY_SCHEMA.safeParse({ type: 'recent' }).success).toBe(false);
    expect(
      PAYOUT_POLICY_SCHEMA.safeParse({ type: 'recent', discount: 0.1, halfLifeDays: 90 }).success,
    ).toBe(false);
    expect(PAYOUT_POLICY_SCHEMA.safeParse({ type: 'recent', halfLifeDays: 0 }).success).toBe(false);
  });
});

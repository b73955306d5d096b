/**
 * How a month's pool is divided by cred. Three policies:
 * - proportional: each eligible identity's share is its cred this month over the total (the
 *   rule SourceCred's Open Collective experiment proposed; IMMEDIATE over the month);
 * - recent: SourceCred's RECENT, cred discounted by (1 - discount) per week back in time, so
 *   recent work weighs more and old work still counts a little; or, with `halfLifeDays`,
 *   halved continuously every that many days (Colony's reputation decay: 90);
 * - balanced: SourceCred's BALANCED, paying whoever is furthest behind their share of all
 *   grain ever paid given their lifetime cred.
 * Only eligible identities (active, not excluded this month) take part in any of them.
 */
import type { IdentityId } from '../../core/identity.js';
import type { MonthRange } from '../../core/weeks.js';
import {
  credWithin,
  discountedCred,
  halfLifeCred,
  monthlyCred,
  type WeeklyCred,
} from './monthlyCred.js';

export type PayoutPolicy =
  | { readonly type: 'proportional' }
  /** Exactly one of `discount` (per week) and `halfLifeDays` is set. */
  | { readonly type: 'recent'; readonly discount?: number; readonly halfLifeDays?: number }
  | { readonly type: 'balanced'; readonly lookbackMonths: number };

export interface PolicyInput {
  readonly weekly: WeeklyCred;
  readonly month: MonthRange;
  readonly eligible: ReadonlySet<IdentityId>;
  /** Grain distributed to each identity before this month, within the policy's window. */
  readonly earnedBefore: (fromMs: number) => ReadonlyMap<IdentityId, bigint>;
  readonly pool: bigint;
}

/** Weight of each eligible identity in the split (zero-weight identities are omitted). */
export function policyWeights(policy: PayoutPolicy, input: PolicyInput): Map<IdentityId, number> {
  const raw = rawWeights(policy, input);
  const weights = new Map<IdentityId, number>();
  for (const [id, weight] of raw) if (input.eligible.has(id) && weight > 0) weights.set(id, weight);
  return weights;
}

function rawWeights(policy: PayoutPolicy, input: PolicyInput): Map<IdentityId, number> {
  switch (policy.type) {
    case 'proportional':
      return monthlyCred(input.weekly, input.month);
    case 'recent':
      return policy.halfLifeDays === undefined
        ? discountedCred(input.weekly, input.month, policy.discount ?? 0)
        : halfLifeCred(input.weekly, input.month, policy.halfLifeDays);
    case 'balanced':
      return balancedWeights(policy.lookbackMonths, input);
  }
}

function balancedWeights(lookbackMonths: number, input: PolicyInput): Map<IdentityId, number> {
  const fromMs =
    lookbackMonths === 0
      ? Number.NEGATIVE_INFINITY
      : Date.UTC(
          new Date(input.month.startMs).getUTCFullYear(),
          new Date(input.month.startMs).getUTCMonth() - lookbackMonths + 1,
          1,
        );
  const cred = credWithin(input.weekly, fromMs, input.month.endMs);
  const earned = input.earnedBefore(fromMs);
  let totalCred = 0;
  let totalEarned = 0;
  for (const id of input.eligible) {
    totalCred += cred.get(id) ?? 0;
    totalEarned += Number(earned.get(id) ?? 0n);
  }
  const shortfall = new Map<IdentityId, number>();
  if (totalCred <= 0) return shortfall;
  const rate = (totalEarned + Number(input.pool)) / totalCred;
  for (const id of input.eligible) {
    const owedByRate = rate * (cred.get(id) ?? 0) - Number(earned.get(id) ?? 0n);
    shortfall.set(id, Math.max(0, owedByRate));
  }
  return shortfall;
}

/**
 * Cred over calendar time from weekly cred. A month's cred of an identity is the sum of its
 * weekly cred, each week weighted by the share of its seven days that fall in the month, so
 * weeks that straddle two months are split between them and nothing is counted twice.
 */
import type { IdentityId } from '../../core/identity.js';
import { DAY_MS, WEEK_MS, weekFractionWithin, type MonthRange } from '../../core/weeks.js';

export interface WeeklyCred {
  /** Monday 00:00 UTC of each week, ascending. */
  readonly weekStartsMs: readonly number[];
  readonly byIdentity: ReadonlyMap<IdentityId, readonly number[]>;
}

/** Cred of each identity within [fromMs, toMs), weeks prorated by their days in the range. */
export function credWithin(
  weekly: WeeklyCred,
  fromMs: number,
  toMs: number,
): Map<IdentityId, number> {
  return weightedCred(
    weekly,
    weekly.weekStartsMs.map((start) => weekFractionWithin(start, fromMs, toMs)),
  );
}

export function monthlyCred(weekly: WeeklyCred, month: MonthRange): Map<IdentityId, number> {
  return credWithin(weekly, month.startMs, month.endMs);
}

/**
 * Cred up to the end of `month` with a per-week discount (SourceCred's RECENT policy):
 * S = sum over weeks of (1 - discount)^n * cred, n counting weeks back from the month's last
 * week, each week prorated by its days before the month ends.
 */
export function discountedCred(
  weekly: WeeklyCred,
  month: MonthRange,
  discountPerWeek: number,
): Map<IdentityId, number> {
  return weightedCred(
    weekly,
    weekly.weekStartsMs.map((start) => {
      const inRange = weekFractionWithin(start, Number.NEGATIVE_INFINITY, month.endMs);
      const weeksBack = Math.max(0, Math.floor((month.endMs - 1 - start) / WEEK_MS));
      return inRange * (1 - discountPerWeek) ** weeksBack;
    }),
  );
}

/**
 * Cred up to the end of `month`, halving continuously every `halfLifeDays` (Colony's
 * reputation decay, which halves every 90 days): a week's cred counts 0.5^(age / halfLife),
 * its age in days measured from the middle of its days before the month ends to that end, and
 * it is prorated by those days as in discountedCred.
 */
export function halfLifeCred(
  weekly: WeeklyCred,
  month: MonthRange,
  halfLifeDays: number,
): Map<IdentityId, number> {
  return weightedCred(
    weekly,
    weekly.weekStartsMs.map((start) => {
      const inRange = weekFractionWithin(start, Number.NEGATIVE_INFINITY, month.endMs);
      if (inRange <= 0) return 0;
      const middleMs = (start + Math.min(start + WEEK_MS, month.endMs)) / 2;
      return inRange * 0.5 ** ((month.endMs - middleMs) / DAY_MS / halfLifeDays);
    }),
  );
}

function weightedCred(weekly: WeeklyCred, factors: readonly number[]): Map<IdentityId, number> {
  const result = new Map<IdentityId, number>();
  for (const [id, values] of weekly.byIdentity) {
    let total = 0;
    values.forEach((value, week) => (total += value * (factors[week] ?? 0)));
    result.set(id, total);
  }
  return result;
}

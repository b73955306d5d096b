/**
 * Assertions on CredRank results shared by the solver's tests: two runs of the same community
 * (warm and cold, swept and exact) must agree on every weekly cred to a share of the mint.
 */
import { expect } from 'vitest';
import type { CredRankResult } from '../credrank/credRank.js';

/** Same weeks, and every weekly cred of `actual` within `share` of the mint of `expected`. */
export function expectCredWithin(
  actual: CredRankResult,
  expected: CredRankResult,
  share: number,
): void {
  expect(actual.weekStartsMs).toEqual(expected.weekStartsMs);
  const bound = share * Math.max(1, expected.totalMint);
  expected.credByIdentity.forEach((weekly, i) => {
    weekly.forEach((value, t) => {
      expect(Math.abs((actual.credByIdentity[i]?.[t] as number) - value)).toBeLessThan(bound);
    });
  });
}

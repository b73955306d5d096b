/**
 * Scores: what a cred algorithm produces, whatever the algorithm (CredRank, OpenRank). Cred
 * per identity per calendar week, the total minted, and how the computation converged. Payouts,
 * the ledger and the explorer consume only this shape.
 */
import type { Convergence } from './credrank/stationary.js';

export type { Convergence } from './credrank/stationary.js';

export interface CredScores {
  readonly algorithm: string;
  /** Monday 00:00 UTC of each week, ascending and contiguous. */
  readonly weekStartsMs: readonly number[];
  /** Per identity (in the order the identities were given), cred in each week. */
  readonly credByIdentity: readonly Float64Array[];
  readonly totalMint: number;
  readonly convergence: Convergence;
}

export function totalCredOf(weekly: Float64Array): number {
  let total = 0;
  for (const value of weekly) total += value;
  return total;
}

export function totalCred(scores: CredScores): number {
  let total = 0;
  for (const weekly of scores.credByIdentity) total += totalCredOf(weekly);
  return total;
}

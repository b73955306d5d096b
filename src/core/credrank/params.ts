/**
 * CredRank parameters. Defaults are SourceCred 0.11's (alpha 0.1, beta 0.4, gamma 0.1/0.1) so
 * results can be compared with it. The convergence test differs on purpose: SourceCred stops
 * when no node's probability moves by 1e-7 (a test that loosens as graphs grow, since each
 * node's probability shrinks); cred stops when the total probability moved in one step (L1)
 * is below `tolerance`, which means the same thing at every size.
 */
import { CredError } from '../errors.js';
import type { WeekStart } from '../weeks.js';

export interface CredRankParams {
  /** Radiation: share of every node's mass returned to the seed each step. */
  readonly alpha: number;
  /** Payout: share of a participant-week's mass banked as that week's cred. */
  readonly beta: number;
  /** Webbing to the next week. */
  readonly gammaForward: number;
  /** Webbing to the previous week. */
  readonly gammaBackward: number;
  /** Stop when the L1 change of the stationary vector in one step is below this. */
  readonly tolerance: number;
  readonly maxIterations: number;
  /** The day participant-weeks start (cred.json `weekStart`); absent means Monday. */
  readonly weekStart?: WeekStart;
}

export const DEFAULT_CREDRANK_PARAMS: CredRankParams = Object.freeze({
  alpha: 0.1,
  beta: 0.4,
  gammaForward: 0.1,
  gammaBackward: 0.1,
  tolerance: 1e-10,
  maxIterations: 1000,
});

/** Share of a participant-week's mass that flows along its contribution edges. */
export function contributionShare(params: CredRankParams): number {
  return 1 - params.alpha - params.beta - params.gammaForward - params.gammaBackward;
}

export function checkCredRankParams(params: CredRankParams): void {
  const { alpha, beta, gammaForward, gammaBackward } = params;
  const shares = { alpha, beta, gammaForward, gammaBackward };
  for (const [name, value] of Object.entries(shares)) {
    if (!(value >= 0 && value <= 1)) {
      throw new CredError('CREDRANK_BAD_PARAM', `cred.${name} must be in [0, 1], got ${value}`, {
        suggestions: [`Set cred.${name} in cred.json to a value in [0, 1].`],
      });
    }
  }
  if (alpha <= 0) {
    throw new CredError(
      'CREDRANK_BAD_PARAM',
      'cred.alpha must be > 0: without radiation the chain need not converge',
      {
        suggestions: ['Set cred.alpha in cred.json to a positive value (SourceCred uses 0.1).'],
      },
    );
  }
  if (contributionShare(params) < -1e-12) {
    throw new CredError(
      'CREDRANK_BAD_PARAM',
      `cred.alpha + beta + gammaForward + gammaBackward must be <= 1, got ${alpha + beta + gammaForward + gammaBackward}`,
      { suggestions: ['Lower one of the four so that they add up to at most 1.'] },
    );
  }
  if (
    !(params.tolerance > 0) ||
    !(Number.isInteger(params.maxIterations) && params.maxIterations > 0)
  ) {
    throw new CredError(
      'CREDRANK_BAD_PARAM',
      'cred.tolerance must be > 0 and cred.maxIterations a positive integer',
      {
        suggestions: ['Remove them from cred.json to use the defaults.'],
      },
    );
  }
}

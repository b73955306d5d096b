/**
 * One CredRank benchmark case, run in its own process so its peak memory is its own: builds the
 * synthetic community, then times the computation (`computeCredRank`: contraction, weights,
 * Markov process, power iteration, per-week cred) and prints one JSON line. `--knobs 1` turns
 * on mint shaping at its most expensive: a weekly budget on every contribution and a reaction
 * cap that treats every contribution as a reaction (so every edge is searched for reactors).
 */
import { computeCredRank } from '../core/credrank/credRank.js';
import { totalCred } from '../core/scores.js';
import type { Weights } from '../core/weights.js';
import { argument, communityFromArguments, peakRssMb, timed } from './caseSetup.js';

export interface CredRankCaseResult {
  readonly edges: number;
  readonly users: number;
  readonly weeks: number;
  readonly knobs: number;
  readonly contributions: number;
  readonly buildGraphMs: number;
  readonly computeMs: number;
  /** CPU time of the computation (user + system): steadier than wall time on a busy machine. */
  readonly computeCpuMs: number;
  readonly iterations: number;
  readonly residual: number;
  readonly totalMint: number;
  readonly relativeError: number;
  readonly peakRssMb: number;
}

const { community, weeks, buildGraphMs } = communityFromArguments();
const knobs = argument('knobs') ?? 0;
const weights: Weights =
  knobs === 0
    ? community.weights
    : {
        ...community.weights,
        budgets: new Map([['bench/contribution', community.contributions / weeks / 2]]),
        reactions: { capPerWeek: 20, nodes: ['bench/contribution'], edges: [] },
      };
const { result, computeMs, computeCpuMs } = timed(() =>
  computeCredRank(community.graph, weights, community.identities),
);
const cred = totalCred(result);
const report: CredRankCaseResult = {
  edges: community.graph.edgeCount,
  users: community.users,
  weeks,
  knobs,
  contributions: community.contributions,
  buildGraphMs,
  computeMs,
  computeCpuMs,
  iterations: result.convergence.iterations,
  residual: result.convergence.residual,
  totalMint: result.totalMint,
  relativeError: Math.abs(cred - result.totalMint) / result.totalMint,
  peakRssMb: peakRssMb(),
};
process.stdout.write(`${JSON.stringify(report)}\n`);

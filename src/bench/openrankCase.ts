/**
 * One OpenRank benchmark case, in its own process: builds the synthetic community (authorship
 * and reactions are activity edges; references between contributions carry no OpenRank), times
 * `computeOpenRank` (activity graph, one solve per calendar month, spreading over weeks) and
 * prints one JSON line.
 */
import { computeOpenRank } from '../core/openrank/openRank.js';
import { communityFromArguments, peakRssMb, timed } from './caseSetup.js';

export interface OpenRankCaseResult {
  readonly edges: number;
  readonly users: number;
  readonly weeks: number;
  readonly months: number;
  readonly buildGraphMs: number;
  readonly computeMs: number;
  /** CPU time of the computation (user + system): steadier than wall time on a busy machine. */
  readonly computeCpuMs: number;
  /** Most iterations any month needed. */
  readonly iterations: number;
  readonly residual: number;
  readonly peakRssMb: number;
}

const { community, weeks, buildGraphMs } = communityFromArguments();
const { result, computeMs, computeCpuMs } = timed(() =>
  computeOpenRank(community.graph, community.weights, community.identities),
);
const report: OpenRankCaseResult = {
  edges: community.graph.edgeCount,
  users: community.users,
  weeks,
  months: result.months.length,
  buildGraphMs,
  computeMs,
  computeCpuMs,
  iterations: result.convergence.iterations,
  residual: result.convergence.residual,
  peakRssMb: peakRssMb(),
};
process.stdout.write(`${JSON.stringify(report)}\n`);

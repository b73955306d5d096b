/**
 * One OpenRank benchmark case, in its own process: builds the synthetic community and times
 * `computeOpenRank` (activity graph, one solve per calendar month, spreading over weeks) under
 * the default preset, ktoken (the KToken document's model, docs/decisions/0302-openrank.md).
 * The community is read as the preset reads GitHub: a contribution is an issue (initial value
 * 1), authorship is activity both ways, a reaction is a 👍 (factor 2) that raises the initial
 * value and is no activity; references between contributions carry no OpenRank. Prints one
 * JSON line.
 */
import { computeOpenRank } from '../core/openrank/openRank.js';
import { KTOKEN_OPENRANK_PARAMS } from '../core/openrank/params.js';
import type { Weights } from '../core/weights.js';
import { communityFromArguments, peakRssMb, timed } from './caseSetup.js';

export interface OpenRankCaseResult {
  readonly preset: 'ktoken';
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
  /** What reactions raised initial values by, over all months. */
  readonly reactionValue: number;
  readonly peakRssMb: number;
}

const { community, weeks, buildGraphMs } = communityFromArguments();
const weights: Weights = {
  ...community.weights,
  edges: new Map([
    ...community.weights.edges,
    ['bench/authors', { forwards: 1, backwards: 1 }],
    ['bench/reacts', { forwards: 2, backwards: 0 }],
  ]),
  reactions: { capPerWeek: undefined, nodes: [], edges: ['bench/reacts'] },
};
const { result, computeMs, computeCpuMs } = timed(() =>
  computeOpenRank(community.graph, weights, community.identities, KTOKEN_OPENRANK_PARAMS),
);
const report: OpenRankCaseResult = {
  preset: 'ktoken',
  edges: community.graph.edgeCount,
  users: community.users,
  weeks,
  months: result.months.length,
  buildGraphMs,
  computeMs,
  computeCpuMs,
  iterations: result.convergence.iterations,
  residual: result.convergence.residual,
  reactionValue: result.months.reduce((sum, month) => sum + month.reactionValue, 0),
  peakRssMb: peakRssMb(),
};
process.stdout.write(`${JSON.stringify(report)}\n`);

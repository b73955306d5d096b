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
import { syntheticCommunity } from './syntheticGraph.js';

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

function argument(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}

const edges = argument('edges') ?? 100_000;
const weeks = argument('weeks') ?? 52;
const users = argument('users');
const knobs = argument('knobs') ?? 0;
const buildStart = performance.now();
const community = syntheticCommunity({ edges, weeks, ...(users === undefined ? {} : { users }) });
const weights: Weights =
  knobs === 0
    ? community.weights
    : {
        ...community.weights,
        budgets: new Map([['bench/contribution', community.contributions / weeks / 2]]),
        reactions: { capPerWeek: 20, nodes: ['bench/contribution'], edges: [] },
      };
const cpuStart = process.cpuUsage();
const computeStart = performance.now();
const result = computeCredRank(community.graph, weights, community.identities);
const computeEnd = performance.now();
const cpu = process.cpuUsage(cpuStart);
const cred = totalCred(result);
const report: CredRankCaseResult = {
  edges: community.graph.edgeCount,
  users: community.users,
  weeks,
  knobs,
  contributions: community.contributions,
  buildGraphMs: Math.round(computeStart - buildStart),
  computeMs: Math.round(computeEnd - computeStart),
  computeCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  iterations: result.convergence.iterations,
  residual: result.convergence.residual,
  totalMint: result.totalMint,
  relativeError: Math.abs(cred - result.totalMint) / result.totalMint,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(`${JSON.stringify(report)}\n`);

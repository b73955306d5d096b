/**
 * One CredRank benchmark case, run in its own process so its peak memory is its own: builds the
 * synthetic community, then times the computation (`computeCredRank`: contraction, weights,
 * Markov process, power iteration, per-week cred) and prints one JSON line.
 */
import { computeCredRank } from '../core/credrank/credRank.js';
import { totalCred } from '../core/scores.js';
import { syntheticCommunity } from './syntheticGraph.js';

export interface CredRankCaseResult {
  readonly edges: number;
  readonly users: number;
  readonly weeks: number;
  readonly contributions: number;
  readonly buildGraphMs: number;
  readonly computeMs: number;
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
const buildStart = performance.now();
const community = syntheticCommunity({ edges, weeks, ...(users === undefined ? {} : { users }) });
const computeStart = performance.now();
const result = computeCredRank(community.graph, community.weights, community.identities);
const computeEnd = performance.now();
const cred = totalCred(result);
const report: CredRankCaseResult = {
  edges: community.graph.edgeCount,
  users: community.users,
  weeks,
  contributions: community.contributions,
  buildGraphMs: Math.round(computeStart - buildStart),
  computeMs: Math.round(computeEnd - computeStart),
  iterations: result.convergence.iterations,
  residual: result.convergence.residual,
  totalMint: result.totalMint,
  relativeError: Math.abs(cred - result.totalMint) / result.totalMint,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(`${JSON.stringify(report)}\n`);

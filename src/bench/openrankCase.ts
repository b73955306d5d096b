/**
 * One OpenRank benchmark case, in its own process: builds the synthetic community (authorship
 * and reactions are activity edges; references between contributions carry no OpenRank), times
 * `computeOpenRank` (activity graph, one solve per calendar month, spreading over weeks) and
 * prints one JSON line.
 */
import { computeOpenRank } from '../core/openrank/openRank.js';
import { syntheticCommunity } from './syntheticGraph.js';

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

function argument(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}

const edges = argument('edges') ?? 100_000;
const weeks = argument('weeks') ?? 52;
const users = argument('users');
const buildStart = performance.now();
const community = syntheticCommunity({ edges, weeks, ...(users === undefined ? {} : { users }) });
const cpuStart = process.cpuUsage();
const computeStart = performance.now();
const result = computeOpenRank(community.graph, community.weights, community.identities);
const computeEnd = performance.now();
const cpu = process.cpuUsage(cpuStart);
const report: OpenRankCaseResult = {
  edges: community.graph.edgeCount,
  users: community.users,
  weeks,
  months: result.months.length,
  buildGraphMs: Math.round(computeStart - buildStart),
  computeMs: Math.round(computeEnd - computeStart),
  computeCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  iterations: result.convergence.iterations,
  residual: result.convergence.residual,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(`${JSON.stringify(report)}\n`);

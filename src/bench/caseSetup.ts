/**
 * What every benchmark case does around the computation it times: read `--edges`, `--weeks`,
 * `--users` (and its own options) from the command line, build the synthetic community, and
 * measure wall time, CPU time and peak memory of one call.
 */
import { syntheticCommunity, type SyntheticCommunity } from './syntheticGraph.js';

export function argument(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}

export interface CaseCommunity {
  readonly community: SyntheticCommunity;
  readonly weeks: number;
  readonly buildGraphMs: number;
}

export function communityFromArguments(): CaseCommunity {
  const edges = argument('edges') ?? 100_000;
  const weeks = argument('weeks') ?? 52;
  const users = argument('users');
  const startMs = performance.now();
  const community = syntheticCommunity({ edges, weeks, ...(users === undefined ? {} : { users }) });
  return { community, weeks, buildGraphMs: Math.round(performance.now() - startMs) };
}

export interface Timed<T> {
  readonly result: T;
  readonly computeMs: number;
  /** CPU time (user + system): steadier than wall time on a busy machine. */
  readonly computeCpuMs: number;
}

export function timed<T>(compute: () => T): Timed<T> {
  const cpuStart = process.cpuUsage();
  const startMs = performance.now();
  const result = compute();
  const computeMs = Math.round(performance.now() - startMs);
  const cpu = process.cpuUsage(cpuStart);
  return { result, computeMs, computeCpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * One `node` process as a user waits for it, measured from outside by /usr/bin/time: wall
 * seconds, user + system CPU seconds (steadier than wall time on a shared machine) and peak
 * RSS. The benchmarks that time fresh processes (e2eCase.ts, ledgerCase.ts) share it, so their
 * figures are read the same way.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ProcessTime {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

/** Runs `node ...args` in `cwd` (its report goes to cwd/time.txt); throws when it fails. */
export function timeNode(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): ProcessTime {
  const report = path.join(cwd, 'time.txt');
  const timed = ['-f', '%e %U %S %M', '-o', report, process.execPath, ...args];
  const result = spawnSync('/usr/bin/time', timed, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  const line = readFileSync(report, 'utf8').trim().split('\n').at(-1) ?? '';
  const [wall, user, system, rssKb] = line.split(/\s+/).map(Number);
  return {
    seconds: wall ?? 0,
    cpuSeconds: (user ?? 0) + (system ?? 0),
    peakRssMb: Math.round((rssKb ?? 0) / 1024),
  };
}

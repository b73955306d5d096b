/**
 * How long the CLI takes to answer, as a user waits for it: each command's median wall time
 * over 5 runs as a fresh process, and its ratio to `node -e 0` on the same machine at the same
 * time (the targets are ratios, so a busy machine skews them less than absolute times). The
 * instance commands run on the demo instance (demo-run/ when a demo was played there, else the
 * demo is played once into a temporary folder, and that run's wall time is reported too).
 * Prints one JSON line: rows of { command, medianMs, ratio }.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../instance/init.js';

const RUNS = 5;
const BIN = path.join(PROJECT_ROOT, 'bin', 'run.js');

function medianMs(args: readonly string[], cwd: string): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const startMs = performance.now();
    const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
    times.push(performance.now() - startMs);
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
}

function demoInstance(): { dir: string; demoSeconds?: number } {
  const existing = path.join(PROJECT_ROOT, 'demo-run');
  if (existsSync(path.join(existing, 'data', 'ledger.jsonl'))) return { dir: existing };
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'cred-bench-cli-')), 'demo');
  process.stderr.write(`› cli: playing the demo into ${dir}\n`);
  const startMs = performance.now();
  const result = spawnSync(process.execPath, [BIN, 'demo', '--dir', dir, '--json'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`cred demo failed: ${result.stderr}`);
  return { dir, demoSeconds: (performance.now() - startMs) / 1000 };
}

const { dir, demoSeconds } = demoInstance();
const nodeMs = medianMs(['-e', '0'], dir);
const commands = [
  ['--version'],
  ['--help'],
  ['ledger', 'verify'],
  ['identity', 'list'],
  ['payout', '--help'],
];
const rows: Record<string, unknown>[] = [{ command: 'node -e 0', medianMs: nodeMs, ratio: 1 }];
for (const args of commands) {
  const ms = medianMs([BIN, ...args], dir);
  rows.push({ command: `cred ${args.join(' ')}`, medianMs: ms, ratio: ms / nodeMs });
}
if (demoSeconds !== undefined)
  rows.push({ command: 'cred demo (fresh)', medianMs: demoSeconds * 1000 });
rows.push({ command: 'load average (1 min)', medianMs: loadavg()[0] });
process.stdout.write(`${JSON.stringify(rows)}\n`);

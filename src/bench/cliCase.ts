/**
 * How long the CLI takes to answer, as a user waits for it: each command's median wall time
 * over 5 runs as a fresh process, and its ratio to `node -e 0` on the same machine at the same
 * time (the targets are ratios, so a busy machine skews them less than absolute times). The
 * instance commands run on the demo instance (demo-run/ when a demo was played there, else the
 * demo is played once into a temporary folder, and that run's wall time is reported too).
 * Prints one JSON line: rows of { command, medianMs, ratio }.
 *
 * When NODE_EXTRA_CA_CERTS is set, Node parses that certificate file at every start, before
 * any of cred's code runs (on a machine whose bundle holds the system's root certificates, it
 * costs `node -e 0` itself some 40 ms). Rows then also give `withoutExtraCaMs` and
 * `withoutExtraCaRatio`: the same command with that variable removed, which is how a machine
 * without a custom certificate bundle starts it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../instance/init.js';
import { median } from './median.js';

const RUNS = 5;
const BIN = path.join(PROJECT_ROOT, 'bin', 'run.js');

const EXTRA_CA = process.env.NODE_EXTRA_CA_CERTS;

function envWithoutExtraCa(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

function medianMs(args: readonly string[], cwd: string, env = process.env): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const startMs = performance.now();
    const result = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' });
    times.push(performance.now() - startMs);
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  }
  return median(times);
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

/** The command's row: its median and ratio, and the same without NODE_EXTRA_CA_CERTS if set. */
function row(command: string, args: readonly string[], dir: string, node?: Row): Row {
  const ms = medianMs(args, dir);
  const result: Row = { command, medianMs: ms, ratio: node === undefined ? 1 : ms / node.medianMs };
  if (EXTRA_CA === undefined) return result;
  const withoutMs = medianMs(args, dir, envWithoutExtraCa());
  const nodeWithout = node?.withoutExtraCaMs ?? withoutMs;
  return { ...result, withoutExtraCaMs: withoutMs, withoutExtraCaRatio: withoutMs / nodeWithout };
}

interface Row {
  readonly command: string;
  readonly medianMs: number;
  readonly ratio: number;
  readonly withoutExtraCaMs?: number;
  readonly withoutExtraCaRatio?: number;
}

const { dir, demoSeconds } = demoInstance();
const node = row('node -e 0', ['-e', '0'], dir);
const commands = [
  ['--version'],
  ['--help'],
  ['ledger', 'verify'],
  ['identity', 'list'],
  ['payout', '--help'],
];
const rows: Record<string, unknown>[] = [{ ...node }];
for (const args of commands)
  rows.push({ ...row(`cred ${args.join(' ')}`, [BIN, ...args], dir, node) });
if (demoSeconds !== undefined)
  rows.push({ command: 'cred demo (fresh)', medianMs: demoSeconds * 1000 });
rows.push({ command: 'load average (1 min)', medianMs: loadavg()[0] });
process.stdout.write(`${JSON.stringify(rows)}\n`);

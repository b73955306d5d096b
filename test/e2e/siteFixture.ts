/**
 * The instance the explorer's end-to-end tests run on: `cred init`'s example records plus a
 * synthetic community loaded as a plugin package (src/bench/syntheticPlugin.ts), scored and
 * built with the real commands. Set CRED_SITE_INSTANCE to a folder holding an instance to run
 * the same tests on it instead (e.g. the demo instance, once it exists): it is copied, scored
 * and built, never changed in place. `buildLedgerFixture` adds a finalized payout (unless the
 * instance already has one) for the ledger views.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import type { ScoresFile } from '../../src/instance/score/credOutput.js';
import { replayLedger } from '../../src/ledger/replay.js';
import type { PayoutRecord } from '../../src/ledger/state.js';
import { LedgerStore } from '../../src/ledger/store.js';
import { cred, PROJECT, scratchDir, testEnv } from './cli.js';

export const SYNTHETIC_PLUGIN = path.join(PROJECT, 'dist', 'bench', 'syntheticPlugin.js');
const BIN = path.join(PROJECT, 'bin', 'run.js');

/** A small community: 40 people over 20 weeks, besides the three of the example records. */
export const FIXTURE_SHAPE = { edges: 1500, weeks: 20, users: 40, seed: 7 };

async function run(args: readonly string[], cwd: string): Promise<string> {
  const result = await cred(args, cwd);
  if (result.code !== 0) {
    throw new Error(`cred ${args.join(' ')} failed (${result.code}):\n${result.stderr}`);
  }
  return result.stdout;
}

/** A copy of CRED_SITE_INSTANCE, or `cred init` plus the synthetic community; returns it. */
async function fixtureInstance(): Promise<{ dir: string; given: boolean }> {
  const dir = path.join(scratchDir('cred-site-'), 'community');
  const source = process.env.CRED_SITE_INSTANCE;
  if (source !== undefined && source !== '') {
    cpSync(source, dir, { recursive: true });
    return { dir, given: true };
  }
  await run(['init', dir, '--name', 'Fixture community'], path.dirname(dir));
  const configFile = path.join(dir, 'cred.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  config.plugins.bench = { package: SYNTHETIC_PLUGIN, ...FIXTURE_SHAPE };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  return { dir, given: false };
}

/** Creates, scores and builds the site of the fixture instance; returns its folder. */
export async function buildSiteFixture(): Promise<string> {
  const { dir } = await fixtureInstance();
  await run(['score', '-q', '--json-scores'], dir);
  await run(['site', '-q'], dir);
  return dir;
}

export interface LedgerFixture {
  readonly dir: string;
  /** The month of the finalized payout the tests look at. */
  readonly month: string;
}

/** The finalized payouts of an instance's ledger. */
export function finalPayouts(dir: string): PayoutRecord[] {
  const file = path.join(dir, 'data', 'ledger.jsonl');
  if (!existsSync(file)) return [];
  const { state } = replayLedger(readFileSync(file, 'utf8'), 'data/ledger.jsonl');
  return [...state.payouts.values()].filter((payout) => payout.status === 'final');
}

/**
 * The fixture instance with a finalized payout: unless it has one, `cred load`, a payout
 * section, an exclusion, `cred payout --month <busiest month> --revenue 1000 --finalize`, two
 * expenses filed for it (one settled as paid, as the Open Collective step would record them),
 * and the month's report written again so it shows them. Then `cred site`.
 */
export async function buildLedgerFixture(): Promise<LedgerFixture> {
  const { dir } = await fixtureInstance();
  let payout = finalPayouts(dir).at(-1);
  if (payout === undefined) {
    const configFile = path.join(dir, 'cred.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    config.payout ??= { ratio: '0.8', minimum: '5.00', reviewDays: 7 };
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    await run(['load', '-q'], dir);
    await run(['score', '-q', '--json-scores'], dir);
    const scores = JSON.parse(readFileSync(path.join(dir, 'output', 'cred.json'), 'utf8'));
    const { month, excluded } = busiestMonth(scores as ScoresFile);
    const reason = 'Asked not to be paid this month';
    await run(['payout', 'exclude', excluded, '--month', month, '--reason', reason, '-q'], dir);
    await run(['payout', '--month', month, '--revenue', '1000', '--finalize', '-q'], dir);
    payout = finalPayouts(dir).at(-1) as PayoutRecord;
    await fileExpenses(dir, payout);
    await run(['payout', '--month', month, '-q'], dir);
  }
  await run(['score', '-q', '--json-scores'], dir);
  await run(['site', '-q'], dir);
  return { dir, month: payout.month };
}

/** The month holding the week with the most cred, and the second identity of that week. */
function busiestMonth(scores: ScoresFile): { month: string; excluded: string } {
  let best = { week: 0, cred: -1 };
  for (const row of scores.identities) {
    row.cred.forEach((cred, week) => {
      if (cred > best.cred) best = { week, cred };
    });
  }
  const ranked = [...scores.identities].sort((a, b) => b.cred[best.week]! - a.cred[best.week]!);
  return { month: scores.weeks[best.week]!.slice(0, 7), excluded: ranked[1]!.id };
}

/** Files expenses for the two largest payments; the first is paid on Open Collective. */
async function fileExpenses(dir: string, payout: PayoutRecord): Promise<void> {
  const largest = [...payout.payments].sort(([, a], [, b]) => (b > a ? 1 : b < a ? -1 : 0));
  const store = new LedgerStore(path.join(dir, 'data', 'ledger.jsonl'), () => Date.now());
  await store.append(() =>
    largest.slice(0, 2).flatMap(([identityId, amount], k) => {
      const reference = `${payout.id}-${identityId}`;
      const filed = {
        type: 'expense.file' as const,
        reference,
        identityId,
        amount: amount.toString(),
        distributionId: payout.id,
        platform: 'opencollective' as const,
        externalId: `oc-expense-${1001 + k}`,
      };
      if (k > 0) return [filed];
      const settled = { type: 'expense.settle' as const, reference, outcome: 'paid' as const };
      return [filed, { ...settled, externalId: `oc-expense-${1001 + k}` }];
    }),
  );
}

export interface ServeProcess {
  readonly url: string;
  /** Stops the server and waits for the process to exit. */
  stop(): Promise<void>;
}

/** Runs `cred serve --port 0` on an instance; resolves with its URL once it listens. */
export function startServe(dir: string, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--instance', dir], {
    env: testEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`cred serve did not start:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /at (http:\/\/\S+\/) /.exec(output);
      if (match === null) return;
      clearTimeout(timer);
      resolve({ url: match[1] as string, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cred serve exited (${code}):\n${output}`));
    });
  });
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Every file under `root`, sorted. */
export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((file) => path.join(root, file))
    .filter((file) => statSync(file).isFile())
    .sort();
}

/** GET with the path sent exactly as written (no URL normalization). */
export function rawGet(
  url: string,
  rawPath: string,
): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: rawPath }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: String(response.headers['content-type'] ?? ''),
          body,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

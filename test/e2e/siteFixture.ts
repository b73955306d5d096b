/**
 * The instance the explorer's end-to-end tests run on: `cred init`'s example records plus a
 * synthetic community loaded as a plugin package (src/bench/syntheticPlugin.ts), scored and
 * built with the real commands. Set CRED_SITE_INSTANCE to a folder holding an instance to run
 * the same tests on it instead (e.g. the demo instance, once it exists): it is copied, scored
 * and built, never changed in place.
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cred, PROJECT, scratchDir } from './cli.js';

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

/** Creates, scores and builds the site of the fixture instance; returns its folder. */
export async function buildSiteFixture(): Promise<string> {
  const dir = path.join(scratchDir('cred-site-'), 'community');
  const source = process.env.CRED_SITE_INSTANCE;
  if (source !== undefined && source !== '') {
    cpSync(source, dir, { recursive: true });
  } else {
    await run(['init', dir, '--name', 'Fixture community'], path.dirname(dir));
    const configFile = path.join(dir, 'cred.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    config.plugins.bench = { package: SYNTHETIC_PLUGIN, ...FIXTURE_SHAPE };
    writeFileSync(configFile, JSON.stringify(config, null, 2));
  }
  await run(['score', '-q'], dir);
  await run(['site', '-q'], dir);
  return dir;
}

export interface ServeProcess {
  readonly url: string;
  /** Stops the server and waits for the process to exit. */
  stop(): Promise<void>;
}

/** Runs `cred serve --port 0` on an instance; resolves with its URL once it listens. */
export function startServe(dir: string, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--instance', dir], {
    env: { ...process.env, TZ: 'UTC', NO_COLOR: '1', ...env },
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

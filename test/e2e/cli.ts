/**
 * Runs the built CLI (bin/run.js over dist/) as a user would, in a temporary folder, and
 * returns its exit code and output. `npm test` builds before running these tests.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(PROJECT, 'bin', 'run.js');

/**
 * The environment of a process a test starts: the test's own, in UTC and without colour, and
 * without NODE_EXTRA_CA_CERTS. Node 20 parses that file of certificates at every start, before
 * any of cred's code runs (about 40 ms of CPU on a machine whose bundle holds the system's root
 * certificates), and nothing a test starts speaks TLS: every server is a loopback stand-in on
 * plain HTTP. The suite starts the CLI some thousands of times.
 */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.NODE_EXTRA_CA_CERTS;
  return { ...inherited, TZ: 'UTC', NO_COLOR: '1', ...extra };
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cred(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd,
        env: testEnv(env),
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `cred ... --json`, parsed. */
export async function credJson<T = unknown>(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; json: T; stderr: string }> {
  const result = await cred([...args, '--json'], cwd, env);
  let json: T;
  try {
    json = JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return { code: result.code, json, stderr: result.stderr };
}

export function scratchDir(prefix = 'cred-e2e-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * The GitHub plugin's load against the GitHub stand-in with an injected clock and sleep (waits
 * are asserted, not waited for): shared by the GitHub load tests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalJson } from '../../src/core/canonicalJson.js';
import { toGraphJson } from '../../src/core/graphJson.js';
import type { LoadSummary, PluginContext } from '../../src/core/plugin.js';
import { parseGithubConfig, type GithubConfig } from '../../src/plugins/github/config.js';
import { githubPlugin } from '../../src/plugins/github/index.js';
import { fixtureDataset } from '../../src/replay/github/fixture.js';
import {
  operationName,
  startGithubStandIn,
  type GithubStandIn,
} from '../../src/replay/github/githubStandIn.js';

export const TOKEN = 'test-token-not-real';
export const START_MS = Date.parse('2026-10-20T12:00:00Z');
export const REPOS = ['lantern-labs/lamp', 'lantern-labs/wick'];

let standIn: GithubStandIn | undefined;

/** Closes the stand-in `harness` started (call in afterEach). */
export async function closeGithubStandIn(): Promise<void> {
  await standIn?.close();
  standIn = undefined;
}

export interface Harness {
  readonly standIn: GithubStandIn;
  readonly cacheDir: string;
  readonly sleeps: number[];
  readonly progress: string[];
  clock: number;
  context(
    config?: Record<string, unknown>,
    env?: Record<string, string>,
  ): PluginContext<GithubConfig>;
  load(config?: Record<string, unknown>): Promise<LoadSummary>;
  /** Operation names of the requests logged since `from`. */
  operations(from?: number): string[];
}

export async function harness(options: { token?: string } = {}): Promise<Harness> {
  const h = {
    sleeps: [] as number[],
    progress: [] as string[],
    clock: START_MS,
    cacheDir: mkdtempSync(path.join(tmpdir(), 'cred-github-load-')),
  } as Harness & { clock: number };
  standIn = await startGithubStandIn(fixtureDataset(), { nowMs: () => h.clock, ...options });
  Object.assign(h, {
    standIn,
    context: (config: Record<string, unknown> = {}, env = { GITHUB_TOKEN: TOKEN }) => ({
      config: parseGithubConfig(
        { repositories: REPOS, apiUrl: standIn!.apiUrl, ...config },
        'test',
      ),
      instanceDir: h.cacheDir,
      cacheDir: h.cacheDir,
      env,
      reporter: {
        progress: (m: string) => h.progress.push(m),
        warn: (m: string) => h.progress.push(m),
      },
      nowMs: () => h.clock,
      sleep: async (ms: number) => {
        h.sleeps.push(ms);
        h.clock += ms;
      },
    }),
    load: (config?: Record<string, unknown>) => githubPlugin.load!(h.context(config)),
    operations: (from = 0) => standIn!.requests.slice(from).map((r) => operationName(r) ?? '?'),
  });
  return h;
}

export async function graphText(h: Harness): Promise<string> {
  return canonicalJson(toGraphJson(await githubPlugin.graph(h.context())));
}

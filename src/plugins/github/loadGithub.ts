/**
 * `load` of the GitHub plugin: opens the mirror, loads each configured repository in turn
 * (load.ts), and sums up what it did: items written by kind, and requests by repository and
 * object kind (the figure an incremental load keeps small: an unchanged repository costs one
 * request per kind).
 */
import path from 'node:path';
import { CredError } from '../../core/errors.js';
import type { LoadSummary, PluginContext, SourceLoadReport } from '../../core/plugin.js';
import { githubToken, type GithubConfig } from './config.js';
import { GithubClient } from './fetch.js';
import { loadRepository } from './load.js';
import { GithubMirror } from './mirror.js';
import { PAGE_SIZE } from './queries.js';
import { repoTally, type LoadRun } from './run.js';

export const MIRROR_FILE = 'github.sqlite';

export function mirrorPath(cacheDir: string): string {
  return path.join(cacheDir, MIRROR_FILE);
}

/** Opens the mirror, turning a damaged file into an error that says what to do. */
export function openMirror(cacheDir: string): GithubMirror {
  const file = mirrorPath(cacheDir);
  try {
    return GithubMirror.open(file);
  } catch (error) {
    throw new CredError(
      'GITHUB_CACHE_DAMAGED',
      `${file}: cannot be read: ${(error as Error).message}`,
      {
        ref: file,
        suggestions: [
          `Delete ${file} and run "cred load" again: the cache is rebuilt from GitHub.`,
        ],
      },
    );
  }
}

export interface LoadGithubOptions {
  /** The fetch @octokit/graphql uses (default: the global one). */
  readonly fetch?: typeof globalThis.fetch;
}

export async function loadGithub(
  context: PluginContext<GithubConfig>,
  options: LoadGithubOptions = {},
): Promise<LoadSummary> {
  const { config } = context;
  const client = new GithubClient({
    apiUrl: config.apiUrl,
    token: githubToken(context.env),
    timeoutMs: config.timeoutSeconds * 1000,
    sleep: context.sleep,
    nowMs: context.nowMs,
    ...(context.wallMs === undefined ? {} : { wallMs: context.wallMs }),
    reporter: context.reporter,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const mirror = openMirror(context.cacheDir);
  const run: LoadRun = {
    config,
    client,
    mirror,
    reporter: context.reporter,
    nowMs: context.nowMs,
    sizes: { ...PAGE_SIZE },
    streaks: { issues: 0, pulls: 0, commits: 0, more: 0 },
    counts: {},
    tallies: new Map(),
  };
  try {
    for (const repository of config.repositories) {
      context.reporter.progress(`github: loading ${repository}`);
      await loadRepository(run, repository);
    }
  } finally {
    mirror.close();
  }
  return summarize(config, client, run);
}

function summarize(config: GithubConfig, client: GithubClient, run: LoadRun): LoadSummary {
  const sources = config.repositories.map((repository) => sourceReport(client, run, repository));
  const notes = sources.map((source) => {
    const kinds = [...client.stats]
      .filter(([tag]) => tag.startsWith(`${source.source} `))
      .map(([tag, stats]) => `${tag.slice(source.source.length + 1)} ${stats.requests}`);
    return `${source.source}: ${source.requests} requests (${kinds.join(', ')})`;
  });
  notes.push(`rate-limit points spent: ${client.points}`);
  const report = { sources };
  return { requests: client.requests, items: { ...run.counts }, notes, report };
}

function sourceReport(client: GithubClient, run: LoadRun, repository: string): SourceLoadReport {
  const total = { requests: 0, points: 0, waits: 0, waitedMs: 0, retries: 0, shrinks: 0 };
  for (const [tag, stats] of client.stats) {
    if (!tag.startsWith(`${repository} `)) continue;
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += stats[key];
  }
  const tally = repoTally(run, repository);
  const sorted = (counts: Map<string, number>) => Object.fromEntries([...counts].sort());
  return {
    source: repository,
    requests: total.requests,
    cost: total.points,
    waits: { count: total.waits, seconds: total.waitedMs / 1000 },
    retries: total.retries,
    pageShrinks: total.shrinks,
    fullRefresh: tally.fullRefresh,
    kinds: [...tally.kinds.values()].map((kind) => ({ ...kind })),
    reactions: { counted: sorted(tally.counted), notCounted: sorted(tally.notCounted) },
  };
}

/**
 * `load` of the GitHub plugin: opens the mirror, loads each configured repository in turn
 * (load.ts), and sums up what it did: items written by kind, and requests by repository and
 * object kind (the figure an incremental load keeps small: an unchanged repository costs one
 * request per kind).
 */
import path from 'node:path';
import { CredError } from '../../core/errors.js';
import type { LoadSummary, PluginContext } from '../../core/plugin.js';
import { githubToken, type GithubConfig } from './config.js';
import { GithubClient } from './fetch.js';
import type { Counts } from './ingest.js';
import { loadRepository } from './load.js';
import { GithubMirror } from './mirror.js';
import { PAGE_SIZE } from './queries.js';
import type { LoadRun } from './run.js';

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
    counts: {},
  };
  try {
    for (const repository of config.repositories) {
      context.reporter.progress(`github: loading ${repository}`);
      await loadRepository(run, repository);
    }
  } finally {
    mirror.close();
  }
  return summarize(config, client, run.counts);
}

function summarize(config: GithubConfig, client: GithubClient, counts: Counts): LoadSummary {
  const notes = config.repositories.map((repository) => {
    const kinds = [...client.requestsByTag]
      .filter(([tag]) => tag.startsWith(`${repository} `))
      .map(([tag, n]) => `${tag.slice(repository.length + 1)} ${n}`);
    const total = [...client.requestsByTag]
      .filter(([tag]) => tag.startsWith(`${repository} `))
      .reduce((sum, [, n]) => sum + n, 0);
    return `${repository}: ${total} requests (${kinds.join(', ')})`;
  });
  notes.push(`rate-limit points spent: ${client.points}`);
  return { requests: client.requests, items: { ...counts }, notes };
}

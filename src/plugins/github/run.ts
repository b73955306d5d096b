/**
 * What one load shares across repositories and object kinds: the settings, the client, the
 * mirror, current page sizes and counts; and the helpers every kind uses (sending a paged
 * query that shrinks on timeouts, deciding when a full refresh is due).
 */
import type { ZodType } from 'zod';
import { PluginFetchError } from '../../core/errors.js';
import type { ProgressReporter } from '../../core/plugin.js';
import type { GithubConfig } from './config.js';
import { GithubTimeout, type GithubClient } from './fetch.js';
import type { Counts } from './ingest.js';
import type { GithubMirror } from './mirror.js';
import type { PAGE_SIZE } from './queries.js';

const DAY_MS = 86_400_000;

export interface LoadRun {
  readonly config: GithubConfig;
  readonly client: GithubClient;
  readonly mirror: GithubMirror;
  readonly reporter: ProgressReporter;
  readonly nowMs: () => number;
  /** Current page sizes; halved for the rest of the load when a page times out. */
  readonly sizes: { -readonly [K in keyof typeof PAGE_SIZE]: number };
  readonly counts: Counts;
}

export function repoParts(repository: string): { owner: string; name: string; key: string } {
  const [owner, name] = repository.split('/') as [string, string];
  return { owner, name, key: repository.toLowerCase() };
}

/** True when a pass should re-read everything (first load, or the refresh is due). */
export function isFullPassDue(run: LoadRun, lastFullMs: number | null): boolean {
  if (lastFullMs === null) return true;
  const days = run.config.fullRefreshDays;
  return days > 0 && run.nowMs() - lastFullMs >= days * DAY_MS;
}

export function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Sends a query built for the current page size of `size`, halving that size (for the rest of
 * the load) each time the request times out; counts it under "<repository> <kind>".
 */
export async function pagedQuery<S extends ZodType>(
  run: LoadRun,
  repository: string,
  kind: string,
  size: keyof LoadRun['sizes'],
  build: (first: number) => { text: string; variables: Record<string, unknown>; schema: S },
) {
  for (;;) {
    const first = run.sizes[size];
    const request = build(first);
    try {
      return await run.client.query({
        ...request,
        tag: `${repository} ${kind}`,
        what: `${operationOf(request.text)} for ${repository}`,
      });
    } catch (error) {
      if (!(error instanceof GithubTimeout)) throw error;
      const shrinkable = 'first' in request.variables && first > 1;
      if (!shrinkable) {
        const detail = 'first' in request.variables ? ', even one item at a time' : '';
        throw new PluginFetchError(
          'GITHUB_TIMEOUT',
          `${run.config.apiUrl}: ${error.message}: no answer within ${run.config.timeoutSeconds} s${detail}`,
          {
            url: run.config.apiUrl,
            suggestions: [
              'Raise "timeoutSeconds" in cred.json (plugins.github), or run "cred load" again later: it resumes where it stopped.',
            ],
          },
        );
      }
      run.sizes[size] = Math.max(1, Math.floor(first / 2));
      run.reporter.progress(
        `github: ${repository} ${kind}: no answer within ${run.config.timeoutSeconds} s; retrying with pages of ${run.sizes[size]}`,
      );
    }
  }
}

function operationOf(text: string): string {
  return /query\s+(\w+)/.exec(text)?.[1] ?? 'query';
}

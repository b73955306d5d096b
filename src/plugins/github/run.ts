/**
 * What one load shares across repositories and object kinds: the settings, the client, the
 * mirror, current page sizes and counts; and the helpers every kind uses (sending a paged
 * query that shrinks when GitHub cannot answer a large page and grows back once it can,
 * deciding when a full refresh is due).
 */
import type { ZodType } from 'zod';
import { PluginFetchError } from '../../core/errors.js';
import type { KindTally } from '../../core/loadReport.js';
import type { ProgressReporter } from '../../core/plugin.js';
import type { GithubConfig } from './config.js';
import { GithubTimeout, type GithubClient } from './fetch.js';
import type { Counts, Ingest } from './ingest.js';
import type { GithubMirror } from './mirror.js';
import { PAGE_SIZE } from './queries.js';
import { MAX_TRANSIENT_RETRIES } from './rateLimit.js';

/** Pages answered in a row at a reduced size before the size doubles back. */
export const GROW_AFTER = 2;

/** What one repository's load read, for the structured report. */
export interface RepoTally {
  readonly kinds: Map<string, KindTally>;
  /** Reactions read, by content: those with an edge type, and the others. */
  readonly counted: Map<string, number>;
  readonly notCounted: Map<string, number>;
  fullRefresh: boolean;
}

const DAY_MS = 86_400_000;

export interface LoadRun {
  readonly config: GithubConfig;
  readonly client: GithubClient;
  readonly mirror: GithubMirror;
  readonly reporter: ProgressReporter;
  readonly nowMs: () => number;
  /** Current page sizes: halved when a page is too much, doubled back after GROW_AFTER pages. */
  readonly sizes: { -readonly [K in keyof typeof PAGE_SIZE]: number };
  /** Pages answered in a row at the current reduced size. */
  readonly streaks: { -readonly [K in keyof typeof PAGE_SIZE]: number };
  readonly counts: Counts;
  readonly tallies: Map<string, RepoTally>;
}

/** The tally of one repository, created empty on first use. */
export function repoTally(run: LoadRun, repository: string): RepoTally {
  let tally = run.tallies.get(repository);
  if (tally === undefined) {
    tally = { kinds: new Map(), counted: new Map(), notCounted: new Map(), fullRefresh: false };
    run.tallies.set(repository, tally);
  }
  return tally;
}

/** Where ingesting a page of `repository` writes and counts. */
export function ingestFor(run: LoadRun, repository: string): Ingest {
  const tally = repoTally(run, repository);
  return { mirror: run.mirror, repo: repoParts(repository).key, counts: run.counts, tally };
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

/** Marks a full pass in the report and, when it is the periodic refresh, says so. */
export function announceFullPass(
  run: LoadRun,
  repository: string,
  kind: string,
  pass: { readonly startedMs: number },
  lastFullMs: number | null,
): void {
  repoTally(run, repository).fullRefresh = true;
  if (lastFullMs === null) return;
  const days = Math.floor((pass.startedMs - lastFullMs) / DAY_MS);
  run.reporter.progress(
    `github: ${repository} ${kind}: re-reading everything (the last full read was ${days} days ago; fullRefreshDays is ${run.config.fullRefreshDays})`,
  );
}

export function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Sends a query built for the current page size of `size`, counted under "<repository> <kind>".
 * When GitHub cannot answer it in time (no answer, a 502/504, its own query timeout) the page
 * is halved and sent again; a query without a page is sent again after a growing pause, a
 * bounded number of times. After GROW_AFTER answered pages at a reduced size it doubles back,
 * so a passing fault does not leave the rest of the load on small pages.
 */
export async function pagedQuery<S extends ZodType>(
  run: LoadRun,
  repository: string,
  kind: string,
  size: keyof LoadRun['sizes'],
  build: (first: number) => { text: string; variables: Record<string, unknown>; schema: S },
) {
  const tag = `${repository} ${kind}`;
  for (let retries = 0; ;) {
    const first = run.sizes[size];
    const request = build(first);
    try {
      const answer = await run.client.query({
        ...request,
        tag,
        what: `${operationOf(request.text)} for ${repository}`,
      });
      if ('first' in request.variables) growBack(run, size, first);
      return answer;
    } catch (error) {
      if (!(error instanceof GithubTimeout)) throw error;
      const why = error.timedOut ? `no answer within ${run.config.timeoutSeconds} s` : error.reason;
      if ('first' in request.variables && first > 1) {
        run.sizes[size] = Math.max(1, Math.floor(first / 2));
        run.streaks[size] = 0;
        run.client.statsFor(tag).shrinks++;
        run.reporter.progress(`github: ${tag}: ${why}; retrying with pages of ${run.sizes[size]}`);
        continue;
      }
      if (!error.timedOut && retries < MAX_TRANSIENT_RETRIES) {
        run.client.statsFor(tag).retries++;
        await run.client.pause(`${why} (${error.what})`, 1000 * 2 ** retries++);
        continue;
      }
      throw tooMuch(run, error, why, 'first' in request.variables);
    }
  }
}

function growBack(run: LoadRun, size: keyof LoadRun['sizes'], first: number): void {
  if (first >= PAGE_SIZE[size] || ++run.streaks[size] < GROW_AFTER) return;
  run.sizes[size] = Math.min(PAGE_SIZE[size], first * 2);
  run.streaks[size] = 0;
}

function tooMuch(run: LoadRun, error: GithubTimeout, why: string, paged: boolean) {
  const url = run.config.apiUrl;
  if (!error.timedOut) {
    return new PluginFetchError(
      'GITHUB_SERVER_ERROR',
      `${url}: ${error.what}: ${why}, ${MAX_TRANSIENT_RETRIES + 1} times in a row${paged ? ', even one item at a time' : ''}`,
      {
        url,
        suggestions: [
          'GitHub is having trouble (https://www.githubstatus.com): run "cred load" again later: it resumes where it stopped.',
        ],
      },
    );
  }
  const detail = paged ? ', even one item at a time' : '';
  return new PluginFetchError(
    'GITHUB_TIMEOUT',
    `${url}: ${error.what} timed out: ${why}${detail}`,
    {
      url,
      suggestions: [
        'Raise "timeoutSeconds" in cred.json (plugins.github), or run "cred load" again later: it resumes where it stopped.',
      ],
    },
  );
}

function operationOf(text: string): string {
  return /query\s+(\w+)/.exec(text)?.[1] ?? 'query';
}

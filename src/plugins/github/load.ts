/**
 * Loading a repository incrementally (docs/decisions/0101-github-incremental-load.md). Per
 * repository and object kind the mirror keeps where the last load stopped, and a load asks only
 * for what changed since:
 *
 * - issues: `filterBy: { since }` ordered by `UPDATED_AT ASC`; `since` is the newest update
 *   mirrored plus a second (or the server's clock when that is earlier), so an unchanged
 *   repository answers with an empty page;
 * - pull requests (GitHub offers no `since` for them): ordered by `UPDATED_AT ASC` and continued
 *   `after` the cursor where the last load ended; GitHub's cursors are keyed on the sort order,
 *   so that yields exactly the pull requests updated since;
 * - commits: only when the default branch's head moved, its history from the new head back to
 *   the newest commit mirrored;
 * - nested lists with more pages than a query carries: `node(id:)` follow-ups (loadNested.ts).
 *
 * A pass over a list records its cursor with every page, so a load killed half-way resumes at
 * the next page. Every `fullRefreshDays` a load re-reads everything, which picks up what update
 * times miss (a reaction does not change an issue's `updatedAt`).
 */
import { ingestIssue, ingestPull } from './ingest.js';
import { loadCommits, loadNested } from './loadNested.js';
import { ISSUES_QUERY, PULLS_QUERY, REPOSITORY_QUERY } from './queries.js';
import {
  issuesAnswer,
  pullsAnswer,
  repositoryAnswer,
  type IssueResponse,
  type PullResponse,
} from './records.js';
import {
  announceFullPass,
  ingestFor,
  isFullPassDue,
  later,
  pagedQuery,
  repoParts,
  type LoadRun,
} from './run.js';

/** A list pass under way: where it resumes. */
interface Pass {
  readonly full: boolean;
  readonly startedMs: number;
  /** Issues: the `since` filter of this pass. */
  readonly since: string | null;
  readonly cursor: string | null;
  /** Nested comments older than this are already mirrored (null: fetch all). */
  readonly nestedSince: string | null;
}

export interface ListState {
  readonly pass: Pass | null;
  /** Issues: `since` of the next pass. */
  readonly since: string | null;
  /** Pull requests: the cursor where the last pass ended. */
  readonly cursor: string | null;
  /** Newest `updatedAt` mirrored. */
  readonly watermark: string | null;
  readonly lastFullMs: number | null;
}

const EMPTY_STATE: ListState = {
  pass: null,
  since: null,
  cursor: null,
  watermark: null,
  lastFullMs: null,
};

/** Loads one repository: its own data, issues, pull requests, nested pages, commits. */
export async function loadRepository(run: LoadRun, repository: string): Promise<void> {
  const { owner, name, key } = repoParts(repository);
  const answer = await pagedQuery(run, repository, 'repository', 'more', () => ({
    text: REPOSITORY_QUERY,
    variables: { owner, name },
    schema: repositoryAnswer,
  }));
  const record = answer.data.repository;
  run.mirror.transaction(() => run.mirror.putRepository(key, record));
  await loadList(run, repository, 'issues');
  await loadList(run, repository, 'pulls');
  await loadNested(run, repository);
  await loadCommits(run, repository, record.head);
}

function startPass(run: LoadRun, kind: 'issues' | 'pulls', state: ListState): Pass {
  const full = isFullPassDue(run, state.lastFullMs);
  const since = full ? null : kind === 'issues' ? state.since : state.watermark;
  return {
    full,
    startedMs: run.nowMs(),
    since: kind === 'issues' ? since : null,
    cursor: full || kind === 'issues' ? null : state.cursor,
    nestedSince: since,
  };
}

async function loadList(run: LoadRun, repository: string, kind: 'issues' | 'pulls') {
  const { owner, name, key } = repoParts(repository);
  let state = run.mirror.state<ListState>(key, kind) ?? EMPTY_STATE;
  let pass = state.pass ?? startPass(run, kind, state);
  if (pass.full) announceFullPass(run, repository, kind, pass, state.lastFullMs);
  const ingest = ingestFor(run, repository);
  for (let pageNumber = 1; ; pageNumber++) {
    const current = pass;
    const label = kind === 'issues' ? 'issues' : 'pull requests';
    const answer = await pagedQuery(run, repository, label, kind, (first) => ({
      text: kind === 'issues' ? ISSUES_QUERY : PULLS_QUERY,
      variables: {
        owner,
        name,
        first,
        after: current.cursor,
        ...(kind === 'issues' ? { since: current.since } : {}),
      },
      schema: kind === 'issues' ? issuesAnswer : pullsAnswer,
    }));
    const repo = answer.data.repository;
    const page = 'issues' in repo ? repo.issues : repo.pullRequests;
    const newest = page.nodes.map((node) => node.updatedAt).reduce(later, state.watermark);
    run.mirror.transaction(() => {
      for (const node of page.nodes) {
        if (kind === 'pulls') ingestPull(ingest, node as PullResponse, current.nestedSince);
        else ingestIssue(ingest, node as IssueResponse, current.nestedSince);
      }
      const cursor = page.pageInfo.endCursor ?? current.cursor;
      state = page.pageInfo.hasNextPage
        ? { ...state, watermark: newest, pass: { ...current, cursor } }
        : finishPass(state, current, newest, cursor, answer.serverTimeMs);
      run.mirror.setState(key, kind, state);
    });
    run.reporter.progress(
      `github: ${repository} ${label}: page ${pageNumber}, ${page.nodes.length} updated`,
    );
    if (state.pass === null) return;
    pass = state.pass;
  }
}

function finishPass(
  state: ListState,
  pass: Pass,
  watermark: string | null,
  cursor: string | null,
  serverTimeMs: number,
): ListState {
  return {
    pass: null,
    since: nextSince(watermark, serverTimeMs) ?? state.since,
    cursor: cursor ?? state.cursor,
    watermark,
    lastFullMs: pass.full ? pass.startedMs : state.lastFullMs,
  };
}

/**
 * The `since` of the next issues pass: a second after the newest update mirrored, unless the
 * server answered within that same second (then an update in that second may still come, so
 * the second itself is asked for again).
 */
export function nextSince(watermark: string | null, serverTimeMs: number): string | null {
  if (watermark === null) return null;
  const afterMs = Math.floor(Date.parse(watermark) / 1000) * 1000 + 1000;
  const serverSecondMs = Math.floor(serverTimeMs / 1000) * 1000;
  return new Date(Math.min(afterMs, serverSecondMs)).toISOString().replace('.000Z', 'Z');
}

/**
 * The second half of loading a repository: nested lists that had more pages than the list
 * queries carry (followed through `node(id:)` until the mirror has them all, each page in its
 * own transaction), and the default branch's commits, fetched only when its head moved and
 * pinned to that head (`object(oid:)`) so that a resumed pass pages the same history.
 */
import {
  announceFullPass,
  ingestFor,
  isFullPassDue,
  later,
  pagedQuery,
  repoParts,
  type LoadRun,
} from './run.js';
import {
  ingestComments,
  ingestCommits,
  ingestReactions,
  ingestReviewComments,
  ingestReviews,
  type Ingest,
} from './ingest.js';
import type { PendingPage } from './mirror.js';
import {
  COMMITS_QUERY,
  MORE_COMMENTS_QUERY,
  MORE_REACTIONS_QUERY,
  MORE_REVIEW_COMMENTS_QUERY,
  MORE_REVIEWS_QUERY,
} from './queries.js';
import {
  commitsAnswer,
  moreCommentsAnswer,
  moreReactionsAnswer,
  moreReviewCommentsAnswer,
  moreReviewsAnswer,
} from './records.js';

const NESTED = {
  comments: { text: MORE_COMMENTS_QUERY, schema: moreCommentsAnswer, kind: 'more comments' },
  reviews: { text: MORE_REVIEWS_QUERY, schema: moreReviewsAnswer, kind: 'more reviews' },
  reviewComments: {
    text: MORE_REVIEW_COMMENTS_QUERY,
    schema: moreReviewCommentsAnswer,
    kind: 'more review comments',
  },
  reactions: { text: MORE_REACTIONS_QUERY, schema: moreReactionsAnswer, kind: 'more reactions' },
} as const;

/** Follows every pending nested page of `repository` until none is left. */
export async function loadNested(run: LoadRun, repository: string): Promise<void> {
  const { key } = repoParts(repository);
  const ingest = ingestFor(run, repository);
  for (let pending = run.mirror.nextPending(key); pending; pending = run.mirror.nextPending(key)) {
    const current: PendingPage = pending;
    const nested = NESTED[current.connection];
    const answer = await pagedQuery(run, repository, nested.kind, 'more', (first) => ({
      text: nested.text,
      variables: { id: current.owner, first, after: current.cursor },
      schema: nested.schema,
    }));
    const node = answer.data.node as Record<string, unknown> | null;
    run.mirror.transaction(() => {
      run.mirror.deletePending(current.owner, current.connection);
      if (node === null) return; // deleted since: nothing more to fetch
      ingestNested(ingest, current, node);
      const next = run.mirror.nextPending(key);
      if (
        next?.owner === current.owner &&
        next.connection === current.connection &&
        next.cursor === current.cursor
      ) {
        run.mirror.deletePending(current.owner, current.connection); // no progress: stop
      }
    });
    const list = node?.[current.connection === 'reviewComments' ? 'comments' : current.connection];
    const count = (list as { nodes?: unknown[] } | null | undefined)?.nodes?.length ?? 0;
    run.reporter.progress(`github: ${repository} ${nested.kind}: ${count}`);
  }
}

function ingestNested(ingest: Ingest, page: PendingPage, node: Record<string, unknown>): void {
  switch (page.connection) {
    case 'comments': {
      const comments = node.comments as Parameters<typeof ingestComments>[2] | undefined;
      if (comments) ingestComments(ingest, page.owner, comments, page.since);
      return;
    }
    case 'reviews': {
      const reviews = node.reviews as Parameters<typeof ingestReviews>[2] | null | undefined;
      if (reviews) ingestReviews(ingest, page.owner, reviews);
      return;
    }
    case 'reviewComments': {
      const comments = node.comments as Parameters<typeof ingestReviewComments>[2] | undefined;
      if (comments) ingestReviewComments(ingest, page.owner, comments);
      return;
    }
    case 'reactions': {
      const reactions = node.reactions as Parameters<typeof ingestReactions>[2] | undefined;
      if (reactions) ingestReactions(ingest, page.owner, reactions, false);
      return;
    }
  }
}

export interface CommitState {
  /** Head of the default branch when the last pass finished. */
  readonly head: string | null;
  /** Committed date of the newest commit mirrored: the next pass's `since`. */
  readonly since: string | null;
  readonly lastFullMs: number | null;
  readonly pass: {
    readonly head: string;
    readonly cursor: string | null;
    readonly since: string | null;
    readonly full: boolean;
    readonly startedMs: number;
  } | null;
}

/** Fetches the default branch's history when its head moved since the last pass. */
export async function loadCommits(
  run: LoadRun,
  repository: string,
  head: string | null,
): Promise<void> {
  const { owner, name, key } = repoParts(repository);
  let state: CommitState = run.mirror.state<CommitState>(key, 'commits') ?? {
    head: null,
    since: null,
    lastFullMs: null,
    pass: null,
  };
  if (state.pass === null) {
    const full = isFullPassDue(run, state.lastFullMs);
    if (head === null || (head === state.head && !full)) return;
    state = {
      ...state,
      pass: { head, cursor: null, since: full ? null : state.since, full, startedMs: run.nowMs() },
    };
  }
  const ingest = ingestFor(run, repository);
  if (state.pass?.full === true)
    announceFullPass(run, repository, 'commits', state.pass, state.lastFullMs);
  while (state.pass !== null) {
    const pass = state.pass;
    const answer = await pagedQuery(run, repository, 'commits', 'commits', (first) => ({
      text: COMMITS_QUERY,
      variables: { owner, name, head: pass.head, first, after: pass.cursor, since: pass.since },
      schema: commitsAnswer,
    }));
    const history = answer.data.repository.object?.history;
    const commits = history?.nodes ?? [];
    const newest = commits.map((c) => c.committedDate).reduce(later, state.since);
    run.mirror.transaction(() => {
      ingestCommits(ingest, commits);
      const cursor = history?.pageInfo.endCursor ?? null;
      state =
        history?.pageInfo.hasNextPage === true && cursor !== null
          ? { ...state, since: newest, pass: { ...pass, cursor } }
          : {
              head: pass.head,
              since: newest,
              lastFullMs: pass.full ? pass.startedMs : state.lastFullMs,
              pass: null,
            };
      run.mirror.setState(key, 'commits', state);
    });
    run.reporter.progress(`github: ${repository} commits: ${commits.length} more`);
  }
}

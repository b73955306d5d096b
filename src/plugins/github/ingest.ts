/**
 * Writing one answered page into the mirror: the records, their reactions, and a pending
 * follow-up for every nested list that has more pages. Called inside the page's transaction.
 *
 * Nested lists: an item's first page of reactions replaces what the mirror knew (so removed
 * reactions disappear when the item is fetched again); comments come newest-updated first, and
 * on an incremental load their follow-up stops at the first comment older than the load's
 * watermark, since older ones are already mirrored.
 */
import { countItem } from '../../core/loadReport.js';
import { REACTION_EDGES } from './declaration.js';
import type { GithubMirror, PendingPage } from './mirror.js';
import type { RepoTally } from './run.js';
import type {
  CommentResponse,
  CommitRecord,
  IssueResponse,
  PageInfo,
  PullResponse,
  ReactionRecord,
  ReviewResponse,
} from './records.js';

/** Items written, by kind, for the load summary. */
export type Counts = Record<string, number>;

export interface Ingest {
  readonly mirror: GithubMirror;
  readonly repo: string;
  readonly counts: Counts;
  /** New, changed and unchanged records and reactions by content, for the load report. */
  readonly tally: RepoTally;
}

type Stored = Parameters<GithubMirror['putObject']>;

/** Writes a record and tallies it as new, changed or unchanged under `kind`. */
function put(ingest: Ingest, kind: string, ...args: Stored): void {
  countItem(ingest.tally.kinds, kind, ingest.mirror.putObject(...args));
}

interface Page<T> {
  readonly pageInfo: PageInfo;
  readonly nodes: readonly T[];
}

function count(ingest: Ingest, kind: string, n = 1): void {
  ingest.counts[kind] = (ingest.counts[kind] ?? 0) + n;
}

function follow(
  ingest: Ingest,
  owner: string,
  connection: PendingPage['connection'],
  pageInfo: PageInfo,
  more: boolean,
  since: string | null = null,
): void {
  if (more && pageInfo.hasNextPage && pageInfo.endCursor !== null) {
    ingest.mirror.setPending({
      repo: ingest.repo,
      owner,
      connection,
      cursor: pageInfo.endCursor,
      since,
    });
  } else {
    ingest.mirror.deletePending(owner, connection);
  }
}

export function ingestReactions(
  ingest: Ingest,
  reactable: string,
  page: Page<ReactionRecord>,
  first: boolean,
): void {
  if (first) ingest.mirror.replaceReactions(ingest.repo, reactable, page.nodes);
  else ingest.mirror.addReactions(ingest.repo, reactable, page.nodes);
  count(ingest, 'reactions', page.nodes.length);
  for (const reaction of page.nodes) {
    const by = reaction.content in REACTION_EDGES ? ingest.tally.counted : ingest.tally.notCounted;
    by.set(reaction.content, (by.get(reaction.content) ?? 0) + 1);
  }
  follow(ingest, reactable, 'reactions', page.pageInfo, true);
}

function withoutLists<T extends object>(record: T, ...lists: string[]): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const list of lists) delete copy[list];
  return copy as T;
}

/** Comments of an issue or pull request (newest-updated first). */
export function ingestComments(
  ingest: Ingest,
  parent: string,
  page: Page<CommentResponse>,
  since: string | null,
): void {
  for (const comment of page.nodes) {
    put(ingest, 'comments', ingest.repo, 'comment', parent, withoutLists(comment, 'reactions'));
    ingestReactions(ingest, comment.id, comment.reactions, true);
  }
  count(ingest, 'comments', page.nodes.length);
  const oldest = page.nodes.at(-1);
  const more =
    since === null || (oldest !== undefined && Date.parse(oldest.updatedAt) >= Date.parse(since));
  follow(ingest, parent, 'comments', page.pageInfo, more, since);
}

export function ingestReviewComments(
  ingest: Ingest,
  review: string,
  page: Page<CommentResponse>,
): void {
  for (const comment of page.nodes) {
    const record = withoutLists(comment, 'reactions');
    put(ingest, 'review comments', ingest.repo, 'reviewComment', review, record);
    ingestReactions(ingest, comment.id, comment.reactions, true);
  }
  count(ingest, 'review comments', page.nodes.length);
  follow(ingest, review, 'reviewComments', page.pageInfo, true);
}

export function ingestReviews(ingest: Ingest, pull: string, page: Page<ReviewResponse>): void {
  for (const review of page.nodes) {
    const record = withoutLists(review, 'reactions', 'comments');
    put(ingest, 'reviews', ingest.repo, 'review', pull, record);
    ingestReactions(ingest, review.id, review.reactions, true);
    ingestReviewComments(ingest, review.id, review.comments);
  }
  count(ingest, 'reviews', page.nodes.length);
  follow(ingest, pull, 'reviews', page.pageInfo, true);
}

export function ingestIssue(ingest: Ingest, issue: IssueResponse, since: string | null): void {
  put(ingest, 'issues', ingest.repo, 'issue', null, withoutLists(issue, 'reactions', 'comments'));
  count(ingest, 'issues');
  ingestReactions(ingest, issue.id, issue.reactions, true);
  ingestComments(ingest, issue.id, issue.comments, since);
}

export function ingestPull(ingest: Ingest, pull: PullResponse, since: string | null): void {
  const record = withoutLists(pull, 'reactions', 'comments', 'reviews');
  put(ingest, 'pull requests', ingest.repo, 'pull', null, record);
  count(ingest, 'pull requests');
  ingestReactions(ingest, pull.id, pull.reactions, true);
  ingestComments(ingest, pull.id, pull.comments, since);
  ingestReviews(ingest, pull.id, pull.reviews);
}

export function ingestCommits(ingest: Ingest, commits: readonly CommitRecord[]): void {
  for (const commit of commits) put(ingest, 'commits', ingest.repo, 'commit', null, commit);
  count(ingest, 'commits', commits.length);
}

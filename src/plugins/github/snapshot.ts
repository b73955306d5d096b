/**
 * Everything the mirror holds for the configured repositories, as plain records: the input of
 * the pure graph and identity steps. Children point at their parent by GraphQL node id.
 */
import type {
  CommentRecord,
  CommitRecord,
  IssueRecord,
  PullRecord,
  ReactionRecord,
  RepositoryRecord,
  ReviewRecord,
} from './records.js';

export type Stored<T> = T & { readonly repo: string };
export type Child<T> = Stored<T> & { readonly parent: string };

export interface MirrorSnapshot {
  /** `key` is the repository as configured, lowercased (how the mirror files it). */
  readonly repositories: readonly (RepositoryRecord & { readonly key: string })[];
  readonly issues: readonly Stored<IssueRecord>[];
  readonly pulls: readonly Stored<PullRecord>[];
  /** Comments on issues and pull requests; `parent` is the issue's or pull request's id. */
  readonly comments: readonly Child<CommentRecord>[];
  /** `parent` is the pull request's id. */
  readonly reviews: readonly Child<ReviewRecord>[];
  /** `parent` is the review's id. */
  readonly reviewComments: readonly Child<CommentRecord>[];
  readonly commits: readonly Stored<CommitRecord>[];
  /** `reactable` is the id of what was reacted to. */
  readonly reactions: readonly (ReactionRecord & { readonly reactable: string })[];
}

export const EMPTY_SNAPSHOT: MirrorSnapshot = {
  repositories: [],
  issues: [],
  pulls: [],
  comments: [],
  reviews: [],
  reviewComments: [],
  commits: [],
  reactions: [],
};

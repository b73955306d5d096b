/**
 * The data a GitHub stand-in serves: accounts and repositories with their issues, pull requests,
 * comments, reviews, review comments, reactions and default-branch commits, in the shape of a
 * JSON file (`cred/github-dataset` version 1). Tests use a small recorded-style fixture
 * (test/fixtures/github/); the demo can generate a large one. Everything GitHub derives (node
 * ids, URLs, cursors, totals) is computed by the stand-in, so a dataset holds only facts.
 *
 * Conventions: timestamps are ISO 8601 UTC strings with second precision, as GitHub sends them;
 * an `author`/`user` is a login from `accounts` or null (a deleted account, GitHub's "ghost");
 * `commits` are the default branch's history, newest first, each commit's parent being the next
 * one (merges are not modelled).
 */
import * as z from 'zod';
import { ConfigError } from '../../core/errors.js';
import { parseWithSchema } from '../../core/validation.js';

export const REACTION_CONTENTS = [
  'THUMBS_UP',
  'THUMBS_DOWN',
  'LAUGH',
  'HOORAY',
  'CONFUSED',
  'HEART',
  'ROCKET',
  'EYES',
] as const;

const time = z.iso.datetime({ message: 'expected an ISO date-time such as 2026-10-01T12:00:00Z' });
const login = z.string().min(1);
const id = z.number().int().positive();

const accountSchema = z.strictObject({
  login,
  databaseId: id,
  type: z.enum(['User', 'Bot', 'Organization', 'Mannequin']),
  name: z.string().optional(),
});

const reactionSchema = z.strictObject({
  content: z.enum(REACTION_CONTENTS),
  user: login,
  createdAt: time,
});

const commentSchema = z.strictObject({
  databaseId: id,
  body: z.string(),
  author: login.nullable(),
  createdAt: time,
  updatedAt: time,
  reactions: z.array(reactionSchema).default([]),
});

const reviewSchema = z.strictObject({
  databaseId: id,
  body: z.string(),
  author: login.nullable(),
  state: z.enum(['COMMENTED', 'APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']),
  submittedAt: time,
  updatedAt: time,
  comments: z.array(commentSchema).default([]),
  reactions: z.array(reactionSchema).default([]),
});

const issueFields = {
  number: id,
  databaseId: id,
  title: z.string().min(1),
  body: z.string(),
  author: login.nullable(),
  createdAt: time,
  updatedAt: time,
  comments: z.array(commentSchema).default([]),
  reactions: z.array(reactionSchema).default([]),
};

const issueSchema = z.strictObject({ ...issueFields, state: z.enum(['OPEN', 'CLOSED']) });

const pullRequestSchema = z.strictObject({
  ...issueFields,
  state: z.enum(['OPEN', 'CLOSED', 'MERGED']),
  mergedAt: time.nullable().default(null),
  mergeCommit: z.string().nullable().default(null),
  additions: z.number().int().nonnegative().default(0),
  deletions: z.number().int().nonnegative().default(0),
  reviews: z.array(reviewSchema).default([]),
});

const commitSchema = z.strictObject({
  oid: z.string().regex(/^[0-9a-f]{40}$/, { message: 'expected a 40-digit hex object id' }),
  message: z.string().min(1),
  authors: z
    .array(
      z.strictObject({ name: z.string(), email: z.string().optional(), user: login.nullable() }),
    )
    .min(1),
  committedDate: time,
  authoredDate: time,
});

const repositorySchema = z.strictObject({
  owner: login,
  name: z.string().min(1),
  databaseId: id,
  createdAt: time,
  defaultBranch: z.string().min(1).default('main'),
  issues: z.array(issueSchema).default([]),
  pullRequests: z.array(pullRequestSchema).default([]),
  commits: z.array(commitSchema).default([]),
});

const datasetSchema = z.strictObject({
  type: z.literal('cred/github-dataset'),
  version: z.literal(1),
  description: z.string().optional(),
  accounts: z.array(accountSchema),
  repositories: z.array(repositorySchema),
});

export type GithubDataset = z.infer<typeof datasetSchema>;
export type DatasetAccount = GithubDataset['accounts'][number];
export type DatasetRepository = GithubDataset['repositories'][number];
export type DatasetIssue = DatasetRepository['issues'][number];
export type DatasetPullRequest = DatasetRepository['pullRequests'][number];
export type DatasetComment = DatasetIssue['comments'][number];
export type DatasetReview = DatasetPullRequest['reviews'][number];
export type DatasetReaction = DatasetComment['reactions'][number];
export type DatasetCommit = DatasetRepository['commits'][number];
export type ReactionContent = (typeof REACTION_CONTENTS)[number];

/** Validates a dataset (a parsed JSON file); `file` names it in errors. */
export function parseGithubDataset(json: unknown, file: string): GithubDataset {
  const dataset = parseWithSchema(
    datasetSchema,
    json,
    file,
    'GITHUB_DATASET_INVALID',
    `Fix "{field}" in ${file}; src/replay/github/dataset.ts documents the shape.`,
  );
  checkLogins(dataset, file);
  return dataset;
}

/** Every login a dataset uses must be one of its accounts. */
function checkLogins(dataset: GithubDataset, file: string): void {
  const known = new Set(dataset.accounts.map((account) => account.login));
  const check = (value: string | null, where: string) => {
    if (value !== null && !known.has(value)) {
      throw new ConfigError(
        'GITHUB_DATASET_INVALID',
        `${file}: ${where}: login "${value}" is not in "accounts"`,
        { ref: file, suggestions: [`Add an account with login "${value}" to "accounts".`] },
      );
    }
  };
  for (const repo of dataset.repositories) {
    const where = `${repo.owner}/${repo.name}`;
    check(repo.owner, where);
    const reactions = (list: readonly DatasetReaction[]) =>
      list.forEach((reaction) => check(reaction.user, where));
    const comments = (list: readonly DatasetComment[]) =>
      list.forEach((comment) => {
        check(comment.author, where);
        reactions(comment.reactions);
      });
    for (const issue of [...repo.issues, ...repo.pullRequests]) {
      check(issue.author, `${where}#${issue.number}`);
      comments(issue.comments);
      reactions(issue.reactions);
    }
    for (const pull of repo.pullRequests) {
      for (const review of pull.reviews) {
        check(review.author, `${where}#${pull.number}`);
        comments(review.comments);
        reactions(review.reactions);
      }
    }
    for (const commit of repo.commits) commit.authors.forEach((a) => check(a.user, where));
  }
}

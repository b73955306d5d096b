/**
 * What GitHub answers, validated, and the records the mirror keeps. Every answer is checked
 * against the shape its query asked for before anything is written, so a malformed answer
 * (a proxy's error page, a truncated body, a changed API) stops the load with a clear error and
 * leaves the cache as it was. Schemas accept extra fields (GitHub adds fields over time) and
 * keep only what the graph needs.
 */
import * as z from 'zod';

const time = z.string().refine((value) => !Number.isNaN(Date.parse(value)), {
  message: 'expected a date-time',
});

/** An account; those without a databaseId (enterprise-managed accounts) are dropped. */
const accountSchema = z
  .object({
    __typename: z.string(),
    login: z.string().min(1),
    url: z.string(),
    databaseId: z.number().int().nullish(),
  })
  .transform((a) =>
    a.databaseId == null
      ? null
      : { type: a.__typename, login: a.login, databaseId: a.databaseId, url: a.url },
  );

export type AccountRecord = NonNullable<z.output<typeof accountSchema>>;

const pageInfoSchema = z.object({ endCursor: z.string().nullable(), hasNextPage: z.boolean() });
export type PageInfo = z.output<typeof pageInfoSchema>;

/** A connection's page: nodes without GraphQL's null entries. */
function page<T extends z.ZodTypeAny>(node: T) {
  return z.object({
    pageInfo: pageInfoSchema,
    nodes: z.array(node.nullable()).transform((nodes) => nodes.filter((n) => n !== null)),
  });
}

const reactionSchema = z.object({
  content: z.string(),
  createdAt: time,
  user: accountSchema.nullable().transform((a) => a ?? null),
});
export type ReactionRecord = z.output<typeof reactionSchema>;

export const reactionsPageSchema = page(reactionSchema);

const authored = {
  id: z.string().min(1),
  databaseId: z.number().int(),
  url: z.string(),
  body: z.string(),
  createdAt: time,
  updatedAt: time,
  author: accountSchema.nullable().transform((a) => a ?? null),
};

export const commentSchema = z.object({ ...authored, reactions: reactionsPageSchema });
export type CommentResponse = z.output<typeof commentSchema>;
export type CommentRecord = Omit<CommentResponse, 'reactions'>;

export const reviewSchema = z.object({
  ...authored,
  state: z.string(),
  submittedAt: time.nullable(),
  reactions: reactionsPageSchema,
  comments: page(commentSchema),
});
export type ReviewResponse = z.output<typeof reviewSchema>;
export type ReviewRecord = Omit<ReviewResponse, 'reactions' | 'comments'>;

const threadFields = {
  ...authored,
  number: z.number().int().positive(),
  title: z.string(),
  state: z.string(),
  reactions: reactionsPageSchema,
  comments: page(commentSchema),
};

export const issueSchema = z.object(threadFields);
export type IssueResponse = z.output<typeof issueSchema>;
export type IssueRecord = Omit<IssueResponse, 'reactions' | 'comments'>;

export const pullSchema = z.object({
  ...threadFields,
  merged: z.boolean(),
  mergedAt: time.nullable(),
  mergeCommit: z
    .object({ oid: z.string() })
    .nullable()
    .transform((c) => c?.oid ?? null),
  reviews: page(reviewSchema)
    .nullable()
    .transform((p) => p ?? { pageInfo: { endCursor: null, hasNextPage: false }, nodes: [] }),
});
export type PullResponse = z.output<typeof pullSchema>;
export type PullRecord = Omit<PullResponse, 'reactions' | 'comments' | 'reviews'>;

export const commitSchema = z.object({
  oid: z.string().regex(/^[0-9a-f]{40}$/),
  url: z.string(),
  message: z.string(),
  committedDate: time,
  authoredDate: time,
  authors: z
    .object({
      nodes: z.array(
        z.object({ name: z.string().nullable(), user: accountSchema.nullable() }).nullable(),
      ),
    })
    .transform((a) =>
      a.nodes.filter((n) => n !== null).map((n) => ({ name: n.name ?? '', user: n.user ?? null })),
    ),
});
export type CommitRecord = z.output<typeof commitSchema>;

export const repositorySchema = z
  .object({
    id: z.string(),
    databaseId: z.number().int(),
    name: z.string(),
    url: z.string(),
    createdAt: time,
    owner: accountSchema.transform((account, context) => {
      if (account !== null) return account;
      context.addIssue({ code: 'custom', message: 'expected an owner with a databaseId' });
      return z.NEVER;
    }),
    defaultBranchRef: z
      .object({ name: z.string(), target: z.object({ oid: z.string() }).nullable() })
      .nullable(),
  })
  .transform((r) => ({
    id: r.id,
    databaseId: r.databaseId,
    name: r.name,
    url: r.url,
    createdAt: r.createdAt,
    owner: r.owner,
    defaultBranch: r.defaultBranchRef?.name ?? null,
    head: r.defaultBranchRef?.target?.oid ?? null,
  }));
export type RepositoryRecord = z.output<typeof repositorySchema>;

const rateLimitSchema = z
  .object({ cost: z.number(), remaining: z.number(), resetAt: z.string() })
  .nullish();

/** Every answer: the query's data plus `rateLimit`. */
function answer<T extends z.ZodRawShape>(shape: T) {
  return z.object({ ...shape, rateLimit: rateLimitSchema });
}

export const repositoryAnswer = answer({ repository: repositorySchema });
export const issuesAnswer = answer({ repository: z.object({ issues: page(issueSchema) }) });
export const pullsAnswer = answer({ repository: z.object({ pullRequests: page(pullSchema) }) });
export const commitsAnswer = answer({
  repository: z.object({
    object: z.object({ history: page(commitSchema).optional() }).nullable(),
  }),
});

/** `node(id:)` follow-ups: the node may be gone (deleted since), hence nullable. */
export const moreCommentsAnswer = answer({
  node: z.object({ comments: page(commentSchema).optional() }).nullable(),
});
export const moreReviewsAnswer = answer({
  node: z.object({ reviews: page(reviewSchema).nullish() }).nullable(),
});
export const moreReviewCommentsAnswer = answer({
  node: z.object({ comments: page(commentSchema).optional() }).nullable(),
});
export const moreReactionsAnswer = answer({
  node: z.object({ reactions: reactionsPageSchema.optional() }).nullable(),
});

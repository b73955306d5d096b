/**
 * Every GraphQL query the plugin sends, as text. A test validates each against GitHub's
 * published schema and checks its node count stays well under GitHub's 500,000-node limit.
 *
 * Costs: GitHub charges a point per 100 connection pages a query implies, so nested sizes are
 * small (a page of 20 pull requests with their comments, reviews and reactions costs about 29
 * points, 1.4 per pull request; a page of 25 issues about 8).
 *
 * Shape: top-level lists are paged with `$first`/`$after` (the loader shrinks `$first` when a
 * page times out); nested connections have fixed small sizes and are continued by the `More*`
 * queries through `node(id:)` when `pageInfo.hasNextPage` says there is more. Every query also
 * asks for `rateLimit`, whose cost the load summary reports.
 */

const ACCOUNT = `
fragment CredAccount on Actor {
  __typename
  login
  url
  ... on User { databaseId }
  ... on Bot { databaseId }
  ... on Organization { databaseId }
  ... on Mannequin { databaseId }
}`;

const REACTIONS = `
fragment CredReactions on ReactionConnection {
  pageInfo { endCursor hasNextPage }
  nodes { content createdAt user { __typename login url databaseId } }
}`;

/** A comment's fields; review comments carry fewer inline reactions (they are many). */
const commentFragment = (name: string, type: string, reactions: number) => `
fragment ${name} on ${type} {
  id databaseId url body createdAt updatedAt
  author { ...CredAccount }
  reactions(first: ${reactions}) { ...CredReactions }
}`;

const COMMENT = commentFragment('CredComment', 'IssueComment', 10);
const REVIEW_COMMENT = commentFragment('CredReviewComment', 'PullRequestReviewComment', 5);

const REVIEW = `
fragment CredReview on PullRequestReview {
  id databaseId url body state createdAt submittedAt updatedAt
  author { ...CredAccount }
  reactions(first: 5) { ...CredReactions }
  comments(first: 10) {
    pageInfo { endCursor hasNextPage }
    nodes { ...CredReviewComment }
  }
}`;

/** Comments newest-updated first, so an incremental load can stop at the last load's time. */
const COMMENTS_ORDER = 'orderBy: { field: UPDATED_AT, direction: DESC }';

const ISSUE = `
fragment CredIssue on Issue {
  id databaseId number title body url state createdAt updatedAt
  author { ...CredAccount }
  reactions(first: 10) { ...CredReactions }
  comments(first: 30, ${COMMENTS_ORDER}) {
    pageInfo { endCursor hasNextPage }
    nodes { ...CredComment }
  }
}`;

const PULL = `
fragment CredPull on PullRequest {
  id databaseId number title body url state merged mergedAt createdAt updatedAt
  mergeCommit { oid }
  author { ...CredAccount }
  reactions(first: 10) { ...CredReactions }
  comments(first: 20, ${COMMENTS_ORDER}) {
    pageInfo { endCursor hasNextPage }
    nodes { ...CredComment }
  }
  reviews(first: 10) {
    pageInfo { endCursor hasNextPage }
    nodes { ...CredReview }
  }
}`;

const RATE = 'rateLimit { cost remaining resetAt }';

export const REPOSITORY_QUERY = `
query CredRepository($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id databaseId name url createdAt
    owner { ...CredAccount }
    defaultBranchRef { name target { oid } }
  }
  ${RATE}
}
${ACCOUNT}`;

export const ISSUES_QUERY = `
query CredIssues($owner: String!, $name: String!, $first: Int!, $after: String, $since: DateTime) {
  repository(owner: $owner, name: $name) {
    issues(first: $first, after: $after, filterBy: { since: $since },
           orderBy: { field: UPDATED_AT, direction: ASC }) {
      pageInfo { endCursor hasNextPage }
      nodes { ...CredIssue }
    }
  }
  ${RATE}
}
${ISSUE}${COMMENT}${REACTIONS}${ACCOUNT}`;

export const PULLS_QUERY = `
query CredPulls($owner: String!, $name: String!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequests(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: ASC }) {
      pageInfo { endCursor hasNextPage }
      nodes { ...CredPull }
    }
  }
  ${RATE}
}
${PULL}${REVIEW}${REVIEW_COMMENT}${COMMENT}${REACTIONS}${ACCOUNT}`;

export const COMMITS_QUERY = `
query CredCommits($owner: String!, $name: String!, $head: GitObjectID!, $first: Int!,
                  $after: String, $since: GitTimestamp) {
  repository(owner: $owner, name: $name) {
    object(oid: $head) {
      ... on Commit {
        history(first: $first, after: $after, since: $since) {
          pageInfo { endCursor hasNextPage }
          nodes {
            oid url message committedDate authoredDate
            authors(first: 5) { nodes { name user { __typename login url databaseId } } }
          }
        }
      }
    }
  }
  ${RATE}
}`;

/** A follow-up: the next page of one nested list of the node `$id`, typed by `on`. */
function more(name: string, on: readonly string[], list: string, fragments: string): string {
  const pages = on.map((type) => `    ... on ${type} {\n      ${list}\n    }`).join('\n');
  return `
query ${name}($id: ID!, $first: Int!, $after: String) {
  node(id: $id) {
    __typename
${pages}
  }
  ${RATE}
}
${fragments}`;
}

const nextPage = (field: string, fragment: string, order = '') =>
  `${field}(first: $first, after: $after${order}) {
        pageInfo { endCursor hasNextPage }
        nodes { ...${fragment} }
      }`;

export const MORE_COMMENTS_QUERY = more(
  'CredMoreComments',
  ['Issue', 'PullRequest'],
  nextPage('comments', 'CredComment', `, ${COMMENTS_ORDER}`),
  `${COMMENT}${REACTIONS}${ACCOUNT}`,
);

export const MORE_REVIEWS_QUERY = more(
  'CredMoreReviews',
  ['PullRequest'],
  nextPage('reviews', 'CredReview'),
  `${REVIEW}${REVIEW_COMMENT}${REACTIONS}${ACCOUNT}`,
);

export const MORE_REVIEW_COMMENTS_QUERY = more(
  'CredMoreReviewComments',
  ['PullRequestReview'],
  nextPage('comments', 'CredReviewComment'),
  `${REVIEW_COMMENT}${REACTIONS}${ACCOUNT}`,
);

export const MORE_REACTIONS_QUERY = more(
  'CredMoreReactions',
  ['Reactable'],
  'reactions(first: $first, after: $after) { ...CredReactions }',
  REACTIONS,
);

/** Page sizes: the top-level lists start here and halve on a timeout. */
export const PAGE_SIZE = { issues: 25, pulls: 20, commits: 100, more: 50 } as const;

/** All queries by operation name (for the schema test and the request log). */
export const ALL_QUERIES: Readonly<Record<string, string>> = Object.freeze({
  CredRepository: REPOSITORY_QUERY,
  CredIssues: ISSUES_QUERY,
  CredPulls: PULLS_QUERY,
  CredCommits: COMMITS_QUERY,
  CredMoreComments: MORE_COMMENTS_QUERY,
  CredMoreReviews: MORE_REVIEWS_QUERY,
  CredMoreReviewComments: MORE_REVIEW_COMMENTS_QUERY,
  CredMoreReactions: MORE_REACTIONS_QUERY,
});

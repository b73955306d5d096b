/**
 * A dataset as the objects GitHub's GraphQL schema describes. Each object carries its
 * `__typename` (which graphql-js uses to resolve interfaces such as `Actor` and `Node`), its
 * scalar fields, and functions for fields that take arguments (connections with paging, ordering
 * and filters), which graphql-js's default resolver calls with the field's arguments. Node ids,
 * URLs and cursors are derived here the way GitHub derives them, so a dataset holds only facts.
 *
 * Arguments the stand-in does not implement (label filters, say) are refused with an error
 * rather than ignored, so a plugin never relies on a filter that silently did nothing.
 */
import { GraphQLError } from 'graphql';
import { paginate, type PageArgs, type SortKey } from './connection.js';
import type {
  DatasetAccount,
  DatasetComment,
  DatasetCommit,
  DatasetIssue,
  DatasetPullRequest,
  DatasetReaction,
  DatasetRepository,
  DatasetReview,
  GithubDataset,
} from './dataset.js';

export type Source = Record<string, unknown>;

export interface GithubModel {
  repository(owner: string, name: string): Source | undefined;
  node(id: string): Source | undefined;
}

interface Order {
  readonly field: string;
  readonly direction: 'ASC' | 'DESC';
}

interface Build {
  readonly web: string;
  readonly accounts: ReadonlyMap<string, Source>;
  readonly byId: Map<string, Source>;
}

/** GitHub-style opaque node id: a type prefix and the base64url of the object's key. */
export function nodeId(prefix: string, ...key: readonly (string | number)[]): string {
  return `${prefix}_${Buffer.from(key.join(':')).toString('base64url')}`;
}

const ms = (time: string) => Date.parse(time);

export function buildModel(dataset: GithubDataset, web = 'https://github.com'): GithubModel {
  const byId = new Map<string, Source>();
  const accounts = new Map(dataset.accounts.map((a) => [a.login, accountSource(a, web)]));
  for (const account of accounts.values()) byId.set(account.id as string, account);
  const build: Build = { web, accounts, byId };
  const repositories = new Map<string, Source>();
  for (const repo of dataset.repositories) {
    const source = repositorySource(build, repo);
    repositories.set(`${repo.owner}/${repo.name}`.toLowerCase(), source);
  }
  return {
    repository: (owner, name) => repositories.get(`${owner}/${name}`.toLowerCase()),
    node: (id) => byId.get(id),
  };
}

function accountSource(account: DatasetAccount, web: string): Source {
  const prefix = { User: 'U', Bot: 'BOT', Organization: 'O', Mannequin: 'M' }[account.type];
  return {
    __typename: account.type,
    id: nodeId(prefix, account.databaseId),
    databaseId: account.databaseId,
    login: account.login,
    name: account.name ?? null,
    url: account.type === 'Bot' ? `${web}/apps/${account.login}` : `${web}/${account.login}`,
  };
}

function register(build: Build, source: Source): Source {
  build.byId.set(source.id as string, source);
  return source;
}

function actor(build: Build, login: string | null): Source | null {
  return login === null ? null : (build.accounts.get(login) ?? null);
}

/** For fields typed `User` (a reaction's user, a commit author's user): other accounts are null. */
function userOnly(build: Build, login: string | null): Source | null {
  const account = actor(build, login);
  return account?.__typename === 'User' ? account : null;
}

function unsupported(field: string, args: Record<string, unknown>, names: readonly string[]) {
  for (const name of names) {
    const value = args[name];
    if (value !== undefined && value !== null) {
      throw new GraphQLError(`The GitHub stand-in does not implement \`${field}(${name}:)\`.`, {
        extensions: { type: 'STAND_IN_UNSUPPORTED' },
      });
    }
  }
}

function reactionsField(build: Build, key: string, reactions: readonly DatasetReaction[]) {
  const sources = reactions.map((reaction, index) =>
    register(build, {
      __typename: 'Reaction',
      id: nodeId('REA', key, index),
      databaseId: null,
      content: reaction.content,
      createdAt: reaction.createdAt,
      user: userOnly(build, reaction.user),
      seq: index + 1,
    }),
  );
  return (args: PageArgs & { content?: string | null; orderBy?: Order | null }) => {
    const matching = sources.filter((r) => args.content == null || r.content === args.content);
    return paginate(
      matching,
      (r): SortKey => [ms(r.createdAt as string), r.seq as number],
      args,
      args.orderBy?.direction === 'DESC',
    );
  };
}

function commentSource(
  build: Build,
  comment: DatasetComment,
  typename: 'IssueComment' | 'PullRequestReviewComment',
  url: string,
  extra: Source = {},
): Source {
  const prefix = typename === 'IssueComment' ? 'IC' : 'PRRC';
  return register(build, {
    __typename: typename,
    id: nodeId(prefix, comment.databaseId),
    databaseId: comment.databaseId,
    url,
    body: comment.body,
    author: actor(build, comment.author),
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
    reactions: reactionsField(build, `${prefix}${comment.databaseId}`, comment.reactions),
    ...extra,
  });
}

/** Comments of an issue or pull request, by creation or (orderBy) by update time. */
function issueCommentsField(build: Build, url: string, comments: readonly DatasetComment[]) {
  const sources = comments.map((c) =>
    commentSource(build, c, 'IssueComment', `${url}#issuecomment-${c.databaseId}`),
  );
  return (args: PageArgs & { orderBy?: Order | null }) =>
    paginate(
      sources,
      (c): SortKey => [
        ms((args.orderBy == null ? c.createdAt : c.updatedAt) as string),
        c.databaseId as number,
      ],
      args,
      args.orderBy?.direction === 'DESC',
    );
}

function issueLikeFields(
  build: Build,
  repo: Source,
  issue: DatasetIssue | DatasetPullRequest,
  url: string,
  prefix: 'I' | 'PR',
): Source {
  return {
    id: nodeId(prefix, issue.databaseId),
    databaseId: issue.databaseId,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    url,
    author: actor(build, issue.author),
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    state: issue.state,
    repository: repo,
    comments: issueCommentsField(build, url, issue.comments),
    reactions: reactionsField(build, `${prefix}${issue.databaseId}`, issue.reactions),
  };
}

function reviewSource(build: Build, review: DatasetReview, pullUrl: string): Source {
  const source: Source = {
    __typename: 'PullRequestReview',
    id: nodeId('PRR', review.databaseId),
    databaseId: review.databaseId,
    url: `${pullUrl}#pullrequestreview-${review.databaseId}`,
    body: review.body,
    state: review.state,
    author: actor(build, review.author),
    createdAt: review.submittedAt,
    submittedAt: review.submittedAt,
    updatedAt: review.updatedAt,
    reactions: reactionsField(build, `PRR${review.databaseId}`, review.reactions),
  };
  const comments = review.comments.map((c) =>
    commentSource(build, c, 'PullRequestReviewComment', `${pullUrl}#discussion_r${c.databaseId}`, {
      pullRequestReview: source,
    }),
  );
  source.comments = (args: PageArgs) =>
    paginate(comments, (c): SortKey => [ms(c.createdAt as string), c.databaseId as number], args);
  return register(build, source);
}

function pullSource(
  build: Build,
  repo: Source,
  pull: DatasetPullRequest,
  commits: ReadonlyMap<string, Source>,
): Source {
  const url = `${repo.url as string}/pull/${pull.number}`;
  const reviews = pull.reviews.map((review) => reviewSource(build, review, url));
  return register(build, {
    __typename: 'PullRequest',
    ...issueLikeFields(build, repo, pull, url, 'PR'),
    state: pull.state,
    merged: pull.state === 'MERGED',
    mergedAt: pull.mergedAt,
    mergeCommit: pull.mergeCommit === null ? null : (commits.get(pull.mergeCommit) ?? null),
    additions: pull.additions,
    deletions: pull.deletions,
    reviews: (args: PageArgs & Record<string, unknown>) => {
      unsupported('reviews', args, ['states', 'author']);
      return paginate(
        reviews,
        (r): SortKey => [ms(r.submittedAt as string), r.databaseId as number],
        args,
      );
    },
  });
}

/** Listing order of issues and pull requests: GitHub's `IssueOrder`, creation by default. */
function issueOrderKey(order: Order | null | undefined): (s: Source) => SortKey {
  const field = order?.field ?? 'CREATED_AT';
  return (s) => {
    if (field === 'UPDATED_AT') return [ms(s.updatedAt as string), s.databaseId as number];
    if (field === 'COMMENTS') {
      return [(s.comments as (a: PageArgs) => { totalCount: number })({}).totalCount, 0];
    }
    return [ms(s.createdAt as string), s.databaseId as number];
  };
}

interface ListArgs extends PageArgs {
  readonly orderBy?: Order | null;
  readonly states?: readonly string[] | null;
  readonly filterBy?: Record<string, unknown> | null;
}

function listField(sources: readonly Source[], field: string, unsupportedArgs: string[]) {
  return (args: ListArgs & Record<string, unknown>) => {
    unsupported(field, args, unsupportedArgs);
    const filter = args.filterBy ?? {};
    unsupported(`${field}(filterBy)`, filter, [
      'assignee',
      'createdBy',
      'labels',
      'mentioned',
      'milestone',
      'milestoneNumber',
      'type',
    ]);
    const states = args.states ?? (filter.states as string[] | null | undefined) ?? null;
    const since = typeof filter.since === 'string' ? ms(filter.since) : null;
    const matching = sources.filter(
      (s) =>
        (states === null || states.includes(s.state as string)) &&
        (since === null || ms(s.updatedAt as string) >= since),
    );
    return paginate(
      matching,
      issueOrderKey(args.orderBy),
      args,
      args.orderBy?.direction === 'DESC',
    );
  };
}

function commitSources(build: Build, repo: DatasetRepository, url: string): Source[] {
  const count = repo.commits.length;
  const sources: Source[] = [];
  repo.commits.forEach((commit: DatasetCommit, index) => {
    const authors = commit.authors.map((a) => ({
      name: a.name,
      email: a.email ?? null,
      date: commit.authoredDate,
      user: userOnly(build, a.user),
    }));
    const source = register(build, {
      __typename: 'Commit',
      id: nodeId('C', repo.databaseId, commit.oid),
      oid: commit.oid,
      abbreviatedOid: commit.oid.slice(0, 7),
      url: `${url}/commit/${commit.oid}`,
      message: commit.message,
      messageHeadline: commit.message.split('\n')[0],
      committedDate: commit.committedDate,
      authoredDate: commit.authoredDate,
      author: authors[0],
      authors: (args: PageArgs) => paginate(authors, (_a) => [0, authors.indexOf(_a)], args),
      seq: count - index,
    });
    sources.push(source);
  });
  sources.forEach((source, index) => {
    const reachable = sources.slice(index);
    source.history = (args: PageArgs & Record<string, unknown>) => {
      unsupported('history', args, ['path', 'author']);
      const since = typeof args.since === 'string' ? ms(args.since) : -Infinity;
      const until = typeof args.until === 'string' ? ms(args.until) : Infinity;
      const matching = reachable.filter((c) => {
        const at = ms(c.committedDate as string);
        return at >= since && at <= until;
      });
      return paginate(matching, (c): SortKey => [c.seq as number, c.seq as number], args, true);
    };
  });
  return sources;
}

function repositorySource(build: Build, repo: DatasetRepository): Source {
  const url = `${build.web}/${repo.owner}/${repo.name}`;
  const source: Source = {
    __typename: 'Repository',
    id: nodeId('R', repo.databaseId),
    databaseId: repo.databaseId,
    name: repo.name,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    owner: actor(build, repo.owner),
    url,
    createdAt: repo.createdAt,
    isPrivate: false,
  };
  const commits = commitSources(build, repo, url);
  const byOid = new Map(commits.map((c) => [c.oid as string, c]));
  const head = commits[0];
  source.defaultBranchRef =
    head === undefined
      ? null
      : { __typename: 'Ref', name: repo.defaultBranch, prefix: 'refs/heads/', target: head };
  source.object = (args: { oid?: string | null; expression?: string | null }) =>
    args.oid == null ? null : (byOid.get(args.oid) ?? null);
  const issues = repo.issues.map((issue) => {
    const issueUrl = `${url}/issues/${issue.number}`;
    return register(build, {
      __typename: 'Issue',
      ...issueLikeFields(build, source, issue, issueUrl, 'I'),
    });
  });
  const pulls = repo.pullRequests.map((pull) => pullSource(build, source, pull, byOid));
  source.issues = listField(issues, 'issues', ['labels']);
  source.pullRequests = listField(pulls, 'pullRequests', ['labels', 'headRefName', 'baseRefName']);
  const times = [repo.createdAt, ...[...repo.issues, ...repo.pullRequests].map((i) => i.updatedAt)];
  source.updatedAt = times.sort().at(-1);
  return register(build, source);
}

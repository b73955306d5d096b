/**
 * The mirror as a contribution graph (pure: a snapshot in, a Graph out; no I/O, no clock).
 *
 * Nodes: repositories; issues and pull requests (`github/pull/<owner>/<name>/<number>`); reviews;
 * comments on issues, pull requests and reviews; default-branch commits; accounts (users, bots,
 * organizations, keyed by databaseId). Every contribution carries its URL and its repository as
 * container. A pull request mints only once merged, and is dated by its merge, so its cred lands
 * in the week the work was accepted.
 *
 * Edges: account → work it authored (typed by the kind of account), work → its parent, merged
 * pull request → its commit, text → what it references or @mentions (graphReferences.ts),
 * account → what it reacted to (👍 ❤️ 🎉 🚀 only).
 */
import { extendAddress, edgeAddressBetween, type NodeAddress } from '../../core/address.js';
import type { Graph } from '../../core/graph.js';
import { collectAccounts } from './accounts.js';
import { EDGE_PREFIX, NODE_PREFIX, REACTION_EDGES } from './declaration.js';
import { GraphBuilder, ms, oneLine, type RepoInfo, type Thread } from './graphBuilder.js';
import { addReferences } from './graphReferences.js';
import type { AccountRecord, CommentRecord, CommitRecord } from './records.js';
import type { Child, MirrorSnapshot } from './snapshot.js';

export interface GithubGraphOptions {
  /** Logins of user accounts to treat as bots. */
  readonly bots: readonly string[];
}

export function githubGraph(snapshot: MirrorSnapshot, options: GithubGraphOptions): Graph {
  const book = collectAccounts(snapshot, options.bots);
  const builder = new GraphBuilder(snapshot, book);
  for (const account of book.accounts()) {
    const label = { user: 'user', bot: 'bot', org: 'organization' }[account.kind];
    builder.graph.addNode({
      address: account.address,
      description: `@${account.login} (GitHub ${label})`,
      timestampMs: null,
      url: account.url,
    });
  }
  addRepositories(builder);
  addThreads(builder);
  addComments(builder);
  addReviews(builder);
  addCommits(builder);
  addReactions(builder);
  addReferences(builder);
  return builder.graph;
}

function addRepositories(builder: GraphBuilder): void {
  for (const repo of builder.snapshot.repositories) {
    const owner = repo.owner.login;
    const address = extendAddress(NODE_PREFIX.repo, [owner, repo.name]);
    const info = { address, owner, name: repo.name };
    builder.repos.set(repo.key, info);
    builder.repos.set(`${owner}/${repo.name}`.toLowerCase(), info);
    builder.webHosts.add(new URL(repo.url).host.toLowerCase());
    builder.graph.addNode({
      address,
      description: `${owner}/${repo.name}`,
      timestampMs: ms(repo.createdAt),
      url: repo.url,
    });
  }
}

function addThreads(builder: GraphBuilder): void {
  const { snapshot, graph } = builder;
  const items = [
    ...snapshot.issues.map((item) => ({ item, kind: 'issue' as const, pull: undefined })),
    ...snapshot.pulls.map((item) => ({ item, kind: 'pull' as const, pull: item })),
  ];
  for (const { item, kind, pull } of items) {
    const repo = builder.repoByKey(item.repo);
    if (repo === undefined) continue;
    const address = extendAddress(NODE_PREFIX[kind], [repo.owner, repo.name, String(item.number)]);
    const merged = pull?.merged === true && pull.mergedAt !== null;
    const timestampMs = merged ? ms(pull.mergedAt as string) : ms(item.createdAt);
    graph.addNode({
      address,
      description: `${repo.owner}/${repo.name}#${item.number}: ${oneLine(item.title)}`,
      timestampMs,
      url: item.url,
      container: repo.address,
      ...(pull !== undefined && !merged ? { weight: 0 } : {}),
    });
    builder.threads.set(item.id, { address, repo, kind, number: item.number });
    builder.nodeById.set(item.id, address);
    builder.threadByNumber.set(`${repo.address}#${item.number}`, address);
    builder.author(item.author, address, timestampMs);
    builder.parent(address, repo.address, timestampMs);
    builder.texts.push({ address, repo, text: `${item.title}\n${item.body}`, timestampMs });
    if (merged && pull.mergeCommit !== null) {
      const commit = extendAddress(NODE_PREFIX.commit, [repo.owner, repo.name, pull.mergeCommit]);
      graph.addEdge({
        address: edgeAddressBetween(EDGE_PREFIX.mergedAs, address),
        src: address,
        dst: commit,
        timestampMs,
      });
    }
  }
}

function addComments(builder: GraphBuilder): void {
  for (const comment of builder.snapshot.comments) {
    const thread = builder.threads.get(comment.parent);
    if (thread === undefined) continue;
    addComment(builder, comment, thread, [thread.kind], thread.address, 'comment');
  }
}

/** A comment on an issue or pull request (`kind` = its kind), or on a review ([review, id]). */
function addComment(
  builder: GraphBuilder,
  comment: Child<CommentRecord>,
  thread: Thread,
  [kind, ...within]: string[],
  parent: NodeAddress,
  key: 'comment' | 'reviewComment',
): void {
  const { repo, number } = thread;
  const address = extendAddress(NODE_PREFIX.comment, [
    kind as string,
    repo.owner,
    repo.name,
    String(number),
    ...within,
    String(comment.databaseId),
  ]);
  const by = comment.author === null ? 'a deleted account' : `@${comment.author.login}`;
  const label = key === 'comment' ? 'Comment' : 'Review comment';
  const where = `${repo.owner}/${repo.name}#${number}`;
  addWork(builder, comment, address, repo, parent, `${label} by ${by} on ${where}`);
  builder.byDatabaseId.set(`${repo.address}/${key}/${comment.databaseId}`, address);
}

/** A comment, review or review comment: node, author, parent, text. */
function addWork(
  builder: GraphBuilder,
  work: { id: string; url: string; body: string; createdAt: string; author: AccountRecord | null },
  address: NodeAddress,
  repo: RepoInfo,
  parent: NodeAddress,
  description: string,
  timestampMs = ms(work.createdAt),
): void {
  builder.graph.addNode({
    address,
    description,
    timestampMs,
    url: work.url,
    container: repo.address,
  });
  builder.nodeById.set(work.id, address);
  builder.author(work.author, address, timestampMs);
  builder.parent(address, parent, timestampMs);
  builder.texts.push({ address, repo, text: work.body, timestampMs });
}

function addReviews(builder: GraphBuilder): void {
  const reviews = new Map<string, { address: NodeAddress; thread: Thread; databaseId: number }>();
  for (const review of builder.snapshot.reviews) {
    const thread = builder.threads.get(review.parent);
    if (thread === undefined) continue;
    const { repo } = thread;
    const address = extendAddress(NODE_PREFIX.review, [
      repo.owner,
      repo.name,
      String(thread.number),
      String(review.databaseId),
    ]);
    const by = review.author === null ? 'a deleted account' : `@${review.author.login}`;
    const state = review.state.toLowerCase().replace(/_/g, ' ');
    const at = ms(review.submittedAt ?? review.createdAt);
    addWork(
      builder,
      review,
      address,
      repo,
      thread.address,
      `Review (${state}) by ${by} of ${repo.owner}/${repo.name}#${thread.number}`,
      at,
    );
    reviews.set(review.id, { address, thread, databaseId: review.databaseId });
    builder.byDatabaseId.set(`${repo.address}/review/${review.databaseId}`, address);
  }
  for (const comment of builder.snapshot.reviewComments) {
    const review = reviews.get(comment.parent);
    if (review === undefined) continue;
    const within = ['review', String(review.databaseId)];
    addComment(builder, comment, review.thread, within, review.address, 'reviewComment');
  }
}

function addCommits(builder: GraphBuilder): void {
  for (const commit of builder.snapshot.commits) {
    const repo = builder.repoByKey(commit.repo);
    if (repo === undefined) continue;
    const address = extendAddress(NODE_PREFIX.commit, [repo.owner, repo.name, commit.oid]);
    const timestampMs = ms(commit.committedDate);
    builder.graph.addNode({
      address,
      description: `${repo.owner}/${repo.name}@${commit.oid.slice(0, 7)}: ${headline(commit)}`,
      timestampMs,
      url: commit.url,
      container: repo.address,
    });
    const byRepo = builder.commits.get(repo.address) ?? new Map<string, NodeAddress>();
    byRepo.set(commit.oid, address);
    builder.commits.set(repo.address, byRepo);
    for (const author of commit.authors) builder.author(author.user, address, timestampMs);
    builder.texts.push({ address, repo, text: commit.message, timestampMs });
  }
}

function headline(commit: CommitRecord): string {
  return oneLine(commit.message.split('\n')[0] ?? '');
}

function addReactions(builder: GraphBuilder): void {
  for (const reaction of builder.snapshot.reactions) {
    const prefix = REACTION_EDGES[reaction.content];
    const target = builder.nodeById.get(reaction.reactable);
    if (prefix === undefined || target === undefined || reaction.user === null) continue;
    const user = builder.accounts.addressOf(reaction.user).address;
    builder.graph.mergeEdge({
      address: edgeAddressBetween(prefix, user, target),
      src: user,
      dst: target,
      timestampMs: ms(reaction.createdAt),
    });
  }
}

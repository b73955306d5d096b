/**
 * Incremental equals fresh, for GitHub: random changes GitHub makes visible through update
 * times (new issues, comments and commits, edited bodies, merged pull requests) are applied to
 * the stand-in's dataset; an incremental load after them must leave the graph byte for byte the
 * graph a fresh load of the changed dataset gives. A reaction alone does not change an issue's
 * `updatedAt` (GitHub GraphQL `Issue.updatedAt`; docs/plugins.md), so it is left to the periodic
 * full refresh (`fullRefreshDays`) and not generated here.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { GithubDataset } from '../../src/replay/github/dataset.js';
import { closeGithubStandIn, graphText, harness, START_MS } from './githubHarness.js';

afterEach(closeGithubStandIn);

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
const LOGINS = ['octo-ana', 'river-kim', 'sol-park', 'juno-bell'];
const CONFIG = { fullRefreshDays: 30 };

type Change =
  | { kind: 'comment'; repo: number; thread: number; author: number; pull: boolean }
  | { kind: 'edit'; repo: number; thread: number; pull: boolean }
  | { kind: 'issue'; repo: number; author: number }
  | { kind: 'commit'; repo: number; author: number }
  | { kind: 'merge'; repo: number; thread: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant('comment' as const),
    repo: fc.nat(1),
    thread: fc.nat(40),
    author: fc.nat(3),
    pull: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('edit' as const),
    repo: fc.nat(1),
    thread: fc.nat(40),
    pull: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('issue' as const), repo: fc.nat(1), author: fc.nat(3) }),
  fc.record({ kind: fc.constant('commit' as const), repo: fc.nat(1), author: fc.nat(3) }),
  fc.record({ kind: fc.constant('merge' as const), repo: fc.nat(1), thread: fc.nat(40) }),
);

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const oid = (n: number) => n.toString(16).padStart(40, 'c');

/** Applies the changes in order, an hour apart, within the week after START_MS. */
function apply(dataset: GithubDataset, changes: readonly Change[]): void {
  changes.forEach((c, index) => {
    const at = iso(START_MS + (index + 1) * HOUR_MS);
    const repo = dataset.repositories[c.repo % dataset.repositories.length]!;
    const serial = 9_000_000 + index;
    const threads = 'pull' in c && c.pull ? repo.pullRequests : repo.issues;
    const thread = 'thread' in c ? threads[c.thread % Math.max(1, threads.length)] : undefined;
    const author = 'author' in c ? LOGINS[c.author]! : 'octo-ana';
    switch (c.kind) {
      case 'comment':
        if (thread === undefined) return;
        thread.comments.push({
          databaseId: serial,
          body: `more on #${thread.number} @${author}`,
          author,
          createdAt: at,
          updatedAt: at,
          reactions: [{ content: 'HEART', user: 'sol-park', createdAt: at }],
        });
        thread.updatedAt = at;
        return;
      case 'edit':
        if (thread === undefined) return;
        thread.body = `${thread.body}\nedited at ${at}, see ${repo.commits.at(-1)?.oid.slice(0, 9) ?? ''}`;
        thread.updatedAt = at;
        return;
      case 'issue': {
        const number =
          1 +
          Math.max(
            0,
            ...repo.issues.map((i) => i.number),
            ...repo.pullRequests.map((p) => p.number),
          );
        repo.issues.push({
          number,
          databaseId: serial,
          title: `New ${number}`,
          body: 'see https://github.com/river-kim',
          author,
          createdAt: at,
          updatedAt: at,
          comments: [],
          reactions: [],
          state: 'OPEN',
        });
        return;
      }
      case 'commit':
        repo.commits.unshift({
          oid: oid(serial),
          message: `Work of ${at}`,
          authors: [{ name: author, user: author }],
          committedDate: at,
          authoredDate: at,
        });
        return;
      case 'merge': {
        const open = repo.pullRequests.filter((p) => p.state === 'OPEN');
        const pull = open[c.thread % Math.max(1, open.length)];
        if (pull === undefined) return;
        repo.commits.unshift({
          oid: oid(serial),
          message: `Merge #${pull.number}`,
          authors: [{ name: 'x', user: pull.author }],
          committedDate: at,
          authoredDate: at,
        });
        Object.assign(pull, {
          state: 'MERGED',
          mergedAt: at,
          mergeCommit: oid(serial),
          updatedAt: at,
        });
        return;
      }
    }
  });
}

async function incrementalGraph(changes: readonly Change[]): Promise<string> {
  const h = await harness();
  await h.load(CONFIG);
  apply(h.standIn.state.dataset, changes);
  h.clock = START_MS + WEEK_MS;
  await h.load(CONFIG);
  const graph = await graphText(h);
  await closeGithubStandIn();
  return graph;
}

async function freshGraph(changes: readonly Change[]): Promise<string> {
  const h = await harness();
  apply(h.standIn.state.dataset, changes);
  h.clock = START_MS + WEEK_MS;
  await h.load(CONFIG);
  const graph = await graphText(h);
  await closeGithubStandIn();
  return graph;
}

describe('test/e2e/githubIncremental', () => {
  it('an incremental load after random changes gives the graph a fresh load gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 12 }), async (changes) => {
        expect(await incrementalGraph(changes)).toBe(await freshGraph(changes));
      }),
      { numRuns: 6, seed: 18 },
    );
  }, 300_000);

  it('request counts per load: first, unchanged, after a week of changes, full refresh', async () => {
    const week: Change[] = [];
    for (let day = 0; day < 7; day++) {
      week.push({ kind: 'issue', repo: day % 2, author: day % 4 });
      week.push({ kind: 'comment', repo: 0, thread: day * 3, author: 1, pull: false });
      week.push({ kind: 'comment', repo: 1, thread: day, author: 2, pull: true });
      week.push({ kind: 'edit', repo: 0, thread: day * 5, pull: true });
      week.push({ kind: 'commit', repo: day % 2, author: 0 });
    }
    week.push({ kind: 'merge', repo: 0, thread: 0 });
    const h = await harness();
    const first = await h.load(CONFIG);
    const unchanged = await h.load(CONFIG);
    apply(h.standIn.state.dataset, week);
    h.clock = START_MS + WEEK_MS;
    const afterWeek = await h.load(CONFIG);
    h.clock = START_MS + 40 * 24 * HOUR_MS;
    const refresh = await h.load(CONFIG);
    const counts = [first, unchanged, afterWeek, refresh].map((s) => s.requests);
    expect(counts).toEqual([14, 6, 9, 14]);
    expect(refresh.report?.sources.every((s) => s.fullRefresh)).toBe(true);
  }, 120_000);
});

/**
 * The GitHub plugin's load against the GitHub stand-in, through the real @octokit/graphql over
 * loopback HTTP: pagination, incremental and resumed loads, the three rate-limit answers, a
 * timeout and malformed answers. Sleeps and the clock are injected, so waits are asserted, not
 * waited for. (In test/ rather than beside the plugin because it uses both the plugin and the
 * stand-in, which the layering keeps apart in src/.)
 */
import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonicalJson.js';
import { githubPlugin } from '../../src/plugins/github/index.js';
import { mirrorPath } from '../../src/plugins/github/loadGithub.js';
import { GithubMirror } from '../../src/plugins/github/mirror.js';
import {
  exhaustedRateLimit,
  isOperation,
  malformedAnswer,
  primaryRateLimit,
  secondaryRateLimit,
  slowAnswer,
  wrongShapeAnswer,
} from '../../src/replay/github/faults.js';
import { operationVariables } from '../../src/replay/github/githubStandIn.js';
import { githubSchema } from '../../src/replay/github/schema.js';
import type { Fault } from '../../src/replay/standIn.js';
import {
  closeGithubStandIn,
  graphText,
  harness,
  REPOS,
  START_MS,
  TOKEN,
  type Harness,
} from './githubHarness.js';

afterEach(closeGithubStandIn);

/** Everything in the mirror: records of both repositories and the progress of every list. */
function mirrorContents(h: Harness): unknown {
  const mirror = GithubMirror.open(mirrorPath(h.cacheDir));
  const keys = REPOS.map((r) => r.toLowerCase());
  const states = keys.flatMap((key) =>
    ['issues', 'pulls', 'commits'].map((kind) => mirror.state(key, kind) ?? null),
  );
  const contents = JSON.parse(
    canonicalJson({
      snapshot: mirror.snapshot(keys),
      states,
      next: keys.map((k) => mirror.nextPending(k) ?? null),
    } as never),
  ) as unknown;
  mirror.close();
  return contents;
}

const FIRST_LOAD_NOTES = [
  'lantern-labs/lamp: 10 requests (repository 1, issues 2, pull requests 2, more reactions 1, more comments 1, more review comments 1, more reviews 1, commits 1)',
  'lantern-labs/wick: 4 requests (repository 1, issues 1, pull requests 1, commits 1)',
];

describe('test/e2e/githubLoad', () => {
  it('loadGithub(ctx) reads every page, nested page and commit of the fixture', async () => {
    const h = await harness();
    const summary = await h.load();
    expect(summary.requests).toBe(14);
    expect(summary.notes.slice(0, 2)).toEqual(FIRST_LOAD_NOTES);
    expect(summary.items).toMatchObject({
      issues: 29,
      'pull requests': 29,
      commits: 26,
      reviews: 46,
      'review comments': 40,
    });
    const issuePages = h.standIn.requests.filter(
      isOperation('CredIssues', (v) => v.owner === 'lantern-labs' && v.name === 'lamp'),
    );
    expect(issuePages.map((r) => operationVariables(r).after ?? null)).toEqual([
      null,
      expect.any(String),
    ]);
    expect(operationVariables(issuePages[0]!)).toMatchObject({ first: 25, since: null });
    const graph = await githubPlugin.graph(h.context());
    expect(graph.node('github/comment/issue/lantern-labs/lamp/7/7100027' as never)).toBeDefined(); // beyond the first 30 comments
    const proposals = await githubPlugin.identities(h.context());
    expect(proposals.map((p) => `${p.name}:${p.type}`).sort()).toEqual([
      'ci-helper:user',
      'depbot:bot',
      'juno-bell:user',
      'lantern-labs:organization',
      'mika-sato:user',
      'octo-ana:user',
      'river-kim:user',
      'sol-park:user',
    ]);
    expect(h.progress).toContain('github: lantern-labs/lamp issues: page 1, 25 updated');
    expect(h.progress).toContain('github: lantern-labs/lamp more comments: 5'); // #7: 35 - 30
  });

  it('loadGithub(ctx) asks an unchanged repository once per object kind and writes nothing', async () => {
    const h = await harness();
    await h.load();
    const before = mirrorContents(h);
    const from = h.standIn.requests.length;
    const summary = await h.load();
    expect(summary.requests).toBe(6);
    expect(summary.items).toEqual({});
    expect(summary.notes.slice(0, 2)).toEqual([
      'lantern-labs/lamp: 3 requests (repository 1, issues 1, pull requests 1)',
      'lantern-labs/wick: 3 requests (repository 1, issues 1, pull requests 1)',
    ]);
    expect(h.operations(from)).toEqual([
      'CredRepository',
      'CredIssues',
      'CredPulls',
      'CredRepository',
      'CredIssues',
      'CredPulls',
    ]);
    const lampIssues = h.standIn.requests.slice(from).find(isOperation('CredIssues'))!;
    const newest = h.standIn.state.dataset.repositories[0]!.issues.map((i) => i.updatedAt)
      .sort()
      .at(-1)!;
    expect(operationVariables(lampIssues).since).toBe(
      new Date(Date.parse(newest) + 1000).toISOString().replace('.000Z', 'Z'),
    );
    expect(mirrorContents(h)).toEqual(before);
  });

  it('loadGithub(ctx) fetches only what changed, and the full refresh catches a late reaction', async () => {
    const h = await harness();
    await h.load();
    const lamp = h.standIn.state.dataset.repositories[0]!;
    const issue3 = lamp.issues.find((i) => i.number === 3)!;
    issue3.comments.push({
      databaseId: 7200001,
      body: 'Still happens on 1.3, see #50',
      author: 'sol-park',
      createdAt: '2026-10-21T09:00:00Z',
      updatedAt: '2026-10-21T09:00:00Z',
      reactions: [],
    });
    issue3.updatedAt = '2026-10-21T09:00:00Z';
    const pull50 = lamp.pullRequests.find((p) => p.number === 50)!;
    const mergeOid = 'f'.repeat(40);
    Object.assign(pull50, {
      state: 'MERGED',
      mergedAt: '2026-10-21T10:00:00Z',
      mergeCommit: mergeOid,
      updatedAt: '2026-10-21T10:00:00Z',
    });
    const newestCommit = lamp.commits[0]!.committedDate;
    lamp.commits.unshift({
      oid: mergeOid,
      message: `${pull50.title} (#50)`,
      authors: [{ name: 'Octo Ana', user: pull50.author }],
      committedDate: '2026-10-21T10:00:00Z',
      authoredDate: '2026-10-20T10:00:00Z',
    });
    lamp.pullRequests
      .find((p) => p.number === 2)!
      .reactions.push({ content: 'HOORAY', user: 'mika-sato', createdAt: '2026-10-21T11:00:00Z' });
    h.clock = Date.parse('2026-10-22T08:00:00Z');
    const from = h.standIn.requests.length;
    const summary = await h.load();
    expect(summary.notes[0]).toBe(
      'lantern-labs/lamp: 4 requests (repository 1, issues 1, pull requests 1, commits 1)',
    );
    // The changed issue and pull request come with their first page of comments (4 + 2); the
    // commit pass re-reads the newest commit it had (its `since` is inclusive).
    expect(summary.items).toMatchObject({ issues: 1, 'pull requests': 1, comments: 6, commits: 2 });
    const pulls = h.standIn.requests.slice(from).find(isOperation('CredPulls'))!;
    expect(operationVariables(pulls).after).toEqual(expect.any(String));
    const commits = h.standIn.requests.slice(from).find(isOperation('CredCommits'))!;
    expect(operationVariables(commits)).toMatchObject({
      head: mergeOid,
      since: newestCommit,
    });
    const graph = await githubPlugin.graph(h.context());
    expect(graph.node('github/pull/lantern-labs/lamp/50' as never)?.weight).toBeUndefined();
    expect(graph.node(`github/commit/lantern-labs/lamp/${mergeOid}` as never)).toBeDefined();
    expect(graph.node('github/comment/issue/lantern-labs/lamp/3/7200001' as never)).toBeDefined();
    const hooray = (g: typeof graph) =>
      [...g.edges()].filter(
        (e) =>
          e.address.startsWith('github/reacts/hooray/') &&
          e.dst === 'github/pull/lantern-labs/lamp/2',
      );
    expect(hooray(graph)).toHaveLength(0); // a reaction does not change updatedAt
    h.clock = Date.parse('2026-10-28T12:00:00Z'); // 8 days after the first (full) load
    const refresh = await h.load();
    expect(refresh.notes[0]).toMatch(/^lantern-labs\/lamp: 10 requests/);
    expect(summary.report?.sources[0]?.fullRefresh).toBe(false);
    expect(refresh.report?.sources[0]?.fullRefresh).toBe(true);
    expect(h.progress).toContain(
      'github: lantern-labs/lamp issues: re-reading everything (the last full read was 8 days ago; fullRefreshDays is 7)',
    );
    expect(hooray(await githubPlugin.graph(h.context()))).toHaveLength(1);
  });

  it('loadGithub(ctx) resumes an interrupted load at the page where it stopped', async () => {
    const h = await harness();
    h.standIn.inject(
      isOperation('CredIssues', (v) => v.after != null),
      { hangUp: true },
      4,
    );
    await expect(h.load()).rejects.toMatchObject({
      name: 'PluginFetchError',
      code: 'GITHUB_UNREACHABLE',
    });
    expect(h.sleeps).toEqual([1000, 2000, 4000]);
    const firstPage = h.standIn.requests.find(isOperation('CredIssues'))!;
    const mirror = GithubMirror.open(mirrorPath(h.cacheDir));
    expect(mirror.snapshot(['lantern-labs/lamp']).issues).toHaveLength(25);
    mirror.close();
    const from = h.standIn.requests.length;
    const summary = await h.load();
    const resumed = h.standIn.requests.slice(from).filter(isOperation('CredIssues'));
    expect(operationVariables(resumed[0]!)).toMatchObject({ since: null });
    expect(operationVariables(resumed[0]!).after).toEqual(expect.any(String));
    expect(summary.notes[0]).toMatch(
      /^lantern-labs\/lamp: 9 requests \(repository 1, issues 1, pull requests 2/,
    );
    const clean = await harness();
    await clean.load();
    expect(await graphText(h)).toBe(await graphText(clean));
    expect(operationVariables(firstPage).after ?? null).toBeNull();
  });

  const resetSeconds = START_MS / 1000 + 90;
  it.each<[string, Fault, number, string]>([
    ['GraphQL RATE_LIMITED', primaryRateLimit(resetSeconds), 91_000, 'GitHub rate limit reached'],
    [
      'GraphQL RATE_LIMIT',
      primaryRateLimit(resetSeconds, 'RATE_LIMIT'),
      91_000,
      'GitHub rate limit reached',
    ],
    [
      '403 secondary with retry-after',
      secondaryRateLimit(403, 7),
      7_000,
      'GitHub secondary rate limit',
    ],
    [
      '429 secondary with retry-after',
      secondaryRateLimit(429, 3),
      3_000,
      'GitHub secondary rate limit',
    ],
    [
      '403 secondary without retry-after',
      secondaryRateLimit(403),
      60_000,
      'GitHub secondary rate limit',
    ],
    [
      '403 remaining 0',
      exhaustedRateLimit(resetSeconds),
      91_000,
      'GitHub rate limit budget used up',
    ],
    [
      '429 remaining 0',
      exhaustedRateLimit(resetSeconds, 429),
      91_000,
      'GitHub rate limit budget used up',
    ],
  ])(
    'loadGithub(ctx) waits out a %s answer, says until when, and goes on',
    async (_label, fault, waitMs, reason) => {
      const h = await harness();
      h.standIn.inject(isOperation('CredPulls'), fault);
      const summary = await h.load();
      expect(h.sleeps).toEqual([waitMs]);
      const resumeAt = new Date(START_MS + waitMs).toISOString();
      expect(h.progress).toContain(
        `github: ${reason} (CredPulls for lantern-labs/lamp): waiting ${waitMs / 1000} s, resuming at ${resumeAt}`,
      );
      expect(summary.notes[0]).toMatch(/pull requests 3/);
      expect(summary.items).toMatchObject({ issues: 29, 'pull requests': 29 });
    },
  );

  it('loadGithub(ctx) gives up with GITHUB_RATE_LIMITED after ten waits in a row', async () => {
    const h = await harness();
    h.standIn.inject(isOperation('CredRepository'), primaryRateLimit(resetSeconds), 11);
    await expect(h.load()).rejects.toMatchObject({ code: 'GITHUB_RATE_LIMITED' });
    expect(h.sleeps).toHaveLength(10);
  });

  it('loadGithub(ctx) drops a pending page whose object was deleted meanwhile', async () => {
    const h = await harness();
    h.standIn.inject(isOperation('CredMoreComments'), { hangUp: true }, 4);
    await expect(h.load()).rejects.toMatchObject({ code: 'GITHUB_UNREACHABLE' });
    const lamp = h.standIn.state.dataset.repositories[0]!;
    lamp.issues = lamp.issues.filter((issue) => issue.number !== 7);
    const from = h.standIn.requests.length;
    const summary = await h.load();
    expect(h.operations(from)).toContain('CredMoreComments');
    expect(summary.notes[0]).toMatch(/more comments 1/);
    const mirror = GithubMirror.open(mirrorPath(h.cacheDir));
    expect(mirror.nextPending('lantern-labs/lamp')).toBeUndefined();
    mirror.close();
  });

  it('loadGithub(ctx) retries a timed-out page at half the size', async () => {
    const h = await harness();
    // 3 s leaves a busy machine time to answer the other pages; the slow one outlasts it.
    h.standIn.inject(isOperation('CredPulls'), slowAnswer(15_000));
    const summary = await h.load({ timeoutSeconds: 3 });
    const sizes = h.standIn.requests
      .filter(isOperation('CredPulls', (v) => v.name === 'lamp'))
      .map((r) => operationVariables(r).first);
    // Halved once, then back to 20 after two pages answered at 10.
    expect(sizes).toEqual([20, 10, 10, 20]);
    expect(h.progress).toContain(
      'github: lantern-labs/lamp pull requests: no answer within 3 s; retrying with pages of 10',
    );
    expect(summary.items).toMatchObject({ 'pull requests': 29 });
    expect(summary.report?.sources[0]).toMatchObject({ pageShrinks: 1, retries: 0 });
  });

  it('loadGithub(ctx) gives up with GITHUB_TIMEOUT when a request that cannot shrink times out', async () => {
    const h = await harness();
    h.standIn.inject(isOperation('CredRepository'), slowAnswer(15_000));
    await expect(h.load({ timeoutSeconds: 3 })).rejects.toMatchObject({
      code: 'GITHUB_TIMEOUT',
    });
  });

  it.each<[string, string, Fault, RegExp]>([
    ['a body that is not JSON', 'CredIssues', malformedAnswer(), /is not GraphQL JSON/],
    [
      'JSON of the wrong shape',
      'CredIssues',
      wrongShapeAnswer(),
      /does not match the query at "repository\.issues\.pageInfo"/,
    ],
  ])(
    'loadGithub(ctx) stops on %s with a clear error and leaves the cache as it was',
    async (_label, operation, fault, message) => {
      const h = await harness();
      await h.load();
      const before = mirrorContents(h);
      const lamp = h.standIn.state.dataset.repositories[0]!;
      lamp.issues[0]!.updatedAt = '2026-10-21T00:00:00Z';
      lamp.pullRequests[0]!.updatedAt = '2026-10-21T00:00:00Z';
      h.standIn.inject(isOperation(operation), fault);
      await expect(h.load()).rejects.toMatchObject({
        name: 'PluginFetchError',
        code: 'GITHUB_MALFORMED_RESPONSE',
        message: expect.stringMatching(message),
      });
      expect(mirrorContents(h)).toEqual(before);
      const recovered = await h.load();
      expect(recovered.items).toMatchObject({ issues: 1, 'pull requests': 1 });
    },
  );

  it('loadGithub(ctx) refuses to start without GITHUB_TOKEN, and names a refused token without echoing it', async () => {
    const h = await harness({ token: 'another-test-token' });
    await expect(githubPlugin.load!(h.context({}, {}))).rejects.toMatchObject({
      name: 'ConfigError',
      code: 'GITHUB_TOKEN_MISSING',
    });
    expect(h.standIn.requests).toHaveLength(0);
    const refused = await h.load().catch((error: Error) => error);
    expect(refused).toMatchObject({ code: 'GITHUB_UNAUTHORIZED', status: 401 });
    expect(JSON.stringify({ ...refused, message: (refused as Error).message })).not.toContain(
      TOKEN,
    );
    expect(h.standIn.requests[0]?.headers.authorization).toBe(`token ${TOKEN}`);
  });

  it('loadGithub(ctx) names a repository GitHub does not know', async () => {
    const h = await harness();
    await expect(h.load({ repositories: ['lantern-labs/lantern'] })).rejects.toMatchObject({
      code: 'GITHUB_REPO_NOT_FOUND',
      message: expect.stringMatching(/lantern-labs\/lantern/),
    });
  });

  it("loadGithub(ctx) sends only queries that validate against GitHub's schema, and writes no token", async () => {
    const h = await harness();
    await h.load();
    const queries = new Set(h.standIn.requests.map((r) => (r.body as { query: string }).query));
    expect(queries.size).toBe(8);
    for (const query of queries) expect(validate(githubSchema(), parse(query))).toEqual([]);
    expect(readFileSync(mirrorPath(h.cacheDir)).includes(TOKEN)).toBe(false);
    expect(h.progress.join('\n')).not.toContain(TOKEN);
  });
});

import { graphql } from '@octokit/graphql';
import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { parseGithubDataset } from './dataset.js';
import { fixtureDataset as fixture } from './fixture.js';
import { startGithubStandIn, type GithubStandIn } from './githubStandIn.js';
import { queryCost } from './queryCost.js';
import { githubSchema } from './schema.js';

let standIn: GithubStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function client(dataset = fixture()) {
  standIn = await startGithubStandIn(dataset);
  return graphql.defaults({
    baseUrl: standIn.apiUrl,
    headers: { authorization: 'token test-token-not-real' },
  });
}

const ISSUES = `query Issues($first: Int!, $after: String, $since: DateTime) {
  repository(owner: "lantern-labs", name: "lamp") {
    issues(first: $first, after: $after, filterBy: { since: $since },
           orderBy: { field: UPDATED_AT, direction: ASC }) {
      totalCount pageInfo { endCursor hasNextPage } nodes { number updatedAt url }
    }
  }
}`;

interface IssuesPage {
  repository: {
    issues: {
      totalCount: number;
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
      nodes: { number: number; updatedAt: string; url: string }[];
    };
  };
}

describe('replay/github/githubStandIn', () => {
  it('parseGithubDataset(json) accepts the fixture and names an unknown login', () => {
    const dataset = fixture();
    expect(dataset.repositories.map((r) => `${r.owner}/${r.name}`)).toEqual([
      'lantern-labs/lamp',
      'lantern-labs/wick',
    ]);
    dataset.repositories[1]!.issues[0]!.author = 'nobody';
    expect(() => parseGithubDataset(dataset, 'x.json')).toThrow(
      expect.objectContaining({
        code: 'GITHUB_DATASET_INVALID',
        message: expect.stringMatching(/"nobody"/),
      }),
    );
  });

  it('startGithubStandIn(dataset) pages issues by update time, after key-based cursors', async () => {
    const send = await client();
    const first = await send<IssuesPage>(ISSUES, { first: 20 });
    const issues = first.repository.issues;
    expect(issues.totalCount).toBe(27);
    expect(issues.nodes).toHaveLength(20);
    expect(issues.pageInfo.hasNextPage).toBe(true);
    const times = issues.nodes.map((n) => n.updatedAt);
    expect([...times].sort()).toEqual(times);
    expect(issues.nodes[0]?.url).toMatch(
      /^https:\/\/github\.com\/lantern-labs\/lamp\/issues\/\d+$/,
    );
    const second = await send<IssuesPage>(ISSUES, { first: 20, after: issues.pageInfo.endCursor });
    expect(second.repository.issues.nodes).toHaveLength(7);
    expect(second.repository.issues.pageInfo.hasNextPage).toBe(false);
    // An issue updated later moves past the cursor where a listing ended.
    const end = second.repository.issues.pageInfo.endCursor;
    standIn!.state.dataset.repositories[0]!.issues[0]!.updatedAt = '2026-12-01T00:00:00Z';
    const after = await send<IssuesPage>(ISSUES, { first: 20, after: end });
    expect(after.repository.issues.nodes.map((n) => n.number)).toEqual([1]);
    const since = await send<IssuesPage>(ISSUES, { first: 20, since: '2026-11-01T00:00:00Z' });
    expect(since.repository.issues.nodes.map((n) => n.number)).toEqual([1]);
  });

  it('startGithubStandIn(dataset) answers errors as GitHub does', async () => {
    const send = await client();
    await expect(send('{ repository(owner: "a", name: "b") { id } }')).rejects.toMatchObject({
      name: 'GraphqlResponseError',
      errors: [{ type: 'NOT_FOUND', path: ['repository'] }],
    });
    await expect(send('{ repository(owner: "a", name: "b") { colour } }')).rejects.toMatchObject({
      errors: [{ message: expect.stringMatching(/colour/) }],
    });
    await expect(
      send('{ repository(owner: "lantern-labs", name: "lamp") { issues { totalCount } } }'),
    ).rejects.toMatchObject({ errors: [{ type: 'MISSING_PAGINATION_BOUNDARIES' }] });
    await expect(
      send(
        '{ repository(owner: "lantern-labs", name: "lamp") { issues(first: 101) { totalCount } } }',
      ),
    ).rejects.toMatchObject({ errors: [{ type: 'EXCESSIVE_PAGINATION' }] });
    const unauthenticated = graphql.defaults({ baseUrl: standIn!.apiUrl });
    await expect(unauthenticated('{ rateLimit { cost } }')).rejects.toMatchObject({
      name: 'HttpError',
      status: 401,
    });
  });

  it('startGithubStandIn(dataset) spends rate-limit points and reports them in headers and rateLimit', async () => {
    const send = await client();
    const answer = await send<{ rateLimit: { cost: number; remaining: number; limit: number } }>(
      '{ rateLimit { cost remaining limit } }',
    );
    expect(answer.rateLimit).toEqual({ cost: 1, remaining: 4999, limit: 5000 });
    const response = await fetch(`${standIn!.apiUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: 'bearer test-token-not-real', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ rateLimit { used } }' }),
    });
    expect(response.headers.get('x-ratelimit-remaining')).toBe('4998');
    expect(response.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('startGithubStandIn(dataset) serves reviews, bots as non-users, and commit history from a head', async () => {
    const send = await client();
    const answer = await send<{
      repository: {
        defaultBranchRef: { target: { oid: string } };
        pullRequests: {
          nodes: {
            author: { __typename: string; login: string };
            reviews: { totalCount: number };
          }[];
        };
      };
    }>(`{ repository(owner: "lantern-labs", name: "lamp") {
      defaultBranchRef { target { oid } }
      pullRequests(first: 1, orderBy: { field: CREATED_AT, direction: DESC }) {
        nodes { author { __typename login } reviews(first: 1) { totalCount } } } } }`);
    expect(answer.repository.pullRequests.nodes[0]?.author).toEqual({
      __typename: 'Bot',
      login: 'depbot',
    });
    const head = answer.repository.defaultBranchRef.target.oid;
    const history = await send<{
      repository: {
        object: {
          history: { totalCount: number; nodes: { authors: { nodes: { user: unknown }[] } }[] };
        };
      };
    }>(
      `query H($head: GitObjectID!) { repository(owner: "lantern-labs", name: "lamp") {
        object(oid: $head) { ... on Commit { history(first: 1) { totalCount nodes { authors(first: 1) { nodes { user { login } } } } } } } } }`,
      { head },
    );
    expect(history.repository.object.history.totalCount).toBe(24);
    expect(history.repository.object.history.nodes[0]?.authors.nodes[0]?.user).toBeNull(); // a bot is no User
  });

  it("queryCost(schema, query, variables) counts nodes and points with GitHub's formulas", () => {
    const document = parse(`query Q($n: Int!) { repository(owner: "o", name: "r") {
      issues(first: $n) { nodes { comments(first: 10) { nodes { reactions(first: 5) { totalCount } } } } } } }`);
    expect(queryCost(githubSchema(), document, { n: 20 })).toEqual({
      nodeCount: 20 + 200 + 1000,
      cost: 2, // 1 + 20 + 200 connection pages, / 100
      problems: [],
    });
    const big = queryCost(githubSchema(), document, { n: 100 });
    expect(big.problems).toEqual([]);
    const huge = parse(`{ repository(owner: "o", name: "r") { issues(first: 100) { nodes {
      comments(first: 100) { nodes { reactions(first: 100) { totalCount } } } } } } }`);
    expect(queryCost(githubSchema(), huge).problems).toMatchObject([
      { type: 'MAX_NODE_LIMIT_EXCEEDED' },
    ]);
  });
});

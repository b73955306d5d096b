import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../core/canonicalJson.js';
import { computeCredRank } from '../../core/credrank/credRank.js';
import { toGraphJson } from '../../core/graphJson.js';
import { identitiesFromProposals } from '../../core/identityIds.js';
import { declarationWeights } from '../../core/weights.js';
import { githubDeclaration } from './declaration.js';
import { githubGraph } from './graph.js';
import { githubIdentities } from './identities.js';
import type { AccountRecord } from './records.js';
import type { MirrorSnapshot } from './snapshot.js';

const web = 'https://github.com';
const account = (type: string, login: string, databaseId: number): AccountRecord => ({
  type,
  login,
  databaseId,
  url: type === 'Bot' ? `${web}/apps/${login}` : `${web}/${login}`,
});
const ana = account('User', 'octo-ana', 11);
const kim = account('User', 'river-kim', 12);
const robot = account('Bot', 'depbot', 21);
const machine = account('User', 'ci-helper', 13);
const org = account('Organization', 'lantern-labs', 31);
const repo = 'lantern-labs/lamp';
const base = `${web}/${repo}`;
const sha = 'a'.repeat(40);

function snapshot(): MirrorSnapshot {
  const thread = { body: '', createdAt: '2026-10-05T10:00:00Z', updatedAt: '2026-10-06T10:00:00Z' };
  return {
    repositories: [
      {
        key: repo,
        id: 'R_1',
        databaseId: 1,
        name: 'lamp',
        url: base,
        createdAt: '2026-09-01T00:00:00Z',
        owner: org,
        defaultBranch: 'main',
        head: sha,
      },
    ],
    issues: [
      {
        ...thread,
        repo,
        id: 'I_1',
        databaseId: 101,
        number: 1,
        title: 'Flicker\non low battery',
        url: `${base}/issues/1`,
        state: 'OPEN',
        author: kim,
        body: 'See https://forum.lantern.example/t/flicker/12 and #2',
      },
    ],
    pulls: [
      {
        ...thread,
        repo,
        id: 'PR_2',
        databaseId: 202,
        number: 2,
        title: 'Fix flicker',
        url: `${base}/pull/2`,
        state: 'MERGED',
        merged: true,
        mergedAt: '2026-10-14T09:00:00Z',
        mergeCommit: sha,
        author: ana,
        body: 'Fixes #1',
      },
      {
        ...thread,
        repo,
        id: 'PR_3',
        databaseId: 203,
        number: 3,
        title: 'Bump wick-core',
        url: `${base}/pull/3`,
        state: 'CLOSED',
        merged: false,
        mergedAt: null,
        mergeCommit: null,
        author: robot,
      },
    ],
    comments: [
      {
        ...thread,
        repo,
        parent: 'PR_2',
        id: 'IC_1',
        databaseId: 301,
        url: `${base}/pull/2#issuecomment-301`,
        author: machine,
        body: 'Deployed, @octo-ana. @depbot rebase',
      },
    ],
    reviews: [
      {
        ...thread,
        repo,
        parent: 'PR_2',
        id: 'PRR_1',
        databaseId: 401,
        url: `${base}/pull/2#pullrequestreview-401`,
        state: 'APPROVED',
        submittedAt: '2026-10-07T10:00:00Z',
        author: kim,
      },
    ],
    reviewComments: [
      {
        ...thread,
        repo,
        parent: 'PRR_1',
        id: 'PRRC_1',
        databaseId: 501,
        url: `${base}/pull/2#discussion_r501`,
        author: kim,
      },
    ],
    commits: [
      {
        repo,
        oid: sha,
        url: `${base}/commit/${sha}`,
        message: 'Fix flicker (#2)\n\nCo-authored-by: river-kim',
        committedDate: '2026-10-14T09:00:00Z',
        authoredDate: '2026-10-05T09:00:00Z',
        authors: [
          { name: 'Octo Ana', user: ana },
          { name: 'River Kim', user: kim },
        ],
      },
    ],
    reactions: [
      'THUMBS_UP',
      'HEART',
      'HOORAY',
      'ROCKET',
      'THUMBS_DOWN',
      'LAUGH',
      'CONFUSED',
      'EYES',
    ].map((content) => ({
      content,
      createdAt: '2026-10-08T10:00:00Z',
      user: kim,
      reactable: 'PR_2',
    })),
  };
}

const options = { bots: ['ci-helper'] };

describe('plugins/github/graph', () => {
  it('githubGraph(snapshot) names every contribution with its URL and repository', () => {
    const graph = githubGraph(snapshot(), options);
    const contributions = [...graph.nodes()].filter(
      (node) => !/^github\/(user|bot|org|repo)\//.test(node.address),
    );
    expect(contributions.map((node) => node.address).sort()).toEqual([
      'github/comment/pull/lantern-labs/lamp/2/301',
      'github/comment/review/lantern-labs/lamp/2/401/501',
      `github/commit/lantern-labs/lamp/${sha}`,
      'github/issue/lantern-labs/lamp/1',
      'github/pull/lantern-labs/lamp/2',
      'github/pull/lantern-labs/lamp/3',
      'github/review/lantern-labs/lamp/2/401',
    ]);
    for (const node of contributions) {
      expect(node.url).toMatch(/^https:\/\/github\.com\/lantern-labs\/lamp\//);
      expect(node.container).toBe('github/repo/lantern-labs/lamp');
    }
    expect(graph.node('github/issue/lantern-labs/lamp/1' as never)?.description).toBe(
      'lantern-labs/lamp#1: Flicker on low battery',
    );
  });

  it('githubGraph(snapshot) mints only merged pull requests, dated by their merge', () => {
    const graph = githubGraph(snapshot(), options);
    const merged = graph.node('github/pull/lantern-labs/lamp/2' as never);
    const closed = graph.node('github/pull/lantern-labs/lamp/3' as never);
    expect(merged?.weight).toBeUndefined();
    expect(merged?.timestampMs).toBe(Date.parse('2026-10-14T09:00:00Z'));
    expect(closed?.weight).toBe(0);
    const mergedAs = [...graph.edges()].filter((e) => e.address.startsWith('github/merged-as/'));
    expect(mergedAs.map((e) => e.dst)).toEqual([`github/commit/lantern-labs/lamp/${sha}`]);
  });

  it('githubGraph(snapshot) tells users, bots and organizations apart, by address and edge type', () => {
    const graph = githubGraph(snapshot(), options);
    const accounts = [...graph.nodes()]
      .filter((node) => node.timestampMs === null)
      .map((node) => [node.address, node.description]);
    expect(accounts.sort()).toEqual([
      ['github/bot/13', '@ci-helper (GitHub bot)'],
      ['github/bot/21', '@depbot (GitHub bot)'],
      ['github/org/31', '@lantern-labs (GitHub organization)'],
      ['github/user/11', '@octo-ana (GitHub user)'],
      ['github/user/12', '@river-kim (GitHub user)'],
    ]);
    const authors = [...graph.edges()]
      .filter((e) => e.address.startsWith('github/authors/'))
      .map((e) => `${e.address.split('/')[2]} ${e.src} ${e.dst}`);
    expect(authors).toContain('bot github/bot/21 github/pull/lantern-labs/lamp/3');
    expect(authors).toContain('bot github/bot/13 github/comment/pull/lantern-labs/lamp/2/301');
    expect(authors).toContain(`user github/user/12 github/commit/lantern-labs/lamp/${sha}`);
    expect(authors).toContain(`user github/user/11 github/commit/lantern-labs/lamp/${sha}`);
  });

  it('githubGraph(snapshot) turns 👍 ❤️ 🎉 🚀 into edges and drops the other reactions', () => {
    const graph = githubGraph(snapshot(), options);
    const reacts = [...graph.edges()]
      .filter((e) => e.address.startsWith('github/reacts/'))
      .map((e) => e.address.split('/')[2]);
    expect(reacts.sort()).toEqual(['heart', 'hooray', 'rocket', 'thumbs-up']);
  });

  it('githubGraph(snapshot) resolves references in the loaded repositories and points links elsewhere at core/url', () => {
    const graph = githubGraph(snapshot(), options);
    const references = [...graph.edges()]
      .filter((e) => /^github\/(references|mentions)\//.test(e.address))
      .map((e) => `${e.address.split('/')[1]}: ${e.src} -> ${e.dst}`)
      .sort();
    expect(references).toEqual([
      'mentions: github/comment/pull/lantern-labs/lamp/2/301 -> github/bot/21',
      'mentions: github/comment/pull/lantern-labs/lamp/2/301 -> github/user/11',
      `references: github/commit/lantern-labs/lamp/${sha} -> github/pull/lantern-labs/lamp/2`,
      'references: github/issue/lantern-labs/lamp/1 -> core/url/https:%2F%2Fforum.lantern.example%2Ft%2Fflicker%2F12',
      'references: github/issue/lantern-labs/lamp/1 -> github/pull/lantern-labs/lamp/2',
      'references: github/pull/lantern-labs/lamp/2 -> github/issue/lantern-labs/lamp/1',
    ]);
  });

  it('githubGraph(snapshot) resolves short hashes by unique prefix and profile links to accounts', () => {
    const data = snapshot();
    const other = 'a'.repeat(8) + 'b'.repeat(32);
    const commit = data.commits[0]!;
    const issue = data.issues[0]!;
    const edgesFrom = (snap: MirrorSnapshot) =>
      [...githubGraph(snap, options).edges()]
        .filter((e) => e.src === 'github/issue/lantern-labs/lamp/1')
        .filter((e) => /^github\/(commit|user)\//.test(e.dst))
        .map((e) => `${e.address.split('/')[1]} -> ${e.dst}`)
        .sort();
    const body =
      'Fixed in aaaaaaaaa, not in bbbbbbb; thanks https://github.com/Octo-Ana and https://github.com/nobody-here';
    expect(edgesFrom({ ...data, issues: [{ ...issue, body }] })).toEqual([
      `mentions -> github/user/11`,
      `references -> github/commit/lantern-labs/lamp/${sha}`,
    ]);
    // Once a second commit shares the prefix, "aaaaaaaa" names neither; "aaaaaaaaa" still one.
    const ambiguous = {
      ...data,
      commits: [...data.commits, { ...commit, oid: other, url: `${base}/commit/${other}` }],
    };
    expect(edgesFrom({ ...ambiguous, issues: [{ ...issue, body: 'see aaaaaaaa' }] })).toEqual([]);
    expect(edgesFrom({ ...ambiguous, issues: [{ ...issue, body: 'see aaaaaaaaa' }] })).toEqual([
      `references -> github/commit/lantern-labs/lamp/${sha}`,
    ]);
  });

  it('githubGraph(snapshot) types mentions by the kind of account', () => {
    const mentions = [...githubGraph(snapshot(), options).edges()]
      .filter((e) => e.address.startsWith('github/mentions/'))
      .map((e) => e.address.split('/').slice(0, 3).join('/'));
    expect(mentions.sort()).toEqual(['github/mentions/bot', 'github/mentions/user']);
  });

  it('githubGraph(snapshot) does not depend on the order of the records', () => {
    const forward = snapshot();
    const reversed = Object.fromEntries(
      Object.entries(forward).map(([key, list]) => [key, [...(list as unknown[])].reverse()]),
    ) as unknown as MirrorSnapshot;
    expect(canonicalJson(toGraphJson(githubGraph(reversed, options)))).toBe(
      canonicalJson(toGraphJson(githubGraph(forward, options))),
    );
  });

  it('githubIdentities(snapshot, bots) proposes one identity per account, typed', () => {
    const proposals = githubIdentities(snapshot(), options.bots);
    expect(proposals.map((p) => [p.alias, p.name, p.type])).toEqual([
      ['github/bot/13', 'ci-helper', 'bot'],
      ['github/bot/21', 'depbot', 'bot'],
      ['github/org/31', 'lantern-labs', 'organization'],
      ['github/user/11', 'octo-ana', 'user'],
      ['github/user/12', 'river-kim', 'user'],
    ]);
  });

  it("githubGraph(snapshot) with the default weights gives the merged work's people cred, and bots none", () => {
    const graph = githubGraph(snapshot(), options);
    const identities = identitiesFromProposals(githubIdentities(snapshot(), options.bots));
    const result = computeCredRank(graph, declarationWeights(githubDeclaration), identities);
    const credOf = (name: string) =>
      result.credByIdentity[identities.findIndex((i) => i.name === name)]!.reduce(
        (a, b) => a + b,
        0,
      );
    expect(result.totalMint).toBe(4 + 1); // the merged pull request and the review
    expect(credOf('octo-ana')).toBeGreaterThan(0.5);
    expect(credOf('river-kim')).toBeGreaterThan(0.5);
    expect(credOf('depbot')).toBeLessThan(1e-9);
    expect(credOf('octo-ana') + credOf('river-kim') + credOf('ci-helper')).toBeCloseTo(5, 6);
  });
});

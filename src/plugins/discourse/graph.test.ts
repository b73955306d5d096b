import { describe, expect, it } from 'vitest';
import { hasPrefix } from '../../core/address.js';
import { computeCredRank } from '../../core/credrank/credRank.js';
import { toGraphJson } from '../../core/graphJson.js';
import { identitiesFromProposals } from '../../core/identityIds.js';
import { totalCredOf } from '../../core/scores.js';
import { declarationWeights, type Weights } from '../../core/weights.js';
import { discourseDeclaration, TRUST_LEVEL_WEIGHTS } from './declaration.js';
import { discourseGraph } from './graph.js';
import { discourseIdentities } from './identities.js';
import type { ForumSnapshot } from './snapshot.js';

const DAY = 86_400_000;
const T = Date.UTC(2026, 9, 5);
const SERVER = 'https://forum.example.org';

/** Ana (TL2) writes in governance and in memes; Kim (TL3) and Sam (TL0) like; Lin is deleted. */
function snapshot(): ForumSnapshot {
  return {
    serverUrl: SERVER,
    categories: [
      { id: 1, name: 'Governance', slug: 'governance', parentId: null, restricted: false },
      { id: 2, name: 'Memes', slug: 'memes', parentId: null, restricted: false },
      { id: 3, name: 'Dev', slug: 'dev', parentId: null, restricted: false },
      { id: 4, name: 'Infra', slug: 'infra', parentId: 3, restricted: false },
    ],
    topics: [
      { id: 10, categoryId: 1, title: 'Budget', slug: 'budget', createdMs: T, authorId: 1 },
      { id: 11, categoryId: 2, title: 'Memes', slug: 'memes', createdMs: T, authorId: 1 },
      { id: 12, categoryId: 4, title: 'CI', slug: 'ci', createdMs: T + DAY, authorId: 2 },
    ],
    posts: [
      {
        id: 100,
        topicId: 10,
        number: 1,
        replyTo: null,
        authorId: 1,
        createdMs: T,
        postType: 1,
        cooked: '<p>Budget</p>',
      },
      {
        id: 101,
        topicId: 10,
        number: 2,
        replyTo: null,
        authorId: 2,
        createdMs: T + 1000,
        postType: 1,
        cooked:
          '<a class="mention" href="/u/ANA">@ana</a> <a href="/t/ci/12">ci</a> <a href="/t/budget/10/2">me</a>',
      },
      {
        id: 110,
        topicId: 11,
        number: 1,
        replyTo: null,
        authorId: 1,
        createdMs: T,
        postType: 1,
        cooked: '<p>lol</p>',
      },
      {
        id: 120,
        topicId: 12,
        number: 1,
        replyTo: null,
        authorId: 2,
        createdMs: T + DAY,
        postType: 1,
        cooked: '<a href="https://github.com/o/r/pull/1">PR</a> <a href="/t/gone/999">gone</a>',
      },
      {
        id: 121,
        topicId: 12,
        number: 2,
        replyTo: 1,
        authorId: 1,
        createdMs: T + DAY,
        postType: 1,
        cooked: '',
      },
      {
        id: 122,
        topicId: 12,
        number: 3,
        replyTo: 2,
        authorId: 1,
        createdMs: T + DAY,
        postType: 1,
        cooked: '',
      },
    ],
    likes: [
      { postId: 100, userId: 2, createdMs: T + 2 * DAY },
      { postId: 100, userId: 3, createdMs: T + 2 * DAY },
      { postId: 100, userId: 4, createdMs: T + 2 * DAY },
      { postId: 110, userId: 2, createdMs: T + 9 * DAY },
      { postId: 121, userId: 2, createdMs: T + 2 * DAY },
    ],
    users: [
      { id: -1, username: 'system', trustLevel: 4 },
      { id: 1, username: 'ana', trustLevel: 2 },
      { id: 2, username: 'kim', trustLevel: 3 },
      { id: 3, username: 'sam', trustLevel: 0 },
      { id: 4, username: 'lin', trustLevel: null },
    ],
  };
}

const defaults = () => declarationWeights(discourseDeclaration);
const withNodeWeights = (extra: Record<string, number>): Weights => {
  const base = defaults();
  return { nodes: new Map([...base.nodes, ...Object.entries(extra)]), edges: base.edges };
};

describe('plugins/discourse/graph', () => {
  it('discourseGraph(snapshot) puts contributions under their category path, with url and container', () => {
    const graph = discourseGraph(snapshot());
    expect(graph.node('discourse/topic/dev/infra/12' as never)).toMatchObject({
      url: `${SERVER}/t/ci/12`,
      container: 'discourse/category/dev/infra',
    });
    expect(graph.node('discourse/post/governance/101' as never)).toMatchObject({
      url: `${SERVER}/t/budget/10/2`,
      container: 'discourse/category/governance',
      description: '#2 on "Budget"',
    });
    expect(graph.node('discourse/like/governance/100/2' as never)).toMatchObject({
      url: `${SERVER}/t/budget/10/1#like-2`,
      container: 'discourse/category/governance',
      timestampMs: T + 2 * DAY,
    });
    expect(graph.node('discourse/category/dev/infra' as never)?.url).toBe(
      `${SERVER}/c/dev/infra/4`,
    );
    expect(graph.node('discourse/user/2' as never)).toMatchObject({
      description: '@kim',
      timestampMs: null,
    });
    const contributions = [...graph.nodes()].filter((n) =>
      /^discourse\/(topic|post|like)\//.test(n.address),
    );
    expect(contributions.every((n) => n.url !== undefined && n.container !== undefined)).toBe(true);
  });

  it('discourseGraph weighs each like by its liker’s trust level', () => {
    const graph = discourseGraph(snapshot());
    expect(graph.node('discourse/like/governance/100/2' as never)?.weight).toBe(
      TRUST_LEVEL_WEIGHTS[3],
    );
    expect(graph.node('discourse/like/governance/100/3' as never)?.weight).toBe(0);
    expect(graph.node('discourse/like/governance/100/4' as never)?.weight).toBe(0);
    const liked = [...graph.edges()].filter((e) =>
      e.address.startsWith('discourse/topic-has-liked-post/'),
    );
    expect(liked.map((e) => [e.dst, e.weight ?? 1])).toEqual([
      ['discourse/post/governance/100', 1.25],
      ['discourse/post/memes/110', 1.25],
      ['discourse/post/dev/infra/121', 1.25],
    ]);
  });

  it('discourseGraph links replies (the opening post when none is named), references and mentions', () => {
    const typeOf = (address: string) =>
      discourseDeclaration.edgeTypes.find((type) => hasPrefix(address, type.prefix))!.prefix;
    const edges = [...discourseGraph(snapshot()).edges()].map(
      (e) => `${typeOf(e.address)} ${e.src} -> ${e.dst}`,
    );
    expect(edges).toEqual(
      expect.arrayContaining([
        'discourse/replies-to discourse/post/governance/101 -> discourse/post/governance/100',
        'discourse/replies-to discourse/post/dev/infra/122 -> discourse/post/dev/infra/121',
        'discourse/references/user discourse/post/governance/101 -> discourse/user/1',
        'discourse/references/topic discourse/post/governance/101 -> discourse/topic/dev/infra/12',
        'discourse/references/url discourse/post/dev/infra/120 -> core/url/https:%2F%2Fgithub.com%2Fo%2Fr%2Fpull%2F1',
      ]),
    );
    expect(edges.filter((e) => e.includes('-> discourse/post/governance/101'))).toEqual([
      'discourse/contains-post discourse/topic/governance/10 -> discourse/post/governance/101',
      'discourse/authors/post discourse/user/2 -> discourse/post/governance/101',
    ]);
    expect(edges.some((e) => e.includes('999'))).toBe(false);
  });

  it('discourseGraph is independent of the order of the snapshot’s rows', () => {
    const shuffled = snapshot();
    const reversed: ForumSnapshot = {
      ...shuffled,
      categories: [...shuffled.categories].reverse(),
      topics: [...shuffled.topics].reverse(),
      posts: [...shuffled.posts].reverse(),
      likes: [...shuffled.likes].reverse(),
      users: [...shuffled.users].reverse(),
    };
    expect(toGraphJson(discourseGraph(reversed), 'discourse')).toEqual(
      toGraphJson(discourseGraph(snapshot()), 'discourse'),
    );
  });

  it('discourseIdentities(snapshot) proposes one identity per account, Discourse’s own as bots', () => {
    const proposals = discourseIdentities(snapshot());
    expect(proposals.map((p) => [p.alias, p.name, p.type])).toEqual([
      ['discourse/user/-1', 'system', 'bot'],
      ['discourse/user/1', 'ana', 'user'],
      ['discourse/user/2', 'kim', 'user'],
      ['discourse/user/3', 'sam', 'user'],
      ['discourse/user/4', 'lin', 'user'],
    ]);
    expect(proposals[1]?.description).toBe('Discourse user @ana on forum.example.org');
  });

  it('a weight key under discourse/like/<category> weighs that category: memes at 0 mint nothing', () => {
    const graph = discourseGraph(snapshot());
    const identities = identitiesFromProposals(discourseIdentities(snapshot()));
    const credOf = (weights: Weights, name: string) => {
      const result = computeCredRank(graph, weights, identities);
      return totalCredOf(result.credByIdentity[identities.findIndex((i) => i.name === name)]!);
    };
    const mint = (weights: Weights) => computeCredRank(graph, weights, identities).totalMint;
    // Kim's three likes (TL3, 1.25 each) mint; Sam (TL0) and Lin (deleted) mint nothing.
    expect(mint(defaults())).toBeCloseTo(3 * 4 * 1.25, 9);
    expect(mint(withNodeWeights({ 'discourse/like/memes': 0 }))).toBeCloseTo(2 * 4 * 1.25, 9);
    expect(mint(withNodeWeights({ 'discourse/like/governance': 8 }))).toBeCloseTo(
      (8 + 4 + 4) * 1.25,
      9,
    );
    expect(mint(withNodeWeights({ 'discourse/like/dev': 0 }))).toBeCloseTo(2 * 4 * 1.25, 9);
    expect(credOf(defaults(), 'ana')).toBeGreaterThan(
      credOf(withNodeWeights({ 'discourse/like/memes': 0 }), 'ana'),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Graph } from '../graph.js';
import { contractIdentities, type Identity } from '../identity.js';
import { totalCred, totalCredOf } from '../scores.js';
import {
  buildGraph,
  edge,
  identity,
  node,
  randomCommunity,
  T0,
  TEST_WEIGHTS,
} from '../testing/graphs.js';
import type { Weights } from '../weights.js';
import { WEEK_MS, weekStartMs } from '../weeks.js';
import { computeCredRank } from './credRank.js';
import { ANONYMOUS_REACTOR, matchingKey, shapeMint } from './mintShaping.js';
import { credFromOrigins } from './originCred.js';

const FC = { seed: 20261121, numRuns: 100 };

/** A forum: likes are nodes that mint 4, joined to the liker and to the liked post. */
const FORUM_WEIGHTS: Weights = {
  nodes: new Map([
    ['d/user', 0],
    ['d/post', 0],
    ['d/like', 4],
  ]),
  edges: new Map([
    ['d/authors', { forwards: 0.5, backwards: 1 }],
    ['d/creates', { forwards: 1, backwards: 1 / 16 }],
    ['d/likes', { forwards: 1, backwards: 1 / 16 }],
  ]),
};

interface Forum {
  readonly graph: Graph;
  readonly identities: Identity[];
  /** Like node addresses by liker and week. */
  readonly likes: Map<string, string[]>;
}

/**
 * Honest members who post weekly and like each other's posts once, and a ring of alts who post
 * weekly and like every other alt's post `ringLikes` times a week.
 */
function forum(alts: number, ringLikes: number, weeks = 3, members = 2): Forum {
  const graph = new Graph();
  const honest = Array.from({ length: members }, (_, k) => `h${k + 1}`);
  const ring = Array.from({ length: alts }, (_, k) => `a${k + 1}`);
  const names = [...honest, ...ring];
  const likes = new Map<string, string[]>();
  for (const name of names) {
    graph.addNode({ address: node(`d/user/${name}`), description: name, timestampMs: null });
  }
  const like = (liker: string, author: string, week: number, n: number): void => {
    const timestampMs = T0 + week * WEEK_MS;
    const address = node(`d/like/${liker}/${author}/${week}/${n}`);
    const post = node(`d/post/${author}/${week}`);
    graph.addNode({ address, description: 'like', timestampMs });
    graph.addEdge({
      address: edge(`d/creates/${liker}/${author}/${week}/${n}`),
      src: node(`d/user/${liker}`),
      dst: address,
      timestampMs,
    });
    graph.addEdge({ address: edge(`d/likes/${address}`), src: address, dst: post, timestampMs });
    const key = `${liker}@${week}`;
    likes.set(key, [...(likes.get(key) ?? []), address]);
  };
  for (let week = 0; week < weeks; week++) {
    const timestampMs = T0 + week * WEEK_MS;
    for (const name of names) {
      const post = node(`d/post/${name}/${week}`);
      graph.addNode({ address: post, description: 'post', timestampMs });
      graph.addEdge({
        address: edge(`d/authors/${name}/${week}`),
        src: node(`d/user/${name}`),
        dst: post,
        timestampMs,
      });
    }
    for (const liker of honest) {
      for (const author of honest) if (author !== liker) like(liker, author, week, 0);
    }
    for (const liker of ring) {
      for (const author of ring) {
        if (author === liker) continue;
        for (let n = 0; n < ringLikes; n++) like(liker, author, week, n);
      }
    }
  }
  const identities = names.map((name) => identity(name, `d/user/${name}`));
  return { graph, identities, likes };
}

function withKnobs(knobs: Partial<Weights>): Weights {
  return { ...FORUM_WEIGHTS, ...knobs };
}

/** Mint per base node restricted to `addresses` (zero elsewhere). */
function originOf(result: ReturnType<typeof computeCredRank>, addresses: Iterable<string>) {
  const wanted = new Set(addresses);
  const origin = new Float64Array(result.process.baseCount);
  result.process.baseAddresses.forEach((address, x) => {
    if (wanted.has(address)) origin[x] = result.process.mint[x] as number;
  });
  return origin;
}

function sumOf(arrays: readonly Float64Array[]): number {
  return arrays.reduce((sum, weekly) => sum + totalCredOf(weekly), 0);
}

describe('core/credrank/mintShaping', () => {
  it('computeCredRank(graph) gains at most the cap from an alt-account like ring, per alt per week', () => {
    // Three alts like each other's posts 5 times a week: 10 likes of mint 4 = 40 per alt per
    // week. With a cap of 6, each alt's likes in a week mint exactly 6, and the cred those
    // likes create (traced to their origin, see originCred.ts) is at most 3 * 6 per week, of
    // which the ring can keep at most all.
    const { graph, identities, likes } = forum(3, 5);
    const cap = 6;
    const weights = withKnobs({ reactions: { capPerWeek: cap, nodes: ['d/like'], edges: [] } });
    const capped = computeCredRank(graph, weights, identities);
    const uncapped = computeCredRank(graph, FORUM_WEIGHTS, identities);
    const ring = [2, 3, 4];
    for (let week = 0; week < 3; week++) {
      const ringLikes = ['a1', 'a2', 'a3'].flatMap((alt) => likes.get(`${alt}@${week}`) ?? []);
      const created = credFromOrigins(capped, originOf(capped, ringLikes));
      const createdForRing = ring.reduce((sum, i) => sum + totalCredOf(created[i]!), 0);
      expect(sumOf(created)).toBeCloseTo(3 * cap, 9);
      expect(createdForRing).toBeLessThanOrEqual(3 * cap + 1e-9);
      const before = credFromOrigins(uncapped, originOf(uncapped, ringLikes));
      expect(sumOf(before)).toBeCloseTo(3 * 40, 9);
      for (const alt of ['a1', 'a2', 'a3']) {
        const own = originOf(capped, likes.get(`${alt}@${week}`) ?? []);
        expect(own.reduce((a, b) => a + b, 0)).toBeCloseTo(cap, 12);
      }
    }
    // Honest likes (4 a week each) are under the cap and keep their mint.
    const honest = originOf(capped, likes.get('h1@0') ?? []);
    expect(honest.reduce((a, b) => a + b, 0)).toBe(4);
    expect(totalCred(capped)).toBeCloseTo(capped.totalMint, 6);
  });

  it('computeCredRank(graph) lets a capped ring share in recycled radiation, like any mint', () => {
    // The limit of the statement above (docs/decisions/0301): what the ring creates stays
    // within the cap, but its counterfactual gain (cred with its likes minus cred without them)
    // also includes a share of re-minted radiation. 120 of mint with no edges radiates it all.
    const cap = 6;
    const weights = withKnobs({ reactions: { capPerWeek: cap, nodes: ['d/like'], edges: [] } });
    const gain = (orphans: number) => {
      const ring = forum(3, 5, 3, 10);
      const alone = forum(3, 0, 3, 10);
      for (const { graph } of [ring, alone]) {
        for (let k = 0; k < orphans; k++) {
          graph.addNode({ address: node(`d/post/orphan/${k}`), description: 'o', timestampMs: T0 });
        }
      }
      const orphanWeights: Weights = {
        ...weights,
        nodes: new Map([...weights.nodes, ['d/post/orphan', 4]]),
      };
      const withLikes = computeCredRank(ring.graph, orphanWeights, ring.identities);
      const without = computeCredRank(alone.graph, orphanWeights, alone.identities);
      const ringLikes = [...ring.likes]
        .filter(([key]) => key.startsWith('a'))
        .flatMap(([, l]) => l);
      const created = credFromOrigins(withLikes, originOf(withLikes, ringLikes));
      const forRing = (cred: readonly Float64Array[]) => sumOf(cred.slice(10));
      return {
        created: forRing(created),
        gain: forRing(withLikes.credByIdentity) - forRing(without.credByIdentity),
      };
    };
    const plain = gain(0);
    const radiating = gain(30);
    expect(plain.created).toBeCloseTo(radiating.created, 6);
    expect(plain.created).toBeLessThanOrEqual(3 * 3 * cap);
    expect(plain.gain).toBeLessThanOrEqual(3 * 3 * cap);
    expect(radiating.gain).toBeGreaterThan(3 * 3 * cap);
    expect([plain.created, plain.gain, radiating.gain].map((x) => x.toFixed(1))).toEqual([
      '33.7',
      '53.5',
      '80.9',
    ]);
  });

  it('computeCredRank(graph) gives a ring of GitHub-style reaction edges no cred it did not have', () => {
    // Reactions as edges carry a share of the reactor's own cred and mint nothing: alts who
    // only react to each other's (weightless) posts get no cred, however many reactions.
    const { graph, identities } = forum(3, 0);
    for (let week = 0; week < 3; week++) {
      for (const [from, to] of [
        ['a1', 'a2'],
        ['a2', 'a3'],
        ['a3', 'a1'],
      ]) {
        graph.addEdge({
          address: edge(`d/reacts/${from}/${to}/${week}`),
          src: node(`d/user/${from}`),
          dst: node(`d/post/${to}/${week}`),
          timestampMs: T0 + week * WEEK_MS,
        });
      }
    }
    const weights: Weights = {
      ...FORUM_WEIGHTS,
      edges: new Map([...FORUM_WEIGHTS.edges, ['d/reacts', { forwards: 1, backwards: 0 }]]),
    };
    const result = computeCredRank(graph, weights, identities);
    expect(sumOf(result.credByIdentity.slice(2))).toBeLessThan(1e-12 * result.totalMint);
    expect(sumOf(result.credByIdentity.slice(0, 2))).toBeCloseTo(result.totalMint, 9);
  });

  it('computeCredRank(graph) with a plugin over budget mints and creates exactly its budget', () => {
    // Plugin "d" mints 4 per like: 2 honest likes + 3 * 2 * 2 ring likes = 14 likes = 56 per
    // week, over a budget of 20. Plugin "t" (one contribution of mint 1) has no budget.
    const { graph, identities } = forum(3, 2);
    graph.addNode({ address: node('t/contribution/c'), description: 'c', timestampMs: T0 });
    graph.addEdge({
      address: edge('t/authors/c'),
      src: node('d/user/h1'),
      dst: node('t/contribution/c'),
      timestampMs: T0,
    });
    const weights: Weights = {
      nodes: new Map([...FORUM_WEIGHTS.nodes, ...TEST_WEIGHTS.nodes]),
      edges: new Map([...FORUM_WEIGHTS.edges, ...TEST_WEIGHTS.edges]),
      budgets: new Map([['d', 20]]),
    };
    const result = computeCredRank(graph, weights, identities);
    const { baseAddresses, mint } = result.process;
    for (let week = 0; week < 3; week++) {
      const inWeek = baseAddresses.filter(
        (address) =>
          address.startsWith('d/') && graph.node(address)?.timestampMs === T0 + week * WEEK_MS,
      );
      const origin = originOf(result, inWeek);
      expect(origin.reduce((a, b) => a + b, 0)).toBeCloseTo(20, 12);
      expect(sumOf(credFromOrigins(result, origin))).toBeCloseTo(20, 9);
    }
    expect(mint[baseAddresses.indexOf(node('t/contribution/c'))]).toBe(1);
    expect(result.totalMint).toBeCloseTo(61, 12);
  });

  it('shapeMint(graph, weights) multiplies by the most specific container key, then budgets', () => {
    const graph = new Graph();
    const add = (address: string, container: string | undefined, week: number) =>
      graph.addNode({
        address: node(address),
        description: address,
        timestampMs: T0 + week * WEEK_MS,
        ...(container === undefined ? {} : { container: node(container) }),
      });
    add('t/contribution/a', 't/chat/general', 0);
    add('t/contribution/b', 't/chat/general/random', 0);
    add('t/contribution/c', undefined, 0);
    add('t/contribution/d', 't/chat/dev', 1);
    graph.addNode({ address: node('t/contribution/e'), description: 'e', timestampMs: null });
    const weights: Weights = {
      ...TEST_WEIGHTS,
      containers: new Map([
        ['t/chat', 0.5],
        ['t/chat/general/random', 0.1],
      ]),
      budgets: new Map([['t/contribution', 1]]),
    };
    const { mint, report } = shapeMint(
      [...graph.nodes()],
      Float64Array.from([2, 2, 2, 2, 5]),
      weights,
    );
    // Week 0 after containers: a 1, b 0.2, c 2 = 3.2 > 1: scaled by 1 / 3.2. Week 1: d 1 <= 1.
    expect([...mint]).toEqual([1 / 3.2, 0.2 / 3.2, 2 / 3.2, 1, 5]);
    expect(report.budgets).toEqual([
      { prefix: 't/contribution', weekStartMs: weekStartMs(T0), mint: 3.2, budget: 1 },
    ]);
    expect(report.reactionCaps).toEqual([]);
  });

  it('shapeMint(graph, weights) caps reactions of no identity in one anonymous bucket', () => {
    const graph = new Graph();
    for (const k of [0, 1, 2]) {
      graph.addNode({ address: node(`d/like/${k}`), description: 'like', timestampMs: T0 });
    }
    graph.addNode({ address: node('d/like/late'), description: 'like', timestampMs: null });
    graph.addNode({ address: node('d/like/held'), description: 'like', timestampMs: null });
    const weights = withKnobs({ reactions: { capPerWeek: 6, nodes: ['d/like'], edges: [] } });
    const mint = Float64Array.from([4, 4, 4, 4, 4]);
    const nodes = [...graph.nodes()];
    // Without links (OpenRank's use) the cap is not applied.
    expect([...shapeMint(nodes, mint, weights).mint]).toEqual([4, 4, 4, 4, 4]);
    // "held" is joined to identity 0 by a link (code -1); the others to no identity.
    const links = { count: 1, src: Int32Array.of(-1), dst: Int32Array.of(4) };
    const { mint: capped, report } = shapeMint(nodes, mint, weights, links);
    expect([...capped]).toEqual([2, 2, 2, 4, 4]);
    expect(report.reactionCaps).toEqual([
      { identity: ANONYMOUS_REACTOR, weekStartMs: weekStartMs(T0), mint: 12 },
    ]);
  });

  it('shapeMint(graph, weights) keeps every identity-week of reactions within the cap', () => {
    const reactionWeights: Weights = {
      ...TEST_WEIGHTS,
      nodes: new Map([...TEST_WEIGHTS.nodes, ['t/contribution', 3]]),
      reactions: { capPerWeek: 2, nodes: ['t/contribution'], edges: [] },
    };
    fc.assert(
      fc.property(randomCommunity, (community) => {
        const graph = buildGraph(community);
        const result = computeCredRank(graph, reactionWeights, community.identities);
        const owner = contractIdentities(community.identities);
        const perBucket = new Map<string, number>();
        result.process.baseAddresses.forEach((address, x) => {
          const reactors = new Set<number>();
          for (const e of graph.edges()) {
            if (e.dst === address && owner.has(e.src)) reactors.add(owner.get(e.src)!);
          }
          const who = reactors.size === 0 ? [ANONYMOUS_REACTOR] : [...reactors];
          const timestampMs = graph.node(address)?.timestampMs ?? null;
          if (timestampMs === null) return;
          for (const identity of who) {
            const key = `${identity}@${weekStartMs(timestampMs)}`;
            const share = (result.process.mint[x] as number) / who.length;
            perBucket.set(key, (perBucket.get(key) ?? 0) + share);
          }
        });
        for (const mint of perBucket.values()) expect(mint).toBeLessThanOrEqual(2 + 1e-9);
        const cred = totalCred(result);
        if (cred > 0) expect(Math.abs(cred - result.totalMint)).toBeLessThanOrEqual(1e-6 * cred);
      }),
      FC,
    );
  });

  it('matchingKey(table, address) matches whole parts only', () => {
    const table = new Map([
      ['d', 1],
      ['d/like/x', 2],
    ]);
    expect(matchingKey(table, 'd/like/x/1')).toBe('d/like/x');
    expect(matchingKey(table, 'd/like/xy')).toBe('d');
    expect(matchingKey(table, 'e/like')).toBeNull();
  });
});

describe('core/credrank/originCred', () => {
  it('credFromOrigins(result, all mint) gives back CredRank cred', () => {
    fc.assert(
      fc.property(randomCommunity, (community) => {
        const result = computeCredRank(buildGraph(community), TEST_WEIGHTS, community.identities);
        const created = credFromOrigins(result, result.process.mint);
        result.credByIdentity.forEach((weekly, i) => {
          weekly.forEach((value, t) => {
            expect(Math.abs(created[i]![t]! - value)).toBeLessThanOrEqual(
              1e-6 * Math.max(1, result.totalMint),
            );
          });
        });
      }),
      FC,
    );
  });

  it('credFromOrigins(result, nothing) creates nothing', () => {
    const { graph, identities } = forum(2, 1);
    const result = computeCredRank(graph, FORUM_WEIGHTS, identities);
    const created = credFromOrigins(result, new Float64Array(result.process.baseCount));
    expect(sumOf(created)).toBe(0);
  });
});

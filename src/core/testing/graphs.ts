/**
 * Test helpers for core: terse constructors and a fast-check arbitrary of small random
 * contribution graphs (users, contributions, authorship, reactions, references over a few
 * weeks) with their identities and weights.
 */
import fc from 'fast-check';
import type { EdgeAddress, NodeAddress } from '../address.js';
import { Graph } from '../graph.js';
import type { Identity, IdentityId } from '../identity.js';
import type { Weights } from '../weights.js';
import { WEEK_MS } from '../weeks.js';

export const T0 = Date.UTC(2026, 0, 7); // a Wednesday

export const node = (address: string): NodeAddress => address as NodeAddress;
export const edge = (address: string): EdgeAddress => address as EdgeAddress;

export function identity(id: string, ...aliases: string[]): Identity {
  return { id: id as IdentityId, name: id, type: 'user', aliases: aliases.map(node) };
}

export const TEST_WEIGHTS: Weights = {
  nodes: new Map([
    ['t/contribution', 1],
    ['t/user', 0],
  ]),
  edges: new Map([
    ['t/authors', { forwards: 0.5, backwards: 1 }],
    ['t/reacts', { forwards: 1, backwards: 1 / 16 }],
    ['t/references', { forwards: 1, backwards: 0 }],
  ]),
};

export interface RandomCommunity {
  readonly nodes: { address: NodeAddress; timestampMs: number | null; weight?: number }[];
  readonly edges: {
    address: EdgeAddress;
    src: NodeAddress;
    dst: NodeAddress;
    timestampMs: number;
  }[];
  readonly identities: Identity[];
}

const KINDS = ['authors', 'reacts', 'references'] as const;

/** Random small communities: 1-6 users, 1-12 contributions, up to 30 edges over 0-5 weeks. */
export const randomCommunity: fc.Arbitrary<RandomCommunity> = fc
  .record({
    users: fc.integer({ min: 1, max: 6 }),
    contributions: fc.array(
      fc.record({
        week: fc.integer({ min: 0, max: 5 }),
        weight: fc.option(
          fc.integer({ min: 0, max: 20 }).map((quarters) => quarters / 4),
          { nil: undefined },
        ),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    edges: fc.array(
      fc.record({
        kind: fc.constantFrom(...KINDS),
        a: fc.nat(),
        b: fc.nat(),
        week: fc.integer({ min: 0, max: 5 }),
      }),
      { maxLength: 30 },
    ),
  })
  .map(({ users, contributions, edges }) => {
    const userAddress = (k: number) => node(`t/user/u${k % users}`);
    const contributionAddress = (k: number) => node(`t/contribution/c${k % contributions.length}`);
    const nodes: RandomCommunity['nodes'] = [];
    for (let u = 0; u < users; u++) nodes.push({ address: userAddress(u), timestampMs: null });
    contributions.forEach((c, k) =>
      nodes.push({
        address: contributionAddress(k),
        timestampMs: T0 + c.week * WEEK_MS,
        ...(c.weight === undefined ? {} : { weight: c.weight }),
      }),
    );
    const list = edges.map((e, k) => ({
      address: edge(`t/${e.kind}/e${k}`),
      src: e.kind === 'references' ? contributionAddress(e.a) : userAddress(e.a),
      dst: contributionAddress(e.b),
      timestampMs: T0 + e.week * WEEK_MS,
    }));
    const identities = Array.from({ length: users }, (_, u) => identity(`id${u}`, `t/user/u${u}`));
    return { nodes, edges: list, identities };
  });

export function buildGraph(
  community: RandomCommunity,
  order: (n: number) => number[] = (n) => [...Array(n).keys()],
): Graph {
  const graph = new Graph();
  for (const k of order(community.nodes.length)) {
    const n = community.nodes[k]!;
    graph.addNode({
      address: n.address,
      description: n.address,
      timestampMs: n.timestampMs,
      ...(n.weight === undefined ? {} : { weight: n.weight }),
    });
  }
  for (const k of order(community.edges.length)) graph.addEdge(community.edges[k]!);
  return graph;
}

/**
 * Contribution c (mint 1) authored by u in week 0 and reacted to by v in week 1: the smallest
 * graph whose cred can be worked out by hand (credRank.test.ts does).
 */
export function threeNodeGraph(): Graph {
  return new Graph()
    .addNode({ address: node('t/user/u'), description: 'u', timestampMs: null })
    .addNode({ address: node('t/user/v'), description: 'v', timestampMs: null })
    .addNode({ address: node('t/contribution/c'), description: 'c', timestampMs: T0 })
    .addEdge({
      address: edge('t/authors/c'),
      src: node('t/user/u'),
      dst: node('t/contribution/c'),
      timestampMs: T0,
    })
    .addEdge({
      address: edge('t/reacts/v/c'),
      src: node('t/user/v'),
      dst: node('t/contribution/c'),
      timestampMs: T0 + WEEK_MS,
    });
}

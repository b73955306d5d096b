import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCredRank } from './credrank/credRank.js';
import { baseNodeDomains, computeDomainCred, rolledUpWeekly } from './domainCred.js';
import { buildDomainTree } from './domains.js';
import { Graph } from './graph.js';
import {
  buildGraph,
  edge,
  identity,
  node,
  randomCommunity,
  T0,
  TEST_WEIGHTS,
} from './testing/graphs.js';
import { WEEK_MS } from './weeks.js';

const FC = { seed: 20261123, numRuns: 120 };

/** u writes c1 (repo a) in week 0 and c2 (repo b) in week 1; v reacts to c2. */
function twoRepoGraph(): Graph {
  const graph = new Graph()
    .addNode({ address: node('t/user/u'), description: 'u', timestampMs: null })
    .addNode({ address: node('t/user/v'), description: 'v', timestampMs: null });
  for (const [k, repo, week] of [
    [1, 'a', 0],
    [2, 'b', 1],
  ] as const) {
    graph
      .addNode({
        address: node(`t/contribution/c${k}`),
        description: `c${k}`,
        timestampMs: T0 + week * WEEK_MS,
        container: node(`t/repo/${repo}`),
      })
      .addEdge({
        address: edge(`t/authors/c${k}`),
        src: node('t/user/u'),
        dst: node(`t/contribution/c${k}`),
        timestampMs: T0 + week * WEEK_MS,
      });
  }
  return graph.addEdge({
    address: edge('t/reacts/v/c2'),
    src: node('t/user/v'),
    dst: node('t/contribution/c2'),
    timestampMs: T0 + WEEK_MS,
  });
}

const IDENTITIES = [identity('u', 't/user/u'), identity('v', 't/user/v')];

describe('core/domainCred', () => {
  it('computeDomainCred(result, domains) splits each week by the containers cred came from', () => {
    const graph = twoRepoGraph();
    const tree = buildDomainTree(
      [
        { id: 'a', containers: ['t/repo/a'] },
        { id: 'b', parent: 'a', containers: ['t/repo/b'] },
      ],
      'all',
    );
    const result = computeCredRank(graph, TEST_WEIGHTS, IDENTITIES);
    const cred = computeDomainCred(result, baseNodeDomains(result, graph, tree), 3);
    const weeks = result.process.weekCount;
    const own = cred.own[0]!;
    for (let t = 0; t < weeks; t++) {
      const parts = [0, 1, 2].map((d) => own[d * weeks + t]!);
      expect(parts[0]).toBe(0); // nothing reaches u without a container
      expect(Math.abs(parts[1]! + parts[2]! - result.credByIdentity[0]![t]!)).toBeLessThan(1e-12);
    }
    // Week 0 is mostly c1's (repo a), week 1 mostly c2's (repo b); webbing carries some across.
    expect(own[1 * weeks + 0]!).toBeGreaterThan(own[2 * weeks + 0]!);
    expect(own[2 * weeks + 1]!).toBeGreaterThan(own[1 * weeks + 1]!);
    // v's cred is all c2's: domain b, and rolled up into a and the root.
    const rolled = rolledUpWeekly(cred, tree, 1);
    const vTotal = [...result.credByIdentity[1]!].reduce((s, x) => s + x, 0);
    const sum = (values: Float64Array) => values.reduce((s, x) => s + x, 0);
    expect(sum(rolled[2]!)).toBeCloseTo(vTotal, 12);
    expect(sum(rolled[1]!)).toBeCloseTo(vTotal, 12);
    expect(sum(rolled[0]!)).toBeCloseTo(vTotal, 12);
  });

  it('computeDomainCred(result, domains) counts flow from another person in the root domain', () => {
    const graph = twoRepoGraph().addEdge({
      address: edge('t/thanks/u/v'),
      src: node('t/user/u'),
      dst: node('t/user/v'),
      timestampMs: T0,
    });
    const weights = {
      ...TEST_WEIGHTS,
      edges: new Map([...TEST_WEIGHTS.edges, ['t/thanks', { forwards: 1, backwards: 0 }]]),
    };
    const tree = buildDomainTree([{ id: 'a', containers: ['t/repo'] }], 'all');
    const result = computeCredRank(graph, weights, IDENTITIES);
    const cred = computeDomainCred(result, baseNodeDomains(result, graph, tree), 2);
    const weeks = result.process.weekCount;
    expect(cred.own[1]![0 * weeks + 0]!).toBeGreaterThan(0);
    expect(cred.own[0]![0 * weeks + 0]!).toBe(0);
  });

  it('computeDomainCred(result, domains) adds up to every identity-week, whatever the tree', () => {
    fc.assert(
      fc.property(randomCommunity, fc.nat(), (community, seed) => {
        const graph = buildGraph(community);
        const tree = buildDomainTree(
          [
            { id: 'x', containers: ['t/contribution/c0', `t/contribution/c${seed % 5}1`] },
            { id: 'y', parent: 'x', containers: ['t/contribution/c1'] },
            { id: 'z', containers: ['t/contribution/c2', 't/contribution/c3'] },
          ],
          'all',
        );
        const result = computeCredRank(graph, TEST_WEIGHTS, community.identities);
        const cred = computeDomainCred(result, baseNodeDomains(result, graph, tree), 4);
        const weeks = result.process.weekCount;
        community.identities.forEach((_, i) => {
          const rolled = rolledUpWeekly(cred, tree, i);
          for (let t = 0; t < weeks; t++) {
            const weekly = result.credByIdentity[i]![t]!;
            let parts = 0;
            for (let d = 0; d < 4; d++) {
              const value = cred.own[i]?.[d * weeks + t] ?? 0;
              expect(value).toBeGreaterThanOrEqual(0);
              parts += value;
            }
            expect(Math.abs(parts - weekly)).toBeLessThanOrEqual(1e-9 * Math.max(1, weekly));
            expect(Math.abs(rolled[0]![t]! - weekly)).toBeLessThanOrEqual(
              1e-9 * Math.max(1, weekly),
            );
            expect(rolled[1]![t]! + 1e-12).toBeGreaterThanOrEqual(rolled[2]![t]!);
          }
        });
      }),
      FC,
    );
  });
});

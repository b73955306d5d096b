import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  edge,
  identity,
  node,
  randomCommunity,
  T0,
  TEST_WEIGHTS,
} from '../testing/graphs.js';
import { computeCredRank } from './credRank.js';
import { participantChain } from './explain.js';
import {
  edgeFlows,
  edgeProbabilities,
  inflowEdges,
  processEdges,
  type EdgeInflow,
} from './explainEdges.js';
import type { MarkovProcess } from './markovProcess.js';
import type { Graph } from '../graph.js';
import { contractIdentities, type Identity } from '../identity.js';
import { edgeTypeWeight, type Weights } from '../weights.js';
import { weekStartMs, WEEK_MS } from '../weeks.js';
import { DEFAULT_CREDRANK_PARAMS } from './params.js';

const FC = { seed: 20261122, numRuns: 150 };

/** Transition probability from y to z in the process's CSR (0 when absent). */
function csrProbability(process: MarkovProcess, y: number, z: number): number {
  let total = 0;
  for (let k = process.inStart[z]!; k < process.inStart[z + 1]!; k++) {
    if (process.inSource[k] === y) total += process.inProbability[k]!;
  }
  return total;
}

/** A random community plus person-to-person edges (u_a thanks u_b), which join two chains. */
const communityWithThanks = fc
  .tuple(randomCommunity, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(5)), { maxLength: 4 }))
  .map(([community, thanks]) => {
    const users = community.identities.length;
    const edges = [
      ...community.edges,
      ...thanks
        .map(([a, b, week], k) => ({
          address: edge(`t/authors/thanks${k}`),
          src: node(`t/user/u${a % users}`),
          dst: node(`t/user/u${b % users}`),
          timestampMs: T0 + week * 7 * 86_400_000,
        }))
        .filter((e) => e.src !== e.dst),
    ];
    return { ...community, edges };
  });

/**
 * processEdges as it was before it shared buildMarkovProcess's columns: an object per edge,
 * its type weight looked up by address, its ends placed through a map of base addresses. The
 * columnar version must give exactly this.
 */
function objectProcessEdges(
  graph: Graph,
  weights: Weights,
  identities: readonly Identity[],
  process: MarkovProcess,
) {
  const owner = contractIdentities(identities);
  const baseIndex = new Map(process.baseAddresses.map((address, i) => [address as string, i]));
  const slotOf = new Int32Array(identities.length).fill(-1);
  process.participants.forEach((identity, slot) => (slotOf[identity] = slot));
  const place = (address: string, weekMs: number): number | undefined => {
    const identity = owner.get(address);
    if (identity === undefined) return baseIndex.get(address);
    const week = (weekMs - process.firstWeekMs) / WEEK_MS;
    return process.baseCount + week * process.participants.length + slotOf[identity]!;
  };
  const rows: [string, number, number, number, number][] = [];
  for (const edge of graph.edges()) {
    const type = edgeTypeWeight(weights, edge.address);
    const multiplier = edge.weight ?? 1;
    if (type.forwards * multiplier === 0 && type.backwards * multiplier === 0) continue;
    const weekMs = weekStartMs(edge.timestampMs, process.params.weekStart);
    const from = place(edge.src, weekMs);
    const to = place(edge.dst, weekMs);
    if (from === undefined || to === undefined) continue;
    rows.push([edge.address, from, to, type.forwards * multiplier, type.backwards * multiplier]);
  }
  return rows;
}

/** Random communities with what placing edges must handle: dangling ends, edge weights, a weightless type. */
const communityToPlace = fc
  .tuple(
    communityWithThanks,
    fc.array(fc.option(fc.constantFrom(0, 0.5, 2), { nil: undefined }), { maxLength: 40 }),
    fc.array(fc.nat(), { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([community, edgeWeights, dangling, sundays]) => ({
    ...community,
    edges: [
      ...community.edges.map((e, k) => {
        const weight = edgeWeights[k];
        return weight === undefined ? e : { ...e, weight };
      }),
      ...dangling.map((a, k) => ({
        address: edge(`t/authors/dangling${k}`),
        src: node(`t/user/u${a % community.identities.length}`),
        dst: node(`t/contribution/gone${k}`),
        timestampMs: T0,
      })),
    ],
    sundays,
  }));

describe('core/credrank/explainEdges', () => {
  it('processEdges(graph) places exactly the edges, ends and weights an object walk of the graph does', () => {
    const weights: Weights = {
      nodes: TEST_WEIGHTS.nodes,
      edges: new Map([...TEST_WEIGHTS.edges, ['t/reacts', { forwards: 0, backwards: 0 }]]),
    };
    fc.assert(
      fc.property(communityToPlace, (community) => {
        const graph = buildGraph(community);
        const params = community.sundays
          ? { ...DEFAULT_CREDRANK_PARAMS, weekStart: 'sunday' as const }
          : DEFAULT_CREDRANK_PARAMS;
        const { process } = computeCredRank(graph, weights, community.identities, params);
        const edges = processEdges(graph, weights, community.identities, process);
        const columns = Array.from({ length: edges.count }, (_, e) => [
          edges.addressOf(e) as string,
          edges.src[e]!,
          edges.dst[e]!,
          edges.forwards[e]!,
          edges.backwards[e]!,
        ]);
        expect(columns).toEqual(objectProcessEdges(graph, weights, community.identities, process));
      }),
      FC,
    );
  });

  it('edgeProbabilities(edges) add up to the process transitions between the same nodes', () => {
    fc.assert(
      fc.property(communityWithThanks, (community) => {
        const graph = buildGraph(community);
        const result = computeCredRank(graph, TEST_WEIGHTS, community.identities);
        const { process } = result;
        const edges = processEdges(graph, TEST_WEIGHTS, community.identities, process);
        const probability = edgeProbabilities(edges, process);
        const pairs = new Map<string, number>();
        const add = (y: number, z: number, p: number) => {
          if (p > 0) pairs.set(`${y}>${z}`, (pairs.get(`${y}>${z}`) ?? 0) + p);
        };
        for (let e = 0; e < edges.count; e++) {
          add(edges.src[e]!, edges.dst[e]!, probability.forwards[e]!);
          add(edges.dst[e]!, edges.src[e]!, probability.backwards[e]!);
        }
        const chainOf = (x: number) =>
          x < process.baseCount ? -1 : (x - process.baseCount) % process.participants.length;
        for (const [pair, p] of pairs) {
          const [y, z] = pair.split('>').map(Number) as [number, number];
          if (chainOf(y) !== -1 && chainOf(y) === chainOf(z)) continue; // mixed with webbing
          expect(p).toBeCloseTo(csrProbability(process, y, z), 12);
        }
      }),
      FC,
    );
  });

  it('inflowEdges(edges, flows) carries exactly the inflows the explanation lists', () => {
    fc.assert(
      fc.property(communityWithThanks, (community) => {
        const graph = buildGraph(community);
        const result = computeCredRank(graph, TEST_WEIGHTS, community.identities);
        const edges = processEdges(graph, TEST_WEIGHTS, community.identities, result.process);
        const flows = edgeFlows(edges, result);
        const bySlot = inflowEdges(edges, flows, result.process);
        community.identities.forEach((_, id) => {
          const chain = participantChain(result, id);
          if (chain === undefined) return;
          const slot = result.process.participants.indexOf(id);
          const groups: Map<string, EdgeInflow[]> = bySlot.get(slot) ?? new Map();
          expect(inflowEdges(edges, flows, result.process, slot).get(slot) ?? new Map()).toEqual(
            groups,
          );
          const { node: source, entryWeek, mass } = chain.sources;
          let listed = 0;
          for (let k = 0; k < source.length; k++) {
            const group = groups.get(`${source[k]}:${entryWeek[k]}`) ?? [];
            const flow = group.reduce((total, inflow) => total + inflow.flow, 0);
            if (mass[k]! * result.scale > 0) listed++;
            expect(flow).toBeCloseTo(mass[k]! * result.scale, 10);
          }
          expect(groups.size).toBe(listed);
        });
      }),
      FC,
    );
  });

  it('processEdges(graph) skips dangling and weightless edges and places people by week', () => {
    const community = {
      nodes: [
        { address: node('t/user/u0'), timestampMs: null },
        { address: node('t/contribution/c0'), timestampMs: T0 },
      ],
      edges: [
        {
          address: edge('t/authors/a'),
          src: node('t/user/u0'),
          dst: node('t/contribution/c0'),
          timestampMs: T0,
        },
        {
          address: edge('t/authors/dangling'),
          src: node('t/user/u0'),
          dst: node('t/contribution/gone'),
          timestampMs: T0,
        },
      ],
      identities: [identity('u0', 't/user/u0')],
    };
    const graph = buildGraph(community);
    const weights = {
      nodes: TEST_WEIGHTS.nodes,
      edges: new Map([
        ...TEST_WEIGHTS.edges,
        ['t/authors/dangling', { forwards: 0, backwards: 0 }],
      ]),
    };
    const result = computeCredRank(graph, weights, community.identities);
    const edges = processEdges(graph, weights, community.identities, result.process);
    expect(Array.from({ length: edges.count }, (_, e) => edges.addressOf(e))).toEqual([
      't/authors/a',
    ]);
    expect(edges.src[0]).toBe(result.process.baseCount);
    expect(edges.dst[0]).toBe(0);
    const flows = edgeFlows(edges, result);
    expect(flows.backwards[0]! + flows.forwards[0]!).toBeGreaterThan(0);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCredRank } from '../../core/credrank/credRank.js';
import { DEFAULT_CREDRANK_PARAMS } from '../../core/credrank/params.js';
import { Buffer } from 'node:buffer';
import { decodeGraph, encodeGraph } from '../../core/graphBinary.js';
import type { Graph } from '../../core/graph.js';
import { contractIdentities } from '../../core/identity.js';
import {
  buildGraph,
  edge,
  node,
  randomCommunity,
  T0,
  TEST_WEIGHTS,
} from '../../core/testing/graphs.js';
import { mostSpecific, type Weights } from '../../core/weights.js';
import { weekStartMs, WEEK_MS } from '../../core/weeks.js';
import type { ScoredInstance } from '../explain/scores.js';
import { buildWhatIf } from './whatIf.js';

const FC = { seed: 20261205, numRuns: 150 };

/**
 * whatif.json's nodes and edges as buildWhatIf made them before it read the graph's columns:
 * an object per edge, keys looked up by address string, ends through maps of addresses. The
 * columnar version must give exactly this.
 */
function objectWhatIf(scored: ScoredInstance, identityOrder: readonly string[]) {
  const { weights, graph, result } = scored;
  const process = result.process;
  const sorted = (...tables: Iterable<string>[]) =>
    [...new Set(tables.flatMap((table) => [...table]))].sort();
  const nodeWeightKeys = sorted(weights.nodes.keys());
  const edgeWeightKeys = sorted(weights.edges.keys());
  const index = (keys: string[]) => new Map(keys.map((key, k) => [key, k]));
  const nodeKeyIndex = index(
    sorted(nodeWeightKeys, weights.budgets?.keys() ?? [], weights.reactions?.nodes ?? []),
  );
  const edgeKeyIndex = index(sorted(edgeWeightKeys, weights.reactions?.edges ?? []));
  const position = new Map(identityOrder.map((id, k) => [id, k]));
  const owner = contractIdentities(scored.identities);
  const baseIndex = new Map<string, number>(process.baseAddresses.map((a, i) => [a, i]));
  const nodeCount = new Array<number>(nodeWeightKeys.length + 1).fill(0);
  const nodeMint = new Array<number>(nodeWeightKeys.length + 1).fill(0);
  const nodeKey: number[] = [];
  const nodeWeight: [number, number][] = [];
  process.baseAddresses.forEach((address, k) => {
    nodeKey.push(mostSpecific(nodeKeyIndex, address) ?? -1);
    const slot = mostSpecific(index(nodeWeightKeys), address) ?? nodeWeightKeys.length;
    nodeCount[slot]! += 1;
    nodeMint[slot]! += process.mint[k]!;
    const intrinsic = graph.node(address)?.weight ?? 1;
    if (intrinsic !== 1) nodeWeight.push([k, intrinsic]);
  });
  const endpoint = (address: string): number | undefined => {
    const identity = owner.get(address);
    if (identity === undefined) return baseIndex.get(address);
    return -(position.get(scored.identities[identity]!.id)! + 1);
  };
  const edgeCount = new Array<number>(edgeWeightKeys.length + 1).fill(0);
  const rows: [number, number, number, number, number][] = [];
  for (const e of graph.edges()) {
    const src = endpoint(e.src);
    const dst = endpoint(e.dst);
    if (src === undefined || dst === undefined) continue;
    const week =
      (weekStartMs(e.timestampMs, process.params.weekStart) - process.firstWeekMs) / WEEK_MS;
    rows.push([src, dst, week, mostSpecific(edgeKeyIndex, e.address) ?? -1, e.weight ?? 1]);
    edgeCount[mostSpecific(index(edgeWeightKeys), e.address) ?? edgeWeightKeys.length]! += 1;
  }
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || a[4] - b[4]);
  const edges = {
    key: rows.map((row) => row[3]),
    src: rows.map((row, k) => (k === 0 ? row[0] : row[0] - rows[k - 1]![0])),
    dst: rows.map((row) => row[1]),
    week: rows.map((row) => row[2]),
    weight: rows.flatMap((row, k): [number, number][] => (row[4] === 1 ? [] : [[k, row[4]]])),
  };
  return { nodes: { key: nodeKey, weight: nodeWeight }, edges, nodeCount, nodeMint, edgeCount };
}

function fromFile(graph: Graph): Graph {
  return decodeGraph(Buffer.concat([...encodeGraph(graph, 't')]), 't.credgraph').graph;
}

/** Weights whose node and edge keys include knob prefixes, a key under a key, and no key. */
const WEIGHTS: Weights = {
  nodes: new Map([...TEST_WEIGHTS.nodes, ['t/contribution/c1', 3]]),
  edges: new Map([...TEST_WEIGHTS.edges, ['t/authors/d', { forwards: 0, backwards: 0 }]]),
  budgets: new Map([['t/contribution/c2', 5]]),
  reactions: { capPerWeek: undefined, nodes: ['t/like'], edges: ['t/reacts'] },
};

/** A random community with node and edge weights, dangling edges and a Sunday week start. */
const community = fc
  .tuple(
    randomCommunity,
    fc.array(fc.option(fc.constantFrom(0, 0.5, 1, 2), { nil: undefined }), { maxLength: 40 }),
    fc.array(fc.nat(), { maxLength: 3 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([base, edgeWeights, dangling, sundays, packed]) => ({
    ...base,
    edges: [
      ...base.edges.map((e, k) =>
        edgeWeights[k] === undefined ? e : { ...e, weight: edgeWeights[k] },
      ),
      ...dangling.map((a, k) => ({
        address: edge(`t/authors/dangling${k}`),
        src: node(`t/user/u${a % base.identities.length}`),
        dst: node(`t/contribution/gone${k}`),
        timestampMs: T0 + k * WEEK_MS,
      })),
    ],
    sundays,
    packed,
  }));

describe('instance/site/whatIf', () => {
  it("buildWhatIf reads the graph's columns into exactly what an object walk of it gave", () => {
    fc.assert(
      fc.property(community, (generated) => {
        const built = buildGraph(generated);
        const graph = generated.packed ? fromFile(built) : built;
        const params = generated.sundays
          ? { ...DEFAULT_CREDRANK_PARAMS, weekStart: 'sunday' as const }
          : DEFAULT_CREDRANK_PARAMS;
        const { identities } = generated;
        const result = computeCredRank(graph, WEIGHTS, identities, params);
        const scored = { graph, weights: WEIGHTS, identities, result } as unknown as ScoredInstance;
        const order = identities.map((identity) => identity.id as string).reverse();
        const data = buildWhatIf(scored, order);
        const expected = objectWhatIf(scored, order);
        expect({
          nodes: { key: data.whatif.nodes.key, weight: data.whatif.nodes.weight },
          edges: data.whatif.edges,
          nodeCount: data.nodeCount,
          nodeMint: data.nodeMint,
          edgeCount: data.edgeCount,
        }).toEqual(expected);
      }),
      FC,
    );
  });
});

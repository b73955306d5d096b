import { describe, expect, it } from 'vitest';
import { Graph } from './graph.js';
import { fromGraphJson, toGraphJson } from './graphJson.js';
import { canonicalJson } from './canonicalJson.js';
import { buildGraph, edge, node, randomCommunity } from './testing/graphs.js';
import fc from 'fast-check';

const a = { address: node('t/user/a'), description: 'a', timestampMs: null };
const c = {
  address: node('t/contribution/c'),
  description: 'c',
  timestampMs: 5,
  url: 'https://x.example/c',
  weight: 2,
};
const e = { address: edge('t/authors/c'), src: a.address, dst: c.address, timestampMs: 5 };

describe('core/graph', () => {
  it('Graph.addNode(node) throws on a duplicate address', () => {
    const graph = new Graph().addNode(a);
    expect(() => graph.addNode(a)).toThrow(
      expect.objectContaining({ code: 'GRAPH_DUPLICATE_NODE' }),
    );
    expect(() => graph.addEdge(e).addEdge(e)).toThrow(
      expect.objectContaining({ code: 'GRAPH_DUPLICATE_EDGE' }),
    );
  });

  it('Graph.merge(other) is idempotent and rejects conflicting content', () => {
    const graph = new Graph().addNode(a).addNode(c).addEdge(e);
    const twice = new Graph().merge(graph).merge(graph);
    expect(twice.nodeCount).toBe(2);
    expect(twice.edgeCount).toBe(1);
    expect(() => twice.mergeNode({ ...c, description: 'other' })).toThrow(
      expect.objectContaining({ code: 'GRAPH_CONFLICTING_NODE' }),
    );
    expect(() => twice.mergeEdge({ ...e, timestampMs: 6 })).toThrow(
      expect.objectContaining({ code: 'GRAPH_CONFLICTING_EDGE' }),
    );
    expect(Graph.union([graph, graph]).edgeCount).toBe(1);
  });

  it('Graph.addNode/addEdge reject non-finite times and negative weights', () => {
    expect(() => new Graph().addNode({ ...c, timestampMs: Number.NaN })).toThrow(/non-finite/);
    expect(() => new Graph().addNode({ ...c, weight: -1 })).toThrow(/expected weight >= 0/);
    expect(() => new Graph().addEdge({ ...e, timestampMs: Infinity })).toThrow(/finite time/);
  });

  it('Graph lets edges dangle: an endpoint need not be a node', () => {
    const graph = new Graph().addEdge(e);
    expect(graph.hasNode(e.src)).toBe(false);
    expect(graph.edge(e.address)).toEqual(e);
  });

  it('toGraphJson(graph) round-trips and does not depend on insertion order', () => {
    fc.assert(
      fc.property(randomCommunity, (community) => {
        const forward = buildGraph(community);
        const backward = buildGraph(community, (n) => [...Array(n).keys()].reverse());
        const json = toGraphJson(forward, 't');
        expect(canonicalJson(json)).toBe(canonicalJson(toGraphJson(backward, 't')));
        const restored = fromGraphJson(JSON.parse(JSON.stringify(json)), 'graph.json');
        expect(canonicalJson(toGraphJson(restored, 't'))).toBe(canonicalJson(json));
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('toGraphJson(graph) keeps optional fields and dangling endpoints', () => {
    const graph = new Graph().addNode({ ...c, container: node('t/repo/r') }).addEdge(e);
    const json = toGraphJson(graph);
    expect(json.addresses).toEqual(['t/contribution/c', 't/repo/r', 't/user/a']);
    const restored = fromGraphJson(json, 'g.json');
    expect(restored.node(c.address)).toEqual({ ...c, container: 't/repo/r' });
    expect(restored.edge(e.address)).toEqual(e);
  });

  it('fromGraphJson(json) names the file and the problem', () => {
    expect(() => fromGraphJson({ type: 'cred/graph', version: 2 }, 'output/graphs/x.json')).toThrow(
      /output\/graphs\/x.json: not a cred\/graph version 1 file \(version/,
    );
    const broken = {
      type: 'cred/graph',
      version: 1,
      addresses: ['a'],
      nodes: [{ index: 3, description: '', timestampMs: null }],
      edges: [],
    };
    expect(() => fromGraphJson(broken, 'g.json')).toThrow(/address index 3 out of range/);
  });

  it('instanceof knows a Graph of another copy of cred (a plugin) by its mark', () => {
    const foreign = { nodes: () => [], [Symbol.for('cred.Graph')]: true };
    expect(foreign instanceof Graph).toBe(true);
    expect({ nodes: () => [] } instanceof Graph).toBe(false);
    expect((null as unknown) instanceof Graph).toBe(false);
    expect(new Graph() instanceof Graph).toBe(true);
  });
});

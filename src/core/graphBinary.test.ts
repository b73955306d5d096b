import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCredRank } from './credrank/credRank.js';
import { edgeTypeColumns } from './credrank/typeWeights.js';
import { baseHashes } from './credrank/warmStart.js';
import { Graph } from './graph.js';
import { decodeGraph, encodeGraph } from './graphBinary.js';
import { canonicalJson } from './canonicalJson.js';
import { toGraphJson } from './graphJson.js';
import type { IdentityId } from './identity.js';
import { edgeTypeWeight } from './weights.js';
import { buildGraph, edge, node, randomCommunity, TEST_WEIGHTS } from './testing/graphs.js';

function bytes(graph: Graph, plugin?: string): Uint8Array {
  const chunks = [...encodeGraph(graph, plugin)];
  const result = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.length;
  }
  return result;
}

describe('core/graphBinary', () => {
  it('decodeGraph(encodeGraph(graph)) is the same graph in the same order, scoring the same', () => {
    fc.assert(
      fc.property(randomCommunity, (community) => {
        const graph = buildGraph(community);
        const file = bytes(graph, 't');
        expect(file.length % 8).toBe(0);
        const { plugin, graph: restored } = decodeGraph(file, 'g.credgraph');
        expect(plugin).toBe('t');
        expect([...restored.nodes()]).toEqual([...graph.nodes()]);
        expect([...restored.edges()]).toEqual([...graph.edges()]);
        expect(canonicalJson(toGraphJson(restored))).toBe(canonicalJson(toGraphJson(graph)));
        const before = computeCredRank(graph, TEST_WEIGHTS, community.identities);
        const after = computeCredRank(restored, TEST_WEIGHTS, community.identities);
        expect(after.credByIdentity).toEqual(before.credByIdentity);
        expect(bytes(restored, 't')).toEqual(file);
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it('a graph file scores from its address bytes as the same graph does from strings', () => {
    // Non-ASCII addresses, an alias among them, and a weight key under a parent: the paths
    // where the bytes are read by parent, decoded one by one, or hashed.
    const user = (name: string) => node(`t/user/${name}`);
    const graph = new Graph();
    const names = ['ä', 'b', '名前', 'c😀'];
    names.forEach((name) =>
      graph.addNode({ address: user(name), description: '', timestampMs: null }),
    );
    ['1', 'ü2', '3'].forEach((c, k) => {
      const contribution = node(`t/contribution/${c}`);
      graph.addNode({ address: contribution, description: c, timestampMs: k * 7 * 86_400_000 });
      names.forEach((name, u) => {
        if ((u + k) % 2 === 0) return;
        const address = edge(`t/authors/${c}/${name}`);
        graph.addEdge({
          address,
          src: user(name),
          dst: contribution,
          timestampMs: k * 7 * 86_400_000,
        });
      });
    });
    const weights = {
      ...TEST_WEIGHTS,
      nodes: new Map([...TEST_WEIGHTS.nodes, ['t/contribution/ü2', 3]]),
    };
    const identities = names.slice(0, 3).map((name, k) => ({
      id: `id${k}` as IdentityId,
      name: `n${k}`,
      type: 'user' as const,
      aliases: [user(name)],
    }));
    const fromStrings = computeCredRank(graph, weights, identities);
    const fromFile = computeCredRank(decodeGraph(bytes(graph), 'g').graph, weights, identities);
    expect(fromFile.process.mint).toEqual(fromStrings.process.mint);
    expect(fromFile.process.mint).toContain(3);
    expect(baseHashes(fromFile.process)).toEqual(baseHashes(fromStrings.process));
    expect(fromFile.credByIdentity).toEqual(fromStrings.credByIdentity);
    expect(fromFile.process.baseAddresses).toEqual(fromStrings.process.baseAddresses);
    expect(fromFile.process.baseAddresses).toContain(user('c😀'));
  });

  it('encodeGraph keeps non-ASCII text, optional fields and dangling endpoints', () => {
    const graph = new Graph()
      .addNode({ address: node('t/user/ä'), description: '名前 😀', timestampMs: null })
      .addNode({
        address: node('t/c/1'),
        description: '',
        timestampMs: 5,
        url: '',
        weight: 0,
        container: node('t/repo/r'),
      })
      .addEdge({ address: edge('t/e/1'), src: node('t/user/ä'), dst: node('t/x'), timestampMs: 1 });
    const restored = decodeGraph(bytes(graph), 'g').graph;
    expect([...restored.nodes()]).toEqual([...graph.nodes()]);
    expect(restored.edge(edge('t/e/1'))).toEqual(graph.edge(edge('t/e/1')));
    expect(restored.hasNode(node('t/x'))).toBe(false);
  });

  it('a weight keyed by one edge address applies to a graph read from a file', () => {
    fc.assert(
      fc.property(randomCommunity, fc.nat(), (community, pick) => {
        fc.pre(community.edges.length > 0);
        const graph = buildGraph(community);
        const restored = decodeGraph(bytes(graph), 'g').graph;
        const chosen = community.edges[pick % community.edges.length]!.address;
        const weights = {
          ...TEST_WEIGHTS,
          edges: new Map([...TEST_WEIGHTS.edges, [chosen, { forwards: 3, backwards: 0.25 }]]),
        };
        for (const { groupOf, forwards, backwards } of [
          edgeTypeColumns(graph, weights),
          edgeTypeColumns(restored, weights),
        ])
          community.edges.forEach(({ address }, e) => {
            const group = groupOf[e] as number;
            const typeOf = { forwards: forwards[group], backwards: backwards[group] };
            expect(typeOf).toEqual(edgeTypeWeight(weights, address));
          });
        const before = computeCredRank(graph, weights, community.identities);
        const after = computeCredRank(restored, weights, community.identities);
        expect(after.credByIdentity).toEqual(before.credByIdentity);
      }),
      { seed: 12, numRuns: 40 },
    );
  });

  it('decodeGraph names the file and the problem', () => {
    const file = bytes(
      new Graph().addNode({ address: node('a'), description: '', timestampMs: 1 }),
    );
    expect(() => decodeGraph(new Uint8Array(4), 'x.credgraph')).toThrow(
      /x.credgraph: not a cred\/graph-columns file \(no CREDGRPH signature\)/,
    );
    expect(() => decodeGraph(file.subarray(0, file.length - 8), 'x')).toThrow(/truncated/);
    const future = file.slice();
    future[8] = 2;
    expect(() => decodeGraph(future, 'x')).toThrow(/version 2/);
    // After the header: the address table ("a": offsets 0, 1, then the byte), then nodeAddress.
    const broken = file.slice();
    const headerEnd = Math.ceil((16 + new DataView(file.buffer).getUint32(12, true)) / 8) * 8;
    new DataView(broken.buffer).setInt32(headerEnd + 16, 3, true);
    expect(() => decodeGraph(broken, 'x')).toThrow(/x: node 0 refers to an address out of range/);
  });
});

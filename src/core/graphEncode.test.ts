/**
 * The graph file's bytes are a format (decision 0650): encodeGraph may get faster, never
 * different. These digests were taken from encodeGraph before it was reworked for speed
 * (decision 0780); a change to them is a format change, which needs a new version.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Graph } from './graph.js';
import { decodeGraph, encodeGraph } from './graphBinary.js';
import { StringTable } from './graphStrings.js';
import { edge, node } from './testing/graphs.js';

function fileDigest(chunks: Iterable<Uint8Array>): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

/** Every kind of field, text in several scripts, and string tables over one batch (16,384). */
function fixedGraph(): Graph {
  const graph = new Graph()
    .addNode({ address: node('t/account/ß'), description: 'Ünïcode 名前 😀', timestampMs: null })
    .addNode({ address: node('t/c/\ud800'), description: 'lone', timestampMs: 7, url: 'u' })
    .addNode({ address: node('t/c/0'), description: '', timestampMs: 0, url: '', weight: 0 })
    .addEdge({ address: edge('t/e/0'), src: node('t/c/0'), dst: node('t/y'), timestampMs: 3 });
  for (let k = 0; k < 40_000; k++) {
    const text = k % 7_000 === 0 ? `é${k}` : `${k}`;
    graph.addNode({
      address: node(`t/n/${text}`),
      description: `node ${text}`,
      timestampMs: k % 3 === 0 ? null : k,
      ...(k % 2 === 0 ? { url: `https://example.org/${k}` } : {}),
      ...(k % 5 === 0 ? { weight: k / 7 } : {}),
      ...(k % 11 === 0 ? { container: node(`t/repo/${k % 3}`) } : {}),
    });
    graph.addEdge({
      address: edge(`t/e/x${text}`),
      src: node(`t/n/${text}`),
      dst: node('t/c/0'),
      timestampMs: k * 1000,
      ...(k % 4 === 0 ? { weight: 2.5 } : {}),
    });
  }
  return graph;
}

describe('core/graphBinary encodeGraph', () => {
  it('writes the same bytes as the format always has', () => {
    expect(fileDigest(encodeGraph(fixedGraph(), 'fixed'))).toBe(
      'd173847a966a19ff428fbcb77fbdd50282ad7a7601f4e294b01d0c08d06adfb7',
    );
    expect(fileDigest(encodeGraph(new Graph()))).toBe(
      '32697da223680235311ec3ceb2414f2c7aa3c43bda35bd953f3786470714e129',
    );
  });

  it('a graph read from its file writes the same bytes, its string tables as they are', () => {
    const bytes = Buffer.concat([...encodeGraph(fixedGraph(), 'fixed')]);
    const { graph } = decodeGraph(bytes, 'fixed.credgraph');
    const stored = graph.storedColumns();
    expect(stored.edgeAddress).toBeInstanceOf(StringTable);
    expect(stored.nodeDescription).toBeInstanceOf(StringTable);
    expect(fileDigest(encodeGraph(graph, 'fixed'))).toBe(fileDigest([bytes]));
    // The same once every string has been decoded (a url of "" stays a url).
    expect([...graph.nodes()].find((n) => n.address === 't/c/0')?.url).toBe('');
    expect([...graph.edges()]).toHaveLength(graph.edgeCount);
    expect(graph.storedColumns().edgeAddress).toBeInstanceOf(Array);
    expect(fileDigest(encodeGraph(graph, 'fixed'))).toBe(fileDigest([bytes]));
  });
});

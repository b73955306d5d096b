import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Graph } from './graph.js';
import { encodeGraph } from './graphBinary.js';
import { StringTableBuilder, type GraphColumns, type PackedStrings } from './graphColumns.js';
import { StringTable } from './graphStrings.js';
import { edge, node } from './testing/graphs.js';

function packed(values: readonly (string | undefined)[]): PackedStrings {
  const builder = new StringTableBuilder();
  for (const value of values) builder.push(value ?? '');
  return builder.finish();
}

function fileBytes(graph: Graph): Buffer {
  return Buffer.concat([...encodeGraph(graph, 'p')]);
}

/** Two nodes (one with a url) and an edge to an address with no node, as string columns. */
function stringColumns(texts: readonly string[]): GraphColumns {
  return {
    addresses: ['p/a', `p/b/${texts[0] ?? ''}`, 'p/dangling'],
    nodeAddress: Int32Array.of(0, 1),
    nodeDescription: [texts[1] ?? 'one', 'two'],
    nodeTimestampMs: Float64Array.of(NaN, 5),
    nodeUrl: [undefined, `https://example.org/${texts[2] ?? ''}`],
    nodeWeight: Float64Array.of(NaN, 2),
    nodeContainer: Int32Array.of(-1, 0),
    edgeAddress: [`p/e/${texts[3] ?? ''}`],
    edgeSrc: Int32Array.of(1),
    edgeDst: Int32Array.of(2),
    edgeTimestampMs: Float64Array.of(7),
    edgeWeight: Float64Array.of(NaN),
  };
}

describe('core/graphColumns packed strings', () => {
  it('StringTableBuilder packs any text, and numbered text as the template string would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' })),
        fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.nat(), fc.string())),
        (texts, numbered) => {
          const builder = new StringTableBuilder();
          for (const text of texts) builder.push(text);
          for (const [prefix, value, suffix] of numbered)
            builder.pushNumbered(prefix, value, suffix);
          const expected = [
            ...texts.map((text) => new TextDecoder().decode(new TextEncoder().encode(text))),
            ...numbered.map(([prefix, value, suffix]) => `${prefix}${value}${suffix}`),
          ];
          const { offsets, bytes } = builder.finish();
          expect(new StringTable(offsets, bytes, 'x').all()).toEqual(expected);
        },
      ),
      { seed: 5, numRuns: 200 },
    );
    expect(() => new StringTableBuilder().pushNumbered('x', -1)).toThrow(/integer >= 0/);
  });

  it('StringTableBuilder writes the bytes TextEncoder writes, short or long, ASCII or not', () => {
    // Texts up to 64 units are copied without a TextEncoder when ASCII; the cases cover both
    // sides of that bound, non-ASCII after an ASCII start, lone surrogates and growing buffers.
    const text = fc
      .array(
        fc.oneof(
          fc.string({ unit: 'binary-ascii', maxLength: 40 }),
          fc.string({ unit: 'binary' }),
          fc.constantFrom(
            '\u0080',
            '\u00e9',
            '\u00ff',
            '\u07ff',
            '\u0800',
            '\ud83d',
            '\ud83d\ude00',
          ),
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.nat(), text)), (entries) => {
        const builder = new StringTableBuilder({ strings: 1, bytes: 1 });
        const encoder = new TextEncoder();
        const expected: Uint8Array[] = [];
        for (const [prefix, value, suffix] of entries) {
          builder.push(prefix);
          builder.pushNumbered(prefix, value, suffix);
          expected.push(encoder.encode(prefix), encoder.encode(`${prefix}${value}${suffix}`));
        }
        const { offsets, bytes } = builder.finish();
        expect(expected.map((_, k) => bytes.slice(offsets[k], offsets[k + 1]))).toEqual(expected);
        expect(offsets.at(-1)).toBe(bytes.length);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('a graph from packed columns is the graph from strings, and writes the same file', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 4 }), (texts) => {
        const strings = stringColumns(texts);
        const columns = {
          ...strings,
          addresses: packed(strings.addresses),
          nodeDescription: packed(strings.nodeDescription),
          nodeUrl: packed(strings.nodeUrl),
          edgeAddress: packed(strings.edgeAddress),
        };
        const fromPacked = Graph.fromColumns(columns);
        const fromStrings = Graph.fromColumns(strings);
        expect(fileBytes(fromPacked)).toEqual(fileBytes(fromStrings));
        const stored = fromPacked.storedColumns().edgeAddress;
        expect(stored).toBeInstanceOf(StringTable);
        expect((stored as StringTable).packed().bytes).toBe(columns.edgeAddress.bytes);
        expect([...fromPacked.nodes()]).toEqual([...fromStrings.nodes()]);
        expect([...fromPacked.edges()]).toEqual([...fromStrings.edges()]);
        expect(fromPacked.columns()).toEqual(fromStrings.columns());
      }),
      { seed: 9, numRuns: 100 },
    );
  });

  it('a packed graph can still grow, and its checks name the address', () => {
    const strings = stringColumns(['b', 'one', 'u', 'e']);
    const columns = { ...strings, edgeAddress: packed(strings.edgeAddress) };
    const graph = Graph.fromColumns(columns).addEdge({
      address: edge('p/e/f'),
      src: node('p/a'),
      dst: node('p/b/b'),
      timestampMs: 9,
    });
    expect(graph.edgeCount).toBe(2);
    expect(graph.edge(edge('p/e/e'))?.dst).toBe('p/dangling');
    const badTime = { ...columns, edgeTimestampMs: Float64Array.of(Infinity) };
    expect(() => Graph.fromColumns(badTime)).toThrow(/edge "p\/e\/e" needs a finite time/);
    const short = { ...columns, edgeAddress: { ...columns.edgeAddress, bytes: new Uint8Array(1) } };
    expect(() => Graph.fromColumns(short)).toThrow(/do not span its bytes/);
  });
});

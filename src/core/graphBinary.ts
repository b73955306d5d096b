/**
 * The graph file `cred graph` writes and `cred score` reads: `cred/graph-columns` version 1, a
 * small binary columnar format of our own (docs/formats.md "Graph files", decision 0650).
 * Little-endian, every section 8-byte aligned so columns are typed-array views of the file:
 *
 *   "CREDGRPH"  u32 version (1)  u32 header length H  header: UTF-8 JSON
 *               {"plugin", "addresses", "nodes", "edges"} (counts A, N, M), padded to 8
 *   addresses        strings[A]       the address table, each address once
 *   nodeAddress      i32[N]           index into addresses
 *   nodeTimestampMs  f64[N]           NaN: timeless
 *   nodeWeight       f64[N]           NaN: no intrinsic weight
 *   nodeContainer    i32[N]           -1: none
 *   nodeHasUrl       u8[N]            0: no url (then nodeUrl holds "")
 *   nodeDescription  strings[N]
 *   nodeUrl          strings[N]
 *   edgeSrc, edgeDst i32[M]           indexes into addresses
 *   edgeTimestampMs  f64[M]
 *   edgeWeight       f64[M]           NaN: no intrinsic weight
 *   edgeAddress      strings[M]
 *
 * strings[K] is u32 byte offsets[K + 1] (from 0) followed by the UTF-8 bytes. Order is the
 * graph's insertion order, so a graph read back scores exactly as the graph written. Encoding
 * yields chunks (a writer streams them to disk and digests them on the way); decoding makes
 * views and tables of strings decoded when first used, never an object per node or edge.
 */
import type { EdgeAddress, NodeAddress } from './address.js';
import { ConfigError, CredError } from './errors.js';
import { Graph } from './graph.js';
import { checkEdge, checkNode } from './graphChecks.js';
import {
  invalidTable,
  StringTable,
  type FileGraphColumns,
  type StringStore,
  type UrlStore,
} from './graphStrings.js';

export const GRAPH_BINARY_FORMAT = { type: 'cred/graph-columns', version: 1 } as const;
const MAGIC = 'CREDGRPH';
const BATCH = 16_384;

interface Header {
  readonly plugin?: string;
  readonly addresses: number;
  readonly nodes: number;
  readonly edges: number;
}

/** The file's bytes, in chunks (concatenated they are the file). */
export function* encodeGraph(graph: Graph, plugin?: string): Generator<Uint8Array> {
  checkLittleEndian();
  const c = graph.storedColumns();
  const header: Header = {
    ...(plugin === undefined ? {} : { plugin }),
    addresses: countOf(c.addresses),
    nodes: c.nodeAddress.length,
    edges: countOf(c.edgeAddress),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const prefix = new Uint8Array(16);
  prefix.set(new TextEncoder().encode(MAGIC));
  new DataView(prefix.buffer).setUint32(8, GRAPH_BINARY_FORMAT.version, true);
  new DataView(prefix.buffer).setUint32(12, headerBytes.length, true);
  yield prefix;
  yield* padded(headerBytes, 16);
  yield* strings(c.addresses);
  yield* padded(bytesOf(c.nodeAddress));
  yield* padded(bytesOf(c.nodeTimestampMs));
  yield* padded(bytesOf(c.nodeWeight));
  yield* padded(bytesOf(c.nodeContainer));
  yield* padded(hasUrl(c.nodeUrl));
  yield* strings(c.nodeDescription);
  yield* strings(Array.isArray(c.nodeUrl) ? c.nodeUrl : c.nodeUrl.urls);
  yield* padded(bytesOf(c.edgeSrc));
  yield* padded(bytesOf(c.edgeDst));
  yield* padded(bytesOf(c.edgeTimestampMs));
  yield* padded(bytesOf(c.edgeWeight));
  yield* strings(c.edgeAddress);
}

/**
 * Reads a graph file's bytes; `where` names the file in errors. Numbers are views of `bytes`;
 * descriptions, urls and edge addresses are decoded when first used (graphStrings.ts).
 */
export function decodeGraph(bytes: Uint8Array, where: string): { plugin?: string; graph: Graph } {
  checkLittleEndian();
  const input = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const reader = new Reader(input, where);
  const header = reader.header();
  const { addresses: a, nodes: n, edges: m } = header;
  // Sections in file order.
  const addresses = reader.strings(a);
  const nodeAddress = reader.int32(n);
  const nodeTimestampMs = reader.float64(n);
  const nodeWeight = reader.float64(n);
  const nodeContainer = reader.int32(n);
  const present = reader.uint8(n);
  const descriptions = reader.strings(n);
  const urls = { present, urls: reader.strings(n) };
  const columns: FileGraphColumns = {
    addresses,
    nodeAddress,
    nodeTimestampMs,
    nodeWeight,
    nodeContainer,
    descriptions,
    urls,
    edgeSrc: reader.int32(m),
    edgeDst: reader.int32(m),
    edgeTimestampMs: reader.float64(m),
    edgeWeight: reader.float64(m),
    edgeAddresses: reader.strings(m),
  };
  reader.end();
  const graph = Graph.fromFile(columns, checkFileColumns(columns, where));
  return { ...(header.plugin === undefined ? {} : { plugin: header.plugin }), graph };
}

const invalid = invalidTable;

function checkLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
    throw new ConfigError('GRAPH_FILE_ENDIAN', 'graph files need a little-endian machine');
}

function bytesOf(array: Int32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

const ZEROS = new Uint8Array(8);

function* padded(bytes: Uint8Array, offset = 0): Generator<Uint8Array> {
  yield bytes;
  const rest = (offset + bytes.length) % 8;
  if (rest !== 0) yield ZEROS.subarray(0, 8 - rest);
}

/** UTF-8 length of `text` as TextEncoder writes it (a lone surrogate becomes 3 bytes). */
function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function countOf(store: StringStore): number {
  return Array.isArray(store) ? store.length : store.count;
}

/** nodeHasUrl: 1 for a node with a url (a table of urls has these flags already). */
function hasUrl(urls: UrlStore): Uint8Array {
  if (!Array.isArray(urls)) return urls.present;
  return Uint8Array.from(urls, (url) => (url === undefined ? 0 : 1));
}

/**
 * A string table. A StringTable (read from a file, or packed by a plugin) is one already: its
 * offsets and bytes are written as they are. Otherwise each batch of strings is joined and encoded once, and a batch whose bytes are as
 * many as its UTF-16 units is ASCII, so its offsets are the string lengths.
 */
function* strings(values: (string | undefined)[] | StringTable): Generator<Uint8Array> {
  if (!Array.isArray(values)) {
    const { offsets, bytes } = values.packed();
    yield* padded(new Uint8Array(offsets.buffer, offsets.byteOffset, offsets.byteLength));
    yield* padded(bytes);
    return;
  }
  const offsets = new Uint32Array(values.length + 1);
  const encoder = new TextEncoder();
  const encoded: Uint8Array[] = [];
  let total = 0;
  for (let start = 0; start < values.length; start += BATCH) {
    const stop = Math.min(values.length, start + BATCH);
    // join makes one flat string (no chain of partial ones); it writes undefined as "".
    const text = values.slice(start, stop).join('');
    const bytes = encoder.encode(text);
    const ascii = bytes.length === text.length;
    for (let k = start; k < stop; k++) {
      const value = values[k] ?? '';
      total += ascii ? value.length : utf8Length(value);
      offsets[k + 1] = total;
    }
    if (total > 0xffffffff) throw new ConfigError('GRAPH_TOO_LARGE', 'a string table over 4 GiB');
    encoded.push(bytes);
  }
  yield* padded(new Uint8Array(offsets.buffer));
  yield* encoded;
  if (total % 8 !== 0) yield ZEROS.subarray(0, 8 - (total % 8));
}

class Reader {
  private offset = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly where: string,
  ) {}

  header(): Header {
    const { bytes, where } = this;
    if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
      throw invalid(where, 'no CREDGRPH signature');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint32(8, true);
    if (version !== GRAPH_BINARY_FORMAT.version) throw invalid(where, `version ${version}`);
    const length = view.getUint32(12, true);
    const text = this.take(16, length, 'header');
    this.offset = align(16 + length);
    let header: Header;
    try {
      header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(text)) as Header;
    } catch {
      throw invalid(where, 'unreadable header');
    }
    for (const count of [header.addresses, header.nodes, header.edges]) {
      if (!Number.isInteger(count) || count < 0) throw invalid(where, 'bad counts in the header');
    }
    return header;
  }

  int32(count: number): Int32Array {
    const bytes = this.section(count * 4, 'an int32 column');
    return new Int32Array(bytes.buffer, bytes.byteOffset, count);
  }

  float64(count: number): Float64Array {
    const bytes = this.section(count * 8, 'a float64 column');
    return new Float64Array(bytes.buffer, bytes.byteOffset, count);
  }

  uint8(count: number): Uint8Array {
    return this.section(count, 'a uint8 column');
  }

  strings(count: number): StringTable {
    const offsets = this.section((count + 1) * 4, 'string offsets');
    const ends = new Uint32Array(offsets.buffer, offsets.byteOffset, count + 1);
    return new StringTable(ends, this.section(ends[count] as number, 'strings'), this.where);
  }

  end(): void {
    if (this.offset !== this.bytes.length) throw invalid(this.where, 'trailing bytes');
  }

  private section(length: number, what: string): Uint8Array {
    const bytes = this.take(this.offset, length, what);
    this.offset = align(this.offset + length);
    return bytes;
  }

  private take(start: number, length: number, what: string): Uint8Array {
    if (start + length > this.bytes.length) throw invalid(this.where, `truncated in ${what}`);
    return this.bytes.subarray(start, start + length);
  }
}

function align(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}

/**
 * What Graph.fromColumns checks (graphColumns.ts checkColumns), without decoding an edge's
 * address unless that edge is wrong. Returns the node of each address id (-1 for none).
 */
function checkFileColumns(columns: FileGraphColumns, where: string): Int32Array {
  const { addresses, nodeAddress, nodeContainer, nodeTimestampMs, nodeWeight } = columns;
  const bad = (what: string): CredError =>
    new CredError('GRAPH_BAD_COLUMNS', `${where}: ${what}`, {
      suggestions: ['Rebuild it with "cred graph".'],
    });
  const inRange = (id: number): boolean => id >= 0 && id < addresses.count;
  const nodeOfAddress = new Int32Array(addresses.count).fill(-1);
  for (let x = 0; x < nodeAddress.length; x++) {
    const id = nodeAddress[x] as number;
    const container = nodeContainer[x] as number;
    if (!inRange(id) || !(container === -1 || inRange(container)))
      throw bad(`node ${x} refers to an address out of range`);
    if (nodeOfAddress[id] !== -1) throw bad(`two nodes have the address "${addresses.at(id)}"`);
    nodeOfAddress[id] = x;
    const time = nodeTimestampMs[x] as number;
    const weight = nodeWeight[x] as number;
    if (time === Infinity || time === -Infinity || !fineWeight(weight))
      checkNode({
        address: addresses.at(id) as NodeAddress,
        description: '',
        timestampMs: time,
        weight,
      });
  }
  const { edgeSrc, edgeDst, edgeTimestampMs, edgeWeight } = columns;
  for (let e = 0; e < edgeSrc.length; e++) {
    if (!inRange(edgeSrc[e] as number) || !inRange(edgeDst[e] as number))
      throw bad(`edge ${e} refers to an address out of range`);
    const time = edgeTimestampMs[e] as number;
    const weight = edgeWeight[e] as number;
    if (!Number.isFinite(time) || !fineWeight(weight))
      checkEdge({
        address: columns.edgeAddresses.at(e) as EdgeAddress,
        src: addresses.at(edgeSrc[e] as number) as NodeAddress,
        dst: addresses.at(edgeDst[e] as number) as NodeAddress,
        timestampMs: time,
        weight,
      });
  }
  return nodeOfAddress;
}

/** NaN (no intrinsic weight) or a finite weight >= 0. */
function fineWeight(weight: number): boolean {
  return Number.isNaN(weight) || (Number.isFinite(weight) && weight >= 0);
}

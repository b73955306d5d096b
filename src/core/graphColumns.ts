/**
 * Growable typed-array columns: how a Graph stores its nodes and edges (graph.ts) without an
 * object per node or edge. A column doubles its buffer when full; `view()` is the filled part
 * (no copy).
 */
import { CredError } from './errors.js';

type NumberArray = Int32Array | Float64Array;

/** A growable column of numbers over a typed array of kind A. */
export class NumberColumn<A extends NumberArray> {
  length = 0;

  constructor(
    private data: A,
    private readonly make: (length: number) => A,
  ) {}

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.make(Math.max(16, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index] as number;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  view(): A {
    return this.data.subarray(0, this.length) as A;
  }
}

const makeFloat64 = (length: number): Float64Array => new Float64Array(length);
const makeInt32 = (length: number): Int32Array => new Int32Array(length);

export type Float64Column = NumberColumn<Float64Array>;
export type Int32Column = NumberColumn<Int32Array>;

/** A float64 column, empty or over `values` (adopted, not copied). */
export function float64Column(values?: Float64Array): Float64Column {
  const column = new NumberColumn(values ?? makeFloat64(16), makeFloat64);
  column.length = values?.length ?? 0;
  return column;
}

/** An int32 column, empty or over `values` (adopted, not copied). */
export function int32Column(values?: Int32Array): Int32Column {
  const column = new NumberColumn(values ?? makeInt32(16), makeInt32);
  column.length = values?.length ?? 0;
  return column;
}

/**
 * Strings as the graph file stores them (graphBinary.ts): string k is the UTF-8 bytes
 * `bytes[offsets[k], offsets[k + 1])`, offsets from 0. A bulk plugin may hand a string column
 * over in this form (`StringTableBuilder`), so a million edge addresses are one buffer, not a
 * million strings; the graph keeps it as a StringTable (graphStrings.ts), decoded on first use.
 */
export interface PackedStrings {
  readonly offsets: Uint32Array;
  readonly bytes: Uint8Array;
}

export type StringList = readonly string[] | PackedStrings;

export function isPacked(
  list: StringList | readonly (string | undefined)[],
): list is PackedStrings {
  return !Array.isArray(list);
}

/** String k of a column, packed or not (for messages: a packed one decodes it alone). */
export function stringAt(list: StringList | readonly (string | undefined)[], k: number): string {
  if (!isPacked(list)) return list[k] ?? '';
  const { offsets, bytes } = list;
  return new TextDecoder().decode(bytes.subarray(offsets[k], offsets[k + 1]));
}

export function stringCount(list: StringList | readonly (string | undefined)[]): number {
  return isPacked(list) ? list.offsets.length - 1 : list.length;
}

/** Text up to this many UTF-16 units is copied by StringTableBuilder without a TextEncoder. */
const SHORT_TEXT = 64;

/**
 * Builds a packed string column: `push` any text, `pushNumbered` a prefix, a non-negative
 * integer and a suffix ("bench/authors/c" 12 "") without making a string of the number.
 */
export class StringTableBuilder {
  private bytes: Uint8Array;
  private offsets: Uint32Array;
  private count = 0;
  private length = 0;
  private readonly encoder = new TextEncoder();

  /** `strings` and `bytes`: what the column will likely hold (it grows past them if need be). */
  constructor(capacity: { strings?: number; bytes?: number } = {}) {
    this.offsets = new Uint32Array(Math.max(2, (capacity.strings ?? 63) + 1));
    this.bytes = new Uint8Array(Math.max(16, capacity.bytes ?? 1024));
  }

  push(text: string): void {
    this.write(text);
    this.end();
  }

  pushNumbered(prefix: string, value: number, suffix = ''): void {
    if (!(Number.isSafeInteger(value) && value >= 0))
      throw new CredError(
        'GRAPH_BAD_COLUMNS',
        `pushNumbered: expected an integer >= 0, got ${value}`,
      );
    this.write(prefix);
    this.reserve(16);
    this.length = writeDecimal(this.bytes, this.length, value);
    if (suffix !== '') this.write(suffix);
    this.end();
  }

  /** The column (views of the builder's buffers: push no more after this). */
  finish(): PackedStrings {
    return {
      offsets: this.offsets.subarray(0, this.count + 1),
      bytes: this.bytes.subarray(0, this.length),
    };
  }

  /**
   * Appends `text` as UTF-8. Short ASCII text is copied a unit at a time: a TextEncoder call
   * and the view it writes into cost more than the copy (most addresses, ids and urls).
   */
  private write(text: string): void {
    const units = text.length;
    this.reserve(units * 3);
    const { bytes, length } = this;
    if (units <= SHORT_TEXT) {
      let k = 0;
      for (; k < units; k++) {
        const code = text.charCodeAt(k);
        if (code >= 0x80) break;
        bytes[length + k] = code;
      }
      if (k === units) {
        this.length = length + units;
        return;
      }
    }
    this.length += this.encoder.encodeInto(text, bytes.subarray(length)).written;
  }

  private end(): void {
    if (this.count + 2 > this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[++this.count] = this.length;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

/** Writes `value` (a safe integer >= 0) in decimal at `at`; returns where it ends. */
function writeDecimal(bytes: Uint8Array, at: number, value: number): number {
  let digits = 1;
  for (let power = 10; power <= value; power *= 10) digits++;
  let rest = value;
  for (let k = at + digits - 1; k >= at; k--) {
    const next = rest < 0x80000000 ? (rest / 10) | 0 : Math.floor(rest / 10);
    bytes[k] = 48 + rest - next * 10;
    rest = next;
  }
  return at + digits;
}

/**
 * A graph as columns: what plugins may hand over in bulk (`Graph.fromColumns`), what the graph
 * file stores (graphFile.ts) and what CredRank reads (integer ids, no address strings in the
 * hot path). `addresses` is the address table: every node address, container and edge endpoint
 * once; nodes and edges refer to it by index. Absent optional values: NaN for a timeless node's
 * time and for a weight that was not given, -1 for no container, undefined for no url.
 */
export interface GraphColumns {
  readonly addresses: readonly string[];
  readonly nodeAddress: Int32Array;
  readonly nodeDescription: readonly string[];
  readonly nodeTimestampMs: Float64Array;
  readonly nodeUrl: readonly (string | undefined)[];
  readonly nodeWeight: Float64Array;
  readonly nodeContainer: Int32Array;
  readonly edgeAddress: readonly string[];
  readonly edgeSrc: Int32Array;
  readonly edgeDst: Int32Array;
  readonly edgeTimestampMs: Float64Array;
  readonly edgeWeight: Float64Array;
}

/**
 * Columns as a bulk plugin may hand them over: GraphColumns where any string column may be
 * packed. In a packed nodeUrl, "" is a node without a url.
 */
export interface BulkGraphColumns extends Omit<
  GraphColumns,
  'addresses' | 'nodeDescription' | 'nodeUrl' | 'edgeAddress'
> {
  readonly addresses: StringList;
  readonly nodeDescription: StringList;
  readonly nodeUrl: readonly (string | undefined)[] | PackedStrings;
  readonly edgeAddress: StringList;
}

/** Checks columns as addNode/addEdge would; returns each address's node index (-1: none). */
export function checkColumns(columns: BulkGraphColumns, where: string): Int32Array {
  const addressCount = stringCount(columns.addresses);
  const nodeCount = columns.nodeAddress.length;
  const edgeCount = stringCount(columns.edgeAddress);
  const bad = (what: string): CredError =>
    new CredError('GRAPH_BAD_COLUMNS', `${where}: ${what}`, {
      suggestions: ['Build the columns with one entry per node and edge, indexes into addresses.'],
    });
  const packedOk = [
    columns.addresses,
    columns.nodeDescription,
    columns.nodeUrl,
    columns.edgeAddress,
  ]
    .filter(isPacked)
    .every(({ offsets, bytes }) => offsets[0] === 0 && offsets.at(-1) === bytes.length);
  if (!packedOk) throw bad('a packed string column whose offsets do not span its bytes');
  const nodeLengths = [
    stringCount(columns.nodeDescription),
    columns.nodeTimestampMs.length,
    stringCount(columns.nodeUrl),
    columns.nodeWeight.length,
    columns.nodeContainer.length,
  ];
  const edgeLengths = [
    columns.edgeSrc.length,
    columns.edgeDst.length,
    columns.edgeTimestampMs.length,
    columns.edgeWeight.length,
  ];
  if (nodeLengths.some((n) => n !== nodeCount) || edgeLengths.some((n) => n !== edgeCount))
    throw bad('node or edge columns differ in length');
  const inRange = (id: number): boolean => id >= 0 && id < addressCount;
  const nodeOfAddress = new Int32Array(addressCount).fill(-1);
  for (let x = 0; x < nodeCount; x++) {
    const id = columns.nodeAddress[x] as number;
    const container = columns.nodeContainer[x] as number;
    if (!inRange(id) || !(container === -1 || inRange(container)))
      throw bad(`node ${x} refers to an address out of range`);
    const address = (): string => stringAt(columns.addresses, id);
    if (nodeOfAddress[id] !== -1) throw bad(`two nodes have the address "${address()}"`);
    nodeOfAddress[id] = x;
    const time = columns.nodeTimestampMs[x] as number;
    if (time === Infinity || time === -Infinity)
      throw new CredError('GRAPH_BAD_TIMESTAMP', `node "${address()}" has a non-finite time`);
    const weight = columns.nodeWeight[x] as number;
    if (isBadWeight(weight)) checkWeight(weight, `node "${address()}"`);
  }
  for (let e = 0; e < edgeCount; e++) {
    if (!inRange(columns.edgeSrc[e] as number) || !inRange(columns.edgeDst[e] as number))
      throw bad(`edge ${e} refers to an address out of range`);
    const where = (): string => `edge "${stringAt(columns.edgeAddress, e)}"`;
    if (!Number.isFinite(columns.edgeTimestampMs[e]))
      throw new CredError('GRAPH_BAD_TIMESTAMP', `${where()} needs a finite time`);
    const weight = columns.edgeWeight[e] as number;
    if (isBadWeight(weight)) checkWeight(weight, where());
  }
  return nodeOfAddress;
}

/** A weight column's value that is neither absent (NaN) nor finite and >= 0. */
function isBadWeight(weight: number): boolean {
  return !Number.isNaN(weight) && !(weight >= 0 && weight < Infinity);
}

export function checkWeight(weight: number | undefined, where: string): void {
  if (weight !== undefined && !(Number.isFinite(weight) && weight >= 0)) {
    throw new CredError('GRAPH_BAD_WEIGHT', `${where}: expected weight >= 0, got ${weight}`);
  }
}

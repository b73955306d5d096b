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

/** Checks columns as addNode/addEdge would; returns each address's node index (-1: none). */
export function checkColumns(columns: GraphColumns, where: string): Int32Array {
  const addressCount = columns.addresses.length;
  const nodeCount = columns.nodeAddress.length;
  const edgeCount = columns.edgeAddress.length;
  const bad = (what: string): CredError =>
    new CredError('GRAPH_BAD_COLUMNS', `${where}: ${what}`, {
      suggestions: ['Build the columns with one entry per node and edge, indexes into addresses.'],
    });
  const nodeLengths = [
    columns.nodeDescription.length,
    columns.nodeTimestampMs.length,
    columns.nodeUrl.length,
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
    const address = columns.addresses[id] as string;
    if (nodeOfAddress[id] !== -1) throw bad(`two nodes have the address "${address}"`);
    nodeOfAddress[id] = x;
    const time = columns.nodeTimestampMs[x] as number;
    if (time === Infinity || time === -Infinity)
      throw new CredError('GRAPH_BAD_TIMESTAMP', `node "${address}" has a non-finite time`);
    checkWeight(nanToUndefined(columns.nodeWeight[x] as number), `node "${address}"`);
  }
  for (let e = 0; e < edgeCount; e++) {
    if (!inRange(columns.edgeSrc[e] as number) || !inRange(columns.edgeDst[e] as number))
      throw bad(`edge ${e} refers to an address out of range`);
    const where = `edge "${columns.edgeAddress[e]}"`;
    if (!Number.isFinite(columns.edgeTimestampMs[e]))
      throw new CredError('GRAPH_BAD_TIMESTAMP', `${where} needs a finite time`);
    checkWeight(nanToUndefined(columns.edgeWeight[e] as number), where);
  }
  return nodeOfAddress;
}

function nanToUndefined(value: number): number | undefined {
  return Number.isNaN(value) ? undefined : value;
}

export function checkWeight(weight: number | undefined, where: string): void {
  if (weight !== undefined && !(Number.isFinite(weight) && weight >= 0)) {
    throw new CredError('GRAPH_BAD_WEIGHT', `${where}: expected weight >= 0, got ${weight}`);
  }
}

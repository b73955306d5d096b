/**
 * Growable typed-array columns: how a Graph stores its nodes and edges (graph.ts) without an
 * object per node or edge. A column doubles its buffer when full; `view()` is the filled part
 * (no copy).
 */

export class Float64Column {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 16) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  /** A column over `values` (adopted, not copied). */
  static of(values: Float64Array): Float64Column {
    const column = new Float64Column(0);
    column.data = values;
    column.length = values.length;
    return column;
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(Math.max(16, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index] as number;
  }

  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export class Int32Column {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 16) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  /** A column over `values` (adopted, not copied). */
  static of(values: Int32Array): Int32Column {
    const column = new Int32Column(0);
    column.data = values;
    column.length = values.length;
    return column;
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(Math.max(16, this.data.length * 2));
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

  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
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

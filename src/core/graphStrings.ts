/**
 * A graph file's string column, decoded only when asked (graphBinary.ts). `cred score` needs
 * neither node descriptions nor urls, and needs edge addresses only for their type (the address
 * up to its last "/", which is what a weight file keys), so it never builds a string per node or
 * edge: `parents()` groups edges by the bytes of their parent address and decodes each distinct
 * parent once. Explain, the explorer and tests get the strings through `all()` as before.
 */
import { ConfigError, CredError } from './errors.js';
import {
  isPacked,
  type GraphColumns,
  type PackedStrings,
  type StringList,
} from './graphColumns.js';

const BATCH = 16_384;
const SLASH = 0x2f;

/** Edges grouped by parent address: parentOf[e] indexes parents, -1 when there is none. */
export interface EdgeParents {
  readonly parents: readonly string[];
  readonly parentOf: Int32Array;
}

/** Node urls: the strings, and 0 where a node has none (its string is then ""). */
export interface UrlTable {
  readonly present: Uint8Array;
  readonly urls: StringTable;
}

export type NumericGraphColumns = Omit<GraphColumns, 'nodeDescription' | 'nodeUrl' | 'edgeAddress'>;

/** A graph file's columns: numbers as views of the file, strings not yet decoded. */
export interface FileGraphColumns extends NumericGraphColumns {
  /** Decoded for this graph alone: the graph adopts it. */
  readonly addresses: string[];
  readonly descriptions: StringTable;
  readonly urls: UrlTable;
  readonly edgeAddresses: StringTable;
}

/**
 * A graph's string column as it stores it: strings, or a table not yet decoded (a graph file's,
 * or a bulk plugin's packed column). encodeGraph writes a table's bytes as they are. Tell them
 * apart with Array.isArray, never instanceof: a plugin's graph comes from its own copy of
 * cred's modules, not the CLI bundle's (graph.ts GRAPH).
 */
export type StringStore = string[] | StringTable;
export type UrlStore = (string | undefined)[] | UrlTable;

/** The columns as a graph stores them (what encodeGraph writes). Read them only. */
export interface StoredGraphColumns extends Omit<NumericGraphColumns, 'addresses'> {
  readonly addresses: StringStore;
  readonly nodeDescription: StringStore;
  readonly nodeUrl: UrlStore;
  readonly edgeAddress: StringStore;
}

export class StringTable {
  private decoded: string[] | null = null;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  /**
   * `ends` holds count + 1 offsets into `data`, checked in order by the constructor; `invalid`
   * makes the error for a table that is wrong (by default: a graph file that is not one).
   */
  constructor(
    private readonly ends: Uint32Array,
    private readonly data: Uint8Array,
    where: string,
    private readonly invalid = (what: string): Error => invalidTable(where, what),
  ) {
    for (let k = 0; k + 1 < ends.length; k++) {
      if ((ends[k] as number) > (ends[k + 1] as number))
        throw invalid('string offsets out of order');
    }
    if (ends[0] !== 0 || ends.at(-1) !== data.length) throw invalid('string offsets out of order');
  }

  get count(): number {
    return this.ends.length - 1;
  }

  /** The table's offsets and bytes, as they are (views: read them only). */
  packed(): PackedStrings {
    return { offsets: this.ends, bytes: this.data };
  }

  /** Every string, decoded in batches (each batch is one decode when it is ASCII). */
  all(): string[] {
    if (this.decoded !== null) return this.decoded;
    const { ends, data, count } = this;
    const result = new Array<string>(count);
    for (let start = 0; start < count; start += BATCH) {
      const stop = Math.min(count, start + BATCH);
      const from = ends[start] as number;
      const text = this.decode(data.subarray(from, ends[stop] as number));
      const ascii = text.length === (ends[stop] as number) - from;
      for (let k = start; k < stop; k++) {
        const a = ends[k] as number;
        const b = ends[k + 1] as number;
        result[k] = ascii ? text.slice(a - from, b - from) : this.decode(data.subarray(a, b));
      }
    }
    this.decoded = result;
    return result;
  }

  at(k: number): string {
    if (this.decoded !== null) return this.decoded[k] as string;
    return this.decode(this.data.subarray(this.ends[k] as number, this.ends[k + 1] as number));
  }

  /** Strings grouped by the bytes before their last "/" (none when it is at 0 or absent). */
  parents(): EdgeParents {
    if (this.decoded !== null) return parentsOf(this.decoded);
    const { ends, data, count } = this;
    const parentOf = new Int32Array(count);
    const parents: string[] = [];
    const starts: number[] = [];
    const lengths: number[] = [];
    const byHash = new Map<number, number[]>();
    let last = -1;
    for (let k = 0; k < count; k++) {
      if (last !== -1) {
        k = markRun(ends, data, k, starts[last] as number, lengths[last] as number, last, parentOf);
        if (k === count) break;
      }
      const start = ends[k] as number;
      const slash = lastSlash(data, start, (ends[k + 1] as number) - 1);
      const length = slash - start;
      if (length <= 0) {
        parentOf[k] = -1;
        continue;
      }
      const hash = hashBytes(data, start, length);
      const candidates = byHash.get(hash) ?? [];
      let found = candidates.find((g) =>
        sameBytes(data, starts[g] as number, start, length, lengths[g]),
      );
      if (found === undefined) {
        found = parents.length;
        parents.push(this.decode(data.subarray(start, slash)));
        starts.push(start);
        lengths.push(length);
        candidates.push(found);
        byHash.set(hash, candidates);
      }
      parentOf[k] = last = found;
    }
    return { parents, parentOf };
  }

  private decode(bytes: Uint8Array): string {
    try {
      return this.decoder.decode(bytes);
    } catch {
      throw this.invalid('a string that is not UTF-8');
    }
  }
}

/** A string column handed to Graph.fromColumns, for the graph to keep (a packed one as is). */
export function storeOf(list: StringList, where: string): StringStore {
  return isPacked(list) ? packedTable(list, where) : list.slice();
}

/** A url column handed to Graph.fromColumns: in a packed one, "" is a node without a url. */
export function urlStoreOf(
  list: readonly (string | undefined)[] | PackedStrings,
  where: string,
): UrlStore {
  if (!isPacked(list)) return list.slice();
  const { offsets } = list;
  const present = new Uint8Array(offsets.length - 1);
  for (let x = 0; x < present.length; x++)
    present[x] = (offsets[x + 1] as number) > (offsets[x] as number) ? 1 : 0;
  return { present, urls: packedTable(list, where) };
}

function packedTable({ offsets, bytes }: PackedStrings, where: string): StringTable {
  return new StringTable(offsets, bytes, where, (what) => {
    return new CredError('GRAPH_BAD_COLUMNS', `${where}: a packed string column with ${what}`, {
      suggestions: ['Build packed columns with StringTableBuilder.'],
    });
  });
}

/** A stored string column as strings (a table decoded, once). */
export function decodedStrings(store: StringStore): string[] {
  return Array.isArray(store) ? store : store.all();
}

/** String k of a stored column, without decoding the others. */
export function storedStringAt(store: StringStore, k: number): string {
  return (Array.isArray(store) ? store[k] : store.at(k)) as string;
}

/** A stored column's strings grouped by their parent address. */
export function storedParents(store: StringStore): EdgeParents {
  return Array.isArray(store) ? parentsOf(store) : store.parents();
}

/** A stored url column as urls (undefined where a node has none). */
export function decodedUrls(store: UrlStore): (string | undefined)[] {
  if (Array.isArray(store)) return store;
  const { present, urls } = store;
  return urls.all().map((url, x) => (present[x] === 0 ? undefined : url));
}

/** EdgeParents of strings already decoded (an address under the previous parent is not cut). */
export function parentsOf(addresses: readonly string[]): EdgeParents {
  const parentOf = new Int32Array(addresses.length);
  const parents: string[] = [];
  const ids = new Map<string, number>();
  let last = -1;
  let lastParent = '';
  addresses.forEach((address, k) => {
    const length = lastParent.length;
    if (
      last !== -1 &&
      address.startsWith(lastParent) &&
      address.charCodeAt(length) === SLASH &&
      address.indexOf('/', length + 1) === -1
    ) {
      parentOf[k] = last;
      return;
    }
    const slash = address.lastIndexOf('/');
    if (slash <= 0) {
      parentOf[k] = -1;
      return;
    }
    const parent = address.slice(0, slash);
    let id = ids.get(parent);
    if (id === undefined) {
      id = parents.length;
      ids.set(parent, id);
      parents.push(parent);
    }
    parentOf[k] = last = id;
    lastParent = parent;
  });
  return { parents, parentOf };
}

/** Index of the last "/" in data[start..end], or `start` when there is none after it. */
function lastSlash(data: Uint8Array, start: number, end: number): number {
  let slash = end;
  while (slash > start && data[slash] !== SLASH) slash--;
  return slash;
}

/**
 * Gives `group` to the strings from `from` on whose parent is the `length` bytes at
 * `groupStart`, and returns the first one whose parent is not (or the count). Consecutive
 * strings mostly share a parent, and this loop runs once over a million edge addresses: kept
 * apart from the rare new parent (hashing, decoding), its optimized code never meets a path it
 * has not seen and is never thrown away.
 */
function markRun(
  ends: Uint32Array,
  data: Uint8Array,
  from: number,
  groupStart: number,
  length: number,
  group: number,
  parentOf: Int32Array,
): number {
  const count = ends.length - 1;
  for (let k = from; k < count; k++) {
    const start = ends[k] as number;
    if (lastSlash(data, start, (ends[k + 1] as number) - 1) - start !== length) return k;
    let i = length - 1;
    while (i >= 0 && data[groupStart + i] === data[start + i]) i--;
    if (i >= 0) return k;
    parentOf[k] = group;
  }
  return count;
}

function sameBytes(
  data: Uint8Array,
  a: number,
  b: number,
  length: number,
  otherLength: number | undefined,
): boolean {
  if (length !== otherLength) return false;
  for (let i = length - 1; i >= 0; i--) if (data[a + i] !== data[b + i]) return false;
  return true;
}

/** FNV-1a over the bytes. */
function hashBytes(data: Uint8Array, start: number, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < start + length; i++)
    hash = Math.imul(hash ^ (data[i] as number), 0x01000193);
  return hash;
}

export function invalidTable(where: string, what: string): ConfigError {
  return new ConfigError(
    'GRAPH_FILE_INVALID',
    `${where}: not a cred/graph-columns file (${what})`,
    {
      ref: where,
      suggestions: ['Rebuild it with "cred graph".'],
    },
  );
}

/**
 * A graph file's string column, decoded only when asked (graphBinary.ts). `cred score` needs
 * neither node descriptions nor urls, and needs edge addresses only for their weight key, which
 * it finds in the bytes (credrank/keyTrie.ts), so it never builds a string per edge. Node
 * addresses it groups by parent in the bytes (`parentsOf`) and reads one by one only where a
 * weight key or an alias lies under the parent, so it builds no string per node either: at
 * 10M edges, 3.35 million strings the garbage collector would otherwise copy. Explain, the
 * explorer and tests get the strings through `all()` and `at()`.
 */
import { ConfigError, CredError } from './errors.js';
import { FirstUseNumbering } from './firstUseNumbering.js';
import {
  isPacked,
  type GraphColumns,
  type PackedStrings,
  type StringList,
} from './graphColumns.js';

const BATCH = 16_384;
const SLASH = 0x2f;

/** Strings grouped by parent address: parentOf[k] indexes parents, -1 when there is none. */
export interface ParentGroups {
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
export interface FileGraphColumns extends Omit<NumericGraphColumns, 'addresses'> {
  readonly addresses: StringTable;
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

/** Single reads of a table that never turn into decoding all of it, however small it is. */
const SINGLE_READS_BEFORE_ALL = 64;

export class StringTable {
  private decoded: string[] | null = null;
  private singleReads = 0;
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

  /**
   * String k. One at a time while few are read; once an eighth of the table has been read one
   * by one (the site reads every edge's address), the whole table is decoded in batches, which
   * costs less than the single reads still to come.
   */
  at(k: number): string {
    if (this.decoded !== null) return this.decoded[k] as string;
    this.singleReads++;
    if (this.singleReads > SINGLE_READS_BEFORE_ALL + this.count / 8) return this.all()[k] as string;
    return this.decode(this.data.subarray(this.ends[k] as number, this.ends[k + 1] as number));
  }

  /** The first `bytes` bytes of string k, decoded (they must end between characters). */
  prefix(k: number, bytes: number): string {
    const start = this.ends[k] as number;
    return this.decode(this.data.subarray(start, start + bytes));
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
export function storedStringAt(store: readonly string[] | StringTable, k: number): string {
  return (Array.isArray(store) ? store[k] : store.at(k)) as string;
}

/** Node x's url in a stored url column (undefined for none), without decoding the others. */
export function storedUrlAt(store: UrlStore, x: number): string | undefined {
  if (Array.isArray(store)) return store[x];
  return store.present[x] === 0 ? undefined : store.urls.at(x);
}

/** A stored url column as urls (undefined where a node has none). */
export function decodedUrls(store: UrlStore): (string | undefined)[] {
  if (Array.isArray(store)) return store;
  const { present, urls } = store;
  return urls.all().map((url, x) => (present[x] === 0 ? undefined : url));
}

/** ParentGroups of strings or of a table's strings (decoding only the parents). */
export function parentsOf(addresses: readonly string[] | StringTable): ParentGroups {
  // Array.isArray, not instanceof (StringStore): a plugin's table comes from its own modules.
  return Array.isArray(addresses)
    ? stringParents(addresses as readonly string[])
    : tableParents(addresses as StringTable);
}

/** True when some string of `store` starts with the ASCII `prefix`. */
export function someStartsWith(store: StringStore, prefix: string): boolean {
  if (Array.isArray(store)) return store.some((value) => value.startsWith(prefix));
  const { offsets, bytes } = store.packed();
  const wanted = new TextEncoder().encode(prefix);
  for (let k = 0; k + 1 < offsets.length; k++) {
    const start = offsets[k] as number;
    const fits = (offsets[k + 1] as number) - start >= wanted.length;
    if (fits && sameBytes(bytes, start, wanted, 0, wanted.length)) return true;
  }
  return false;
}

/** ParentGroups of strings (an address under the previous parent is not cut). */
function stringParents(addresses: readonly string[]): ParentGroups {
  const parentOf = new Int32Array(addresses.length);
  const numbering = new FirstUseNumbering();
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
    parentOf[k] = last = numbering.of(parent);
    lastParent = parent;
  });
  return { parents: numbering.values, parentOf };
}

/**
 * ParentGroups of a table's strings, from the bytes: "/" is one byte in UTF-8 and never part of
 * another character, so the last "/" byte is the last "/". A string whose parent bytes are the
 * previous parent's joins it; the rest of each string (after its last "/") is checked for
 * non-ASCII bytes, and such a string is decoded whole, so a table read this way is checked as
 * UTF-8 as much as one decoded with `all()`.
 */
function tableParents(table: StringTable): ParentGroups {
  const { offsets, bytes } = table.packed();
  const parentOf = new Int32Array(table.count);
  const numbering = new FirstUseNumbering();
  let last = -1;
  let lastStart = 0;
  let lastLength = -1;
  for (let k = 0; k < parentOf.length; k++) {
    const start = offsets[k] as number;
    const end = offsets[k + 1] as number;
    let slash = end - 1;
    let high = 0;
    while (slash >= start && bytes[slash] !== SLASH) high |= bytes[slash--] as number;
    if (high >= 0x80) table.at(k); // throws unless UTF-8
    const length = slash - start;
    if (length <= 0) {
      parentOf[k] = -1;
      continue;
    }
    if (length === lastLength && sameBytes(bytes, start, bytes, lastStart, length)) {
      parentOf[k] = last;
      continue;
    }
    parentOf[k] = last = numbering.of(table.prefix(k, length));
    lastStart = start;
    lastLength = length;
  }
  return { parents: numbering.values, parentOf };
}

/** Whether `length` bytes of `a` from `aStart` equal those of `b` from `bStart`. */
function sameBytes(
  a: Uint8Array,
  aStart: number,
  b: Uint8Array,
  bStart: number,
  length: number,
): boolean {
  for (let i = 0; i < length; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
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

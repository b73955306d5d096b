/**
 * The most specific weight key (weights.ts mostSpecific) of every address of a column, found by
 * walking a trie of the keys along the address's UTF-8 bytes (a packed column, with no string
 * made per address) or its UTF-16 code units (strings).
 * Grouping edges by parent address, as typeWeights.ts once did, gained nothing on real
 * plugins' graphs: a GitHub or Discourse edge address holds both endpoints
 * ("github/authors/user/3/github/user/1000101/5/github/issue/…/12"), so nearly every edge had a
 * parent of its own, each costing a decode, a hash and a lookup per "/" (1.7-2.9 µs an edge on
 * the demo graphs). The trie walks at most the longest key's units of each address.
 *
 * A key matches where mostSpecific would try it: the whole address, or a prefix followed by
 * "/". Both encodings keep every "/" a unit of its own and map equal strings to equal units, so
 * matching units matches the strings.
 */
import type { PackedStrings } from '../graphColumns.js';

const SLASH = 0x2f;
const NONE = -1;

export interface KeyTrie {
  /** Each unit's column in `next`: 0 for a unit no key holds (no child anywhere). */
  readonly column: Uint16Array;
  readonly width: number;
  /** next[node * width + column]: the child node, NONE for none. Node 0 is the root. */
  readonly next: Int32Array;
  /** The key a node ends, NONE for none. */
  readonly keyAt: Int32Array;
}

/**
 * The trie of `keys`, over their UTF-8 bytes (for packed columns) or UTF-16 code units (for
 * strings). An empty key matches nothing (mostSpecific only matches it to "").
 */
export function keyTrie(keys: readonly string[], units: 'utf8' | 'utf16'): KeyTrie {
  const encoder = new TextEncoder();
  const encoded = keys.map((key) => (units === 'utf8' ? encoder.encode(key) : codeUnits(key)));
  const column = new Uint16Array(units === 'utf8' ? 0x100 : 0x10000);
  let width = 1;
  for (const key of encoded) for (const unit of key) if (column[unit] === 0) column[unit] = width++;
  const capacity = 1 + encoded.reduce((sum, key) => sum + key.length, 0);
  const next = new Int32Array(capacity * width).fill(NONE);
  const keyAt = new Int32Array(capacity).fill(NONE);
  let nodes = 1;
  encoded.forEach((key, index) => {
    if (key.length === 0) return;
    let node = 0;
    for (const unit of key) {
      const slot = node * width + (column[unit] as number);
      if (next[slot] === NONE) next[slot] = nodes++;
      node = next[slot] as number;
    }
    keyAt[node] = index;
  });
  return { column, width, next, keyAt };
}

/** A string's UTF-16 code units (iterating a string would give code points). */
function codeUnits(text: string): Uint16Array {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

/** The index of each packed string's most specific key (a 'utf8' trie's), NONE for none. */
export function mostSpecificKeys({ offsets, bytes }: PackedStrings, trie: KeyTrie): Int32Array {
  const { column, width, next, keyAt } = trie;
  const count = offsets.length - 1;
  const keyOf = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const end = offsets[k + 1] as number;
    let node = 0;
    let found = NONE;
    for (let i = offsets[k] as number; i < end; i++) {
      node = next[node * width + (column[bytes[i] as number] as number)] as number;
      if (node === NONE) break;
      const key = keyAt[node] as number;
      if (key !== NONE && (i + 1 === end || bytes[i + 1] === SLASH)) found = key;
    }
    keyOf[k] = found;
  }
  return keyOf;
}

/** The index of each string's most specific key (a 'utf16' trie's), NONE for none. */
export function mostSpecificKeysOf(strings: readonly string[], trie: KeyTrie): Int32Array {
  const { column, width, next, keyAt } = trie;
  const keyOf = new Int32Array(strings.length);
  for (let k = 0; k < strings.length; k++) {
    const text = strings[k] as string;
    const end = text.length;
    let node = 0;
    let found = NONE;
    for (let i = 0; i < end; i++) {
      node = next[node * width + (column[text.charCodeAt(i)] as number)] as number;
      if (node === NONE) break;
      const key = keyAt[node] as number;
      if (key !== NONE && (i + 1 === end || text.charCodeAt(i + 1) === SLASH)) found = key;
    }
    keyOf[k] = found;
  }
  return keyOf;
}

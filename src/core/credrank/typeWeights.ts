/**
 * Type weights (weight files' most specific key: weights.ts mostSpecific) of many addresses.
 * Node addresses are looked up once per parent address (the part before the last "/"): an
 * address's weight is its parent's unless some key lies under the parent (then, and only then,
 * the address itself is read and looked up), and a million contributions share a few parents.
 * Edge addresses hold both endpoints, so nearly every edge has a parent of its own: their key
 * is found by walking a trie of the keys along each address instead (keyTrie.ts).
 */
import type { NodeAddress } from '../address.js';
import type { Graph } from '../graph.js';
import {
  parentsOf,
  storedStringAt,
  type ParentGroups,
  type StringStore,
  type StringTable,
} from '../graphStrings.js';
import { nodeTypeWeight, UNIT_EDGE, type Weights } from '../weights.js';
import { keyTrie, mostSpecificKeys, mostSpecificKeysOf } from './keyTrie.js';

/**
 * Edge type weights as numbers a loop over a million edges reads without a call or an object
 * per edge: each edge's group (the weight key that decides it, or the last group, for none)
 * and each group's weights. Typed arrays also keep every weight a double: a weight object
 * holding 1 for the first edge type and 0.5 for a later one made V8 drop its optimized loop
 * half-way (decision 0812).
 */
export interface EdgeTypeColumns {
  readonly groupOf: Int32Array;
  readonly forwards: Float64Array;
  readonly backwards: Float64Array;
}

/**
 * The index in `keys` of each graph edge's most specific key (as `mostSpecific` picks it), -1
 * for none: a trie walk of each address (keyTrie.ts), no string made.
 */
export function edgeKeysOf(graph: Graph, keys: readonly string[]): Int32Array {
  return storedKeysOf(graph.storedColumns().edgeAddress, keys);
}

/** The same for every address id of the graph's address table (nodes and edge endpoints). */
export function addressKeysOf(graph: Graph, keys: readonly string[]): Int32Array {
  return storedKeysOf(graph.storedColumns().addresses, keys);
}

function storedKeysOf(stored: StringStore, keys: readonly string[]): Int32Array {
  return Array.isArray(stored)
    ? mostSpecificKeysOf(stored, keyTrie(keys, 'utf16'))
    : mostSpecificKeys(stored.packed(), keyTrie(keys, 'utf8'));
}

/** Each edge's weight key and the weights of every key (the last: no key's UNIT_EDGE). */
export function edgeTypeColumns(graph: Graph, weights: Weights): EdgeTypeColumns {
  const keys = [...weights.edges.keys()];
  const keyOf = edgeKeysOf(graph, keys);
  const values = [...weights.edges.values(), UNIT_EDGE];
  return {
    groupOf: keyOf.map((key) => (key === -1 ? keys.length : key)),
    forwards: Float64Array.from(values, (weight) => weight.forwards),
    backwards: Float64Array.from(values, (weight) => weight.backwards),
  };
}

/**
 * The node type weight of each address by index (nodeTypeWeight); `parents` of `addresses`.
 * A parent's weight serves all its addresses unless some key lies under it.
 */
export function nodeTypeWeights(
  addresses: readonly string[] | StringTable,
  weights: Weights,
  { parents, parentOf }: ParentGroups = parentsOf(addresses),
): (id: number) => number {
  const lookup = (address: string) => nodeTypeWeight(weights, address as NodeAddress);
  const keys = [...weights.nodes.keys()];
  const weightOf = parents.map((parent) =>
    keys.some((key) => key.startsWith(`${parent}/`)) ? undefined : lookup(parent),
  );
  return (id) => {
    const parent = parentOf[id] as number;
    const known = parent === -1 ? undefined : weightOf[parent];
    return known ?? lookup(storedStringAt(addresses, id));
  };
}

/**
 * Type weights (weight files' most specific key: weights.ts mostSpecific) of many addresses,
 * looked up once per parent address (the part before the last "/"). An address's weight is its
 * parent's unless some key lies under the parent (then, and only then, the address itself is
 * read and looked up), so a million edges of a few types cost a few lookups, not a string each.
 */
import type { NodeAddress } from '../address.js';
import type { Graph } from '../graph.js';
import { parentsOf, type EdgeParents } from '../graphStrings.js';
import { edgeTypeWeight, nodeTypeWeight, type EdgeWeight, type Weights } from '../weights.js';

function byParent<V>(
  keys: Iterable<string>,
  { parents, parentOf }: EdgeParents,
  lookup: (address: string) => V,
  addressAt: (k: number) => string,
): (k: number) => V {
  const keyList = [...keys];
  const weightOf = parents.map((parent) =>
    keyList.some((key) => key.startsWith(`${parent}/`)) ? undefined : { weight: lookup(parent) },
  );
  return (k) => {
    const parent = parentOf[k] as number;
    const known = parent === -1 ? undefined : weightOf[parent];
    return known === undefined ? lookup(addressAt(k)) : known.weight;
  };
}

/** The type weight of each edge of `graph` by index (edgeTypeWeight of its address). */
export function edgeTypeWeights(graph: Graph, weights: Weights): (edge: number) => EdgeWeight {
  return byParent(
    weights.edges.keys(),
    graph.edgeParents(),
    (address) => edgeTypeWeight(weights, address),
    (e) => graph.edgeAddressAt(e),
  );
}

/** The node type weight of each address by index (nodeTypeWeight); `parents` of `addresses`. */
export function nodeTypeWeights(
  addresses: readonly string[],
  weights: Weights,
  parents: EdgeParents = parentsOf(addresses),
): (id: number) => number {
  return byParent(
    weights.nodes.keys(),
    parents,
    (address) => nodeTypeWeight(weights, address as NodeAddress),
    (id) => addresses[id] as string,
  );
}

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

/**
 * Edge type weights as numbers a loop over a million edges reads without a call or an object
 * per edge: the parent group of each edge (-1 for none), and per group its weights, where
 * `decided` is 1; where it is 0 (some key lies under the group) `ofEdge` looks the edge's own
 * address up. Typed arrays also keep every weight a double: a weight object holding 1 for the
 * first edge type and 0.5 for a later one made V8 drop its optimized loop half-way.
 */
export interface EdgeTypeColumns {
  readonly groupOf: Int32Array;
  readonly decided: Uint8Array;
  readonly forwards: Float64Array;
  readonly backwards: Float64Array;
  readonly ofEdge: (edge: number) => EdgeWeight;
}

export function edgeTypeColumns(graph: Graph, weights: Weights): EdgeTypeColumns {
  const { parents, parentOf } = graph.edgeParents();
  const keys = [...weights.edges.keys()];
  const decided = new Uint8Array(parents.length);
  const forwards = new Float64Array(parents.length);
  const backwards = new Float64Array(parents.length);
  parents.forEach((parent, group) => {
    if (keys.some((key) => key.startsWith(`${parent}/`))) return;
    const weight = edgeTypeWeight(weights, parent);
    decided[group] = 1;
    forwards[group] = weight.forwards;
    backwards[group] = weight.backwards;
  });
  const ofEdge = (edge: number) => edgeTypeWeight(weights, graph.edgeAddressAt(edge));
  return { groupOf: parentOf, decided, forwards, backwards, ofEdge };
}

/** The type weight of each edge of `graph` by index (edgeTypeWeight of its address). */
export function edgeTypeWeights(graph: Graph, weights: Weights): (edge: number) => EdgeWeight {
  const { groupOf, decided, forwards, backwards, ofEdge } = edgeTypeColumns(graph, weights);
  const byGroup = Array.from(forwards, (weight, group) => ({
    forwards: weight,
    backwards: backwards[group] as number,
  }));
  return (edge) => {
    const group = groupOf[edge] as number;
    return group !== -1 && decided[group] === 1 ? (byGroup[group] as EdgeWeight) : ofEdge(edge);
  };
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

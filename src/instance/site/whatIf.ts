/**
 * data/whatif.json: the contribution graph reduced to what weights act on, so the explorer can
 * rerun the real CredRank (src/core, bundled for the browser) with edited weights. A node keeps
 * the most specific key that matches it (of the weights, budgets and reaction prefixes: every
 * table a weight file can match an address with) and its intrinsic weight; an edge keeps its
 * key, endpoints, week and intrinsic weight. Descriptions, URLs and addresses are dropped, which
 * is what makes it small. Edits change the values of existing keys, so the keys in force stay.
 * Dangling edges are dropped (CredRank ignores them); identities become endpoints directly.
 *
 * When a weight file sets anti-gaming knobs (src/core/credrank/mintShaping.ts), the file also
 * carries the knobs and what they read of a node: the container key it falls under (container
 * multipliers) and the week it was created in (budgets and the reaction cap, for the nodes they
 * can touch). Without knobs these are absent and the file is as small as before.
 */
import { endpointCodesOf, NO_ENDPOINT } from '../../core/credrank/markovProcess.js';
import { matchingKey } from '../../core/credrank/mintShaping.js';
import { addressKeysOf, edgeKeysOf } from '../../core/credrank/typeWeights.js';
import { toWeightsJson, type Weights } from '../../core/weights.js';
import { weekStartMs, WEEK_MS } from '../../core/weeks.js';
import type { ScoredInstance } from '../explain/scores.js';
import { SITE_FORMATS, type SiteWhatIf } from './format.js';

export interface WhatIfData {
  readonly whatif: SiteWhatIf;
  /** The weight keys of nodes and edges, sorted (what data/weights.json lists). */
  readonly nodeWeightKeys: readonly string[];
  readonly edgeWeightKeys: readonly string[];
  /** Base nodes and resolved edges per weight key (the last entry counts unmatched ones). */
  readonly nodeCount: readonly number[];
  readonly nodeMint: readonly number[];
  readonly edgeCount: readonly number[];
}

const sortedKeys = (...tables: Iterable<string>[]): string[] =>
  [...new Set(tables.flatMap((table) => [...table]))].sort();

/** `identityOrder`: identity ids in the order the leaderboard lists them. */
export function buildWhatIf(scored: ScoredInstance, identityOrder: readonly string[]): WhatIfData {
  const { weights, result } = scored;
  const process = result.process;
  const nodeWeightKeys = sortedKeys(weights.nodes.keys());
  const edgeWeightKeys = sortedKeys(weights.edges.keys());
  const nodeKeys = sortedKeys(
    nodeWeightKeys,
    weights.budgets?.keys() ?? [],
    weights.reactions?.nodes ?? [],
  );
  const edgeKeys = sortedKeys(edgeWeightKeys, weights.reactions?.edges ?? []);
  const nodes = whatIfNodes(scored, nodeKeys, nodeWeightKeys);
  const edges = whatIfEdges(scored, edgeKeys, edgeWeightKeys, identityOrder);
  const whatif: SiteWhatIf = {
    ...SITE_FORMATS.whatif,
    parameters: { ...process.params },
    firstWeekMs: process.firstWeekMs,
    weekCount: process.weekCount,
    nodeKeys,
    edgeKeys,
    nodes: { key: nodes.key, weight: nodes.weight, ...knobNodeData(scored) },
    edges: edges.edges,
    ...knobsOf(weights),
  };
  return {
    whatif,
    nodeWeightKeys,
    edgeWeightKeys,
    nodeCount: nodes.count,
    nodeMint: nodes.mint,
    edgeCount: edges.edgeCount,
  };
}

/**
 * Each base node's key (-1 for none) and intrinsic weight (listed where it is not 1), and the
 * base nodes and mint per weight key. Keys are found by a walk of the graph's address bytes
 * (typeWeights.ts addressKeysOf), with no string per node.
 */
function whatIfNodes(
  { graph, result: { process } }: ScoredInstance,
  nodeKeys: readonly string[],
  nodeWeightKeys: readonly string[],
) {
  const keyOf = addressKeysOf(graph, nodeKeys);
  const slotOf = addressKeysOf(graph, nodeWeightKeys);
  const { nodeWeight } = graph.storedColumns();
  const count = new Array<number>(nodeWeightKeys.length + 1).fill(0);
  const mint = new Array<number>(nodeWeightKeys.length + 1).fill(0);
  const key: number[] = [];
  const weight: [number, number][] = [];
  process.baseAddressIds.forEach((id, index) => {
    key.push(keyOf[id] as number);
    const matched = slotOf[id] as number;
    const slot = matched === -1 ? nodeWeightKeys.length : matched;
    count[slot] = (count[slot] as number) + 1;
    mint[slot] = (mint[slot] as number) + (process.mint[index] as number);
    const stored = nodeWeight[graph.nodeIndexOfAddressId(id)] as number;
    const intrinsic = Number.isNaN(stored) ? 1 : stored;
    if (intrinsic !== 1) weight.push([index, intrinsic]);
  });
  return { key, weight, count, mint };
}

/** Kept edges as columns: ends as whatif.json codes them, week, key and intrinsic weight. */
interface EdgeRows {
  readonly count: number;
  readonly src: Int32Array;
  readonly dst: Int32Array;
  readonly week: Float64Array;
  readonly key: Int32Array;
  readonly weight: Float64Array;
}

/**
 * The graph's non-dangling edges, sorted by (src, dst, week, key, weight), with src
 * delta-coded; and the edges per weight key. An identity's end is -(its leaderboard position
 * + 1), a base node's its index. Read from the graph's columns: no object or string per edge.
 */
function whatIfEdges(
  scored: ScoredInstance,
  edgeKeys: readonly string[],
  edgeWeightKeys: readonly string[],
  identityOrder: readonly string[],
) {
  const { rows, edgeCount } = edgeRows(scored, edgeKeys, edgeWeightKeys, identityOrder);
  const order = sortedRows(rows);
  const weight: [number, number][] = [];
  const src: number[] = [];
  order.forEach((row, index) => {
    const previous = index === 0 ? 0 : (rows.src[order[index - 1] as number] as number);
    src.push((rows.src[row] as number) - previous);
    const intrinsic = rows.weight[row] as number;
    if (intrinsic !== 1) weight.push([index, intrinsic]);
  });
  const edges: SiteWhatIf['edges'] = {
    key: inOrder(rows.key, order),
    src,
    dst: inOrder(rows.dst, order),
    week: inOrder(rows.week, order),
    weight,
  };
  return { edges, edgeCount };
}

/** The non-dangling edges as rows, in graph order, and how many fall under each weight key. */
function edgeRows(
  { graph, identities, result: { process } }: ScoredInstance,
  edgeKeys: readonly string[],
  edgeWeightKeys: readonly string[],
  identityOrder: readonly string[],
): { rows: EdgeRows; edgeCount: number[] } {
  const { codeOf, columns } = endpointCodesOf(graph, identities, process);
  const { edgeSrc, edgeDst, edgeTimestampMs, edgeWeight } = columns;
  const position = new Map(identityOrder.map((id, index) => [id, index]));
  const identityEnd = identities.map(({ id }) => -((position.get(id) as number) + 1));
  const end = (code: number): number => (code >= 0 ? code : (identityEnd[-code - 1] as number));
  const keyOf = edgeKeysOf(graph, edgeKeys);
  const slotOf = edgeKeysOf(graph, edgeWeightKeys);
  const edgeCount = new Array<number>(edgeWeightKeys.length + 1).fill(0);
  const capacity = edgeSrc.length;
  const [src, dst, key] = [0, 1, 2].map(() => new Int32Array(capacity)) as [
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  const [week, weight] = [0, 1].map(() => new Float64Array(capacity)) as [
    Float64Array,
    Float64Array,
  ];
  let count = 0;
  for (let k = 0; k < capacity; k++) {
    const from = codeOf[edgeSrc[k] as number] as number;
    const to = codeOf[edgeDst[k] as number] as number;
    if (from === NO_ENDPOINT || to === NO_ENDPOINT) continue;
    const weekMs = weekStartMs(edgeTimestampMs[k] as number, process.params.weekStart);
    const stored = edgeWeight[k] as number;
    src[count] = end(from);
    dst[count] = end(to);
    week[count] = (weekMs - process.firstWeekMs) / WEEK_MS;
    key[count] = keyOf[k] as number;
    weight[count] = Number.isNaN(stored) ? 1 : stored;
    const slot = slotOf[k] === -1 ? edgeWeightKeys.length : (slotOf[k] as number);
    edgeCount[slot] = (edgeCount[slot] as number) + 1;
    count++;
  }
  const used = <T extends Int32Array | Float64Array>(column: T): T =>
    column.subarray(0, count) as T;
  return {
    rows: {
      count,
      src: used(src),
      dst: used(dst),
      week: used(week),
      key: used(key),
      weight: used(weight),
    },
    edgeCount,
  };
}

/** `column`'s values at `order`, as a plain array (Array.from with a map takes 5 times longer). */
function inOrder(column: Int32Array | Float64Array, order: Int32Array): number[] {
  const values = new Array<number>(order.length);
  for (let i = 0; i < order.length; i++) values[i] = column[order[i] as number] as number;
  return values;
}

/** The rows' indexes in (src, dst, week, key, weight) order. */
function sortedRows({ count, src, dst, week, key, weight }: EdgeRows): Int32Array {
  const order = new Int32Array(count);
  for (let row = 0; row < count; row++) order[row] = row;
  return order.sort(
    (a, b) =>
      (src[a] as number) - (src[b] as number) ||
      (dst[a] as number) - (dst[b] as number) ||
      (week[a] as number) - (week[b] as number) ||
      (key[a] as number) - (key[b] as number) ||
      (weight[a] as number) - (weight[b] as number),
  );
}

/** The knob sections of the weights in force, as a weight file writes them. */
function knobsOf(weights: Weights): Pick<SiteWhatIf, 'knobs'> {
  const { budgets, containers, reactions } = toWeightsJson(weights);
  if (budgets === undefined && containers === undefined && reactions === undefined) return {};
  return {
    knobs: {
      ...(budgets === undefined ? {} : { budgets }),
      ...(containers === undefined ? {} : { containers }),
      ...(reactions === undefined ? {} : { reactions }),
    },
  };
}

/**
 * What the knobs read of base nodes: the container key each falls under (when containers are
 * set), and the week of each node a budget or the reaction cap can touch (when those are set).
 */
function knobNodeData(
  scored: ScoredInstance,
): Pick<SiteWhatIf['nodes'], 'container' | 'containerKeys' | 'week'> {
  const { weights, graph } = scored;
  const { process } = scored.result;
  const containers = weights.containers ?? new Map<string, number>();
  const containerKeys = [...containers.keys()].sort();
  const containerIndex = new Map(containerKeys.map((key, index) => [key, index]));
  const dated = new Map<string, true>(
    [
      ...(weights.budgets?.keys() ?? []),
      ...(weights.reactions?.capPerWeek === undefined ? [] : weights.reactions.nodes),
    ].map((key) => [key, true]),
  );
  if (containerKeys.length === 0 && dated.size === 0) return {};
  const container: [number, number][] = [];
  const week: [number, number][] = [];
  process.baseAddresses.forEach((address, index) => {
    const node = graph.node(address);
    if (node === undefined) return;
    const key = node.container === undefined ? null : matchingKey(containers, node.container);
    if (key !== null) container.push([index, containerIndex.get(key) as number]);
    if (node.timestampMs !== null && dated.size > 0 && matchingKey(dated, address) !== null) {
      week.push([
        index,
        (weekStartMs(node.timestampMs, process.params.weekStart) - process.firstWeekMs) / WEEK_MS,
      ]);
    }
  });
  return {
    ...(containerKeys.length === 0 ? {} : { containerKeys, container }),
    ...(dated.size === 0 ? {} : { week }),
  };
}

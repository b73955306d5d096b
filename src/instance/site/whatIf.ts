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
import { contractIdentities } from '../../core/identity.js';
import { matchingKey } from '../../core/credrank/mintShaping.js';
import { mostSpecific, toWeightsJson, type Weights } from '../../core/weights.js';
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
  const { weights, graph, result } = scored;
  const process = result.process;
  const nodeWeightKeys = sortedKeys(weights.nodes.keys());
  const edgeWeightKeys = sortedKeys(weights.edges.keys());
  const nodeKeys = sortedKeys(
    nodeWeightKeys,
    weights.budgets?.keys() ?? [],
    weights.reactions?.nodes ?? [],
  );
  const edgeKeys = sortedKeys(edgeWeightKeys, weights.reactions?.edges ?? []);
  const nodeKeyIndex = new Map(nodeKeys.map((key, index) => [key, index]));
  const nodeWeightIndex = new Map(nodeWeightKeys.map((key, index) => [key, index]));
  const position = new Map(identityOrder.map((id, index) => [id, index]));
  const owner = contractIdentities(scored.identities);
  const baseIndex = new Map<string, number>(process.baseAddresses.map((a, i) => [a, i]));
  const nodeCount = new Array<number>(nodeWeightKeys.length + 1).fill(0);
  const nodeMint = new Array<number>(nodeWeightKeys.length + 1).fill(0);
  const nodeKey: number[] = [];
  const nodeWeight: [number, number][] = [];
  process.baseAddresses.forEach((address, index) => {
    nodeKey.push(mostSpecific(nodeKeyIndex, address) ?? -1);
    const slot = mostSpecific(nodeWeightIndex, address) ?? nodeWeightKeys.length;
    nodeCount[slot] = (nodeCount[slot] as number) + 1;
    nodeMint[slot] = (nodeMint[slot] as number) + (process.mint[index] as number);
    const intrinsic = graph.node(address)?.weight ?? 1;
    if (intrinsic !== 1) nodeWeight.push([index, intrinsic]);
  });
  const endpoint = (address: string): number | undefined => {
    const identity = owner.get(address);
    if (identity === undefined) return baseIndex.get(address);
    return -((position.get(scored.identities[identity]!.id) as number) + 1);
  };
  const edges = whatIfEdges(scored, edgeKeys, edgeWeightKeys, endpoint);
  const whatif: SiteWhatIf = {
    ...SITE_FORMATS.whatif,
    parameters: { ...process.params },
    firstWeekMs: process.firstWeekMs,
    weekCount: process.weekCount,
    nodeKeys,
    edgeKeys,
    nodes: { key: nodeKey, weight: nodeWeight, ...knobNodeData(scored) },
    edges: edges.edges,
    ...knobsOf(weights),
  };
  return {
    whatif,
    nodeWeightKeys,
    edgeWeightKeys,
    nodeCount,
    nodeMint,
    edgeCount: edges.edgeCount,
  };
}

function whatIfEdges(
  scored: ScoredInstance,
  edgeKeys: readonly string[],
  edgeWeightKeys: readonly string[],
  endpoint: (address: string) => number | undefined,
) {
  const { process } = scored.result;
  const edgeKeyIndex = new Map(edgeKeys.map((key, index) => [key, index]));
  const edgeWeightIndex = new Map(edgeWeightKeys.map((key, index) => [key, index]));
  const edgeCount = new Array<number>(edgeWeightKeys.length + 1).fill(0);
  const rows: [number, number, number, number, number][] = [];
  for (const edge of scored.graph.edges()) {
    const src = endpoint(edge.src);
    const dst = endpoint(edge.dst);
    if (src === undefined || dst === undefined) continue;
    const week =
      (weekStartMs(edge.timestampMs, process.params.weekStart) - process.firstWeekMs) / WEEK_MS;
    rows.push([src, dst, week, mostSpecific(edgeKeyIndex, edge.address) ?? -1, edge.weight ?? 1]);
    const slot = mostSpecific(edgeWeightIndex, edge.address) ?? edgeWeightKeys.length;
    edgeCount[slot] = (edgeCount[slot] as number) + 1;
  }
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || a[4] - b[4]);
  const weight: [number, number][] = [];
  const src: number[] = [];
  rows.forEach((row, index) => {
    src.push(index === 0 ? row[0] : row[0] - (rows[index - 1] as (typeof rows)[number])[0]);
    if (row[4] !== 1) weight.push([index, row[4]]);
  });
  const edges: SiteWhatIf['edges'] = {
    key: rows.map((row) => row[3]),
    src,
    dst: rows.map((row) => row[1]),
    week: rows.map((row) => row[2]),
    weight,
  };
  return { edges, edgeCount };
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

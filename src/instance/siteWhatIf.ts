/**
 * data/whatif.json: the contribution graph reduced to what weights act on, so the explorer can
 * rerun the real CredRank (src/core, bundled for the browser) with edited weights. A node keeps
 * the weight key that applies to it and its intrinsic weight; an edge keeps its key, endpoints,
 * week and intrinsic weight. Descriptions, URLs and addresses are dropped, which is what makes
 * it small. Edits change the values of existing keys, so each node's key stays the one in force.
 * Dangling edges are dropped (CredRank ignores them); identities become endpoints directly.
 */
import { contractIdentities } from '../core/identity.js';
import { mostSpecific } from '../core/weights.js';
import { weekStartMs, WEEK_MS } from '../core/weeks.js';
import type { ScoredInstance } from './explainScores.js';
import { SITE_FORMATS, type SiteWhatIf } from './siteFormat.js';

export interface WhatIfData {
  readonly whatif: SiteWhatIf;
  /** Base nodes and resolved edges per key index (the last entry counts unmatched ones). */
  readonly nodeCount: readonly number[];
  readonly nodeMint: readonly number[];
  readonly edgeCount: readonly number[];
}

/** `identityOrder`: identity ids in the order the leaderboard lists them. */
export function buildWhatIf(scored: ScoredInstance, identityOrder: readonly string[]): WhatIfData {
  const { weights, graph, result } = scored;
  const process = result.process;
  const nodeKeys = [...weights.nodes.keys()].sort();
  const edgeKeys = [...weights.edges.keys()].sort();
  const nodeKeyIndex = new Map(nodeKeys.map((key, index) => [key, index]));
  const edgeKeyIndex = new Map(edgeKeys.map((key, index) => [key, index]));
  const position = new Map(identityOrder.map((id, index) => [id, index]));
  const owner = contractIdentities(scored.identities);
  const baseIndex = new Map<string, number>(process.baseAddresses.map((a, i) => [a, i]));
  const nodeCount = new Array<number>(nodeKeys.length + 1).fill(0);
  const nodeMint = new Array<number>(nodeKeys.length + 1).fill(0);
  const nodeKey: number[] = [];
  const nodeWeight: [number, number][] = [];
  process.baseAddresses.forEach((address, index) => {
    const key = mostSpecific(nodeKeyIndex, address) ?? -1;
    nodeKey.push(key);
    const slot = key === -1 ? nodeKeys.length : key;
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
  const rows: [number, number, number, number, number][] = [];
  for (const edge of graph.edges()) {
    const src = endpoint(edge.src);
    const dst = endpoint(edge.dst);
    if (src === undefined || dst === undefined) continue;
    const week = (weekStartMs(edge.timestampMs) - process.firstWeekMs) / WEEK_MS;
    rows.push([src, dst, week, mostSpecific(edgeKeyIndex, edge.address) ?? -1, edge.weight ?? 1]);
  }
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || a[4] - b[4]);
  const edgeCount = new Array<number>(edgeKeys.length + 1).fill(0);
  const weight: [number, number][] = [];
  const src: number[] = [];
  rows.forEach((row, index) => {
    src.push(index === 0 ? row[0] : row[0] - (rows[index - 1] as (typeof rows)[number])[0]);
    const slot = row[3] === -1 ? edgeKeys.length : row[3];
    edgeCount[slot] = (edgeCount[slot] as number) + 1;
    if (row[4] !== 1) weight.push([index, row[4]]);
  });
  const whatif: SiteWhatIf = {
    ...SITE_FORMATS.whatif,
    parameters: { ...process.params },
    firstWeekMs: process.firstWeekMs,
    weekCount: process.weekCount,
    nodeKeys,
    edgeKeys,
    nodes: { key: nodeKey, weight: nodeWeight },
    edges: {
      key: rows.map((row) => row[3]),
      src,
      dst: rows.map((row) => row[1]),
      week: rows.map((row) => row[2]),
      weight,
    },
  };
  return { whatif, nodeCount, nodeMint, edgeCount };
}

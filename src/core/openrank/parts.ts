/**
 * Parts of contributions. In the OpenRank model developers act on issues and PRs; in cred's
 * graphs a comment, a review or a forum post is a node of its own, joined to its thread by an
 * edge. `partOf` edges (the source is part of the destination: a comment's has-parent) and
 * `contains` edges (the destination is part of the source: a topic's contains-post) fold such
 * a node into its thread, so that acting on it is acting on the thread.
 */
import { hasPrefix } from '../address.js';
import type { Graph } from '../graph.js';

/** Edge prefixes that make one contribution part of another, by direction. */
export interface Parts {
  /** The source is part of the destination (a comment has its issue as parent). */
  readonly partOf: readonly string[];
  /** The destination is part of the source (a topic contains its posts). */
  readonly contains: readonly string[];
}

export const NO_PARTS: Parts = { partOf: [], contains: [] };

/**
 * For each contribution, the contribution it is folded into: itself, or following part edges
 * to a contribution that is part of none. A cycle of parts keeps its members whole (each is its
 * own root).
 */
export function wholes(
  graph: Graph,
  contributionIndex: ReadonlyMap<string, number>,
  parts: Parts,
): Int32Array {
  const root = Int32Array.from({ length: contributionIndex.size }, (_, j) => j);
  if (parts.partOf.length + parts.contains.length === 0) return root;
  const parent = root.slice();
  for (const edge of graph.edges()) {
    const up = underAny(parts.partOf, edge.address);
    if (!up && !underAny(parts.contains, edge.address)) continue;
    const part = contributionIndex.get(up ? edge.src : edge.dst);
    const whole = contributionIndex.get(up ? edge.dst : edge.src);
    if (part !== undefined && whole !== undefined) parent[part] = whole;
  }
  for (let j = 0; j < root.length; j++) {
    let r = j;
    for (let steps = 0; parent[r] !== r && steps <= root.length; steps++) r = parent[r] as number;
    root[j] = parent[r] === r ? r : j;
  }
  return root;
}

/** Whether `address` lies under one of a few prefixes (faster than a table for a few). */
export function underAny(prefixes: readonly string[], address: string): boolean {
  for (const prefix of prefixes) if (hasPrefix(address, prefix)) return true;
  return false;
}

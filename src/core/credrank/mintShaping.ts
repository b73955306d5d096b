/**
 * Mint shaping: the anti-gaming knobs of a weight file, applied to each base node's mint (its
 * evaluated node weight) before any algorithm runs. SourceCred's communities fought farming with
 * alt accounts, reaction rings and chatty channels; these are the levers they asked for:
 *
 * 1. `containers`: a multiplier for every node whose `container` (repository, forum category,
 *    chat) lies under a key, most specific key first. A chatty channel can mint at 0.25.
 * 2. `reactions.capPerWeek`: the mint of reaction nodes (a forum like) is attributed to the
 *    identities that made them (the identities joined to the reaction node by an edge; shared
 *    equally when several are, an "anonymous" bucket when none is). When one identity's
 *    reactions in a week mint more than the cap, each of them is scaled down so that they mint
 *    exactly the cap; a reaction shared by several identities takes the strictest scaling, so
 *    no identity's share exceeds its cap. GitHub-style reactions are edges and mint nothing, so
 *    they need no cap.
 * 3. `budgets`: the nodes under a budget's prefix created in one week (by their timestamp) may
 *    mint at most the budget; over it, each is scaled by budget / week's mint, as SourceCred's
 *    mintBudget does. Budgets come last, so a plugin over budget mints exactly its budget.
 *    Timeless nodes are in no week and are not budgeted.
 *
 * Order: containers, then the reaction cap, then budgets. Each step only lowers (or, for a
 * container multiplier above 1, raises) mint; with no knob set this module is never called.
 * Why mint and not flow: cred is created only by mint (CredRank conserves it), so bounding mint
 * bounds what farming can create (docs/decisions/0301-anti-gaming-knobs.md).
 */
import type { NodeAddress } from '../address.js';
import type { Graph, GraphNode } from '../graph.js';
import { mostSpecific, type Weights } from '../weights.js';
import { weekStartMs } from '../weeks.js';

export interface MintShapingInput {
  readonly addresses: readonly NodeAddress[];
  readonly index: ReadonlyMap<string, number>;
  /** Evaluated mint of each base node (type weight times intrinsic weight). */
  readonly mint: Float64Array;
}

/** Identity index of an "anonymous" reactor: a reaction node joined to no identity. */
export const ANONYMOUS_REACTOR = -1;

export interface MintShapingReport {
  /** Budgets that bound in some week: mint before scaling and the budget. */
  readonly budgets: readonly {
    prefix: string;
    weekStartMs: number;
    mint: number;
    budget: number;
  }[];
  /** Reactors whose reactions were capped in some week (NaN week: timeless reactions). */
  readonly reactionCaps: readonly { identity: number; weekStartMs: number; mint: number }[];
}

export interface ShapedMint {
  readonly mint: Float64Array;
  readonly report: MintShapingReport;
}

export interface ShapingOptions {
  /** Apply the reaction cap (CredRank); OpenRank caps reactions its own way. */
  readonly reactionCap: boolean;
}

/**
 * The mint of each base node after the weight file's knobs. `owner` maps alias addresses to
 * identity indexes (identity contraction), used to find who made each reaction.
 */
export function shapeMint(
  graph: Graph,
  weights: Weights,
  owner: ReadonlyMap<string, number>,
  base: MintShapingInput,
  options: ShapingOptions = { reactionCap: true },
): ShapedMint {
  const mint = Float64Array.from(base.mint);
  const nodes = base.addresses.map((address) => graph.node(address) as GraphNode);
  const containers = weights.containers;
  if (containers !== undefined && containers.size > 0) {
    nodes.forEach((node, x) => {
      if (node.container === undefined) return;
      const multiplier = mostSpecific(containers, node.container);
      if (multiplier !== undefined) mint[x] = (mint[x] as number) * multiplier;
    });
  }
  const reactions = weights.reactions;
  const reactionCaps =
    options.reactionCap && reactions?.capPerWeek !== undefined && reactions.nodes.length > 0
      ? capReactions(graph, owner, base.index, nodes, mint, reactions.nodes, reactions.capPerWeek)
      : [];
  const budgets =
    weights.budgets !== undefined && weights.budgets.size > 0
      ? applyBudgets(nodes, mint, weights.budgets)
      : [];
  return { mint, report: { budgets, reactionCaps } };
}

/** The key of `table` that most specifically matches `address` (whole parts), if any. */
export function matchingKey(table: ReadonlyMap<string, unknown>, address: string): string | null {
  let end = address.length;
  for (;;) {
    const key = end === address.length ? address : address.slice(0, end);
    if (table.has(key)) return key;
    end = address.lastIndexOf('/', end - 1);
    if (end <= 0) return null;
  }
}

function weekOf(node: GraphNode): number {
  return node.timestampMs === null ? Number.NaN : weekStartMs(node.timestampMs);
}

/** Identities joined by an edge to each reaction node (sorted, without repeats). */
export function reactorsOf(
  graph: Graph,
  owner: ReadonlyMap<string, number>,
  index: ReadonlyMap<string, number>,
  isReaction: (x: number) => boolean,
): Map<number, number[]> {
  const reactors = new Map<number, number[]>();
  const link = (reaction: string, other: string): void => {
    const x = index.get(reaction);
    if (x === undefined || !isReaction(x)) return;
    const identity = owner.get(other);
    if (identity === undefined) return;
    const list = reactors.get(x) ?? [];
    if (!list.includes(identity)) list.push(identity);
    reactors.set(x, list);
  };
  for (const edge of graph.edges()) {
    link(edge.src, edge.dst);
    link(edge.dst, edge.src);
  }
  for (const list of reactors.values()) list.sort((a, b) => a - b);
  return reactors;
}

function capReactions(
  graph: Graph,
  owner: ReadonlyMap<string, number>,
  index: ReadonlyMap<string, number>,
  nodes: readonly GraphNode[],
  mint: Float64Array,
  prefixes: readonly string[],
  capPerWeek: number,
): MintShapingReport['reactionCaps'] {
  const table = new Map(prefixes.map((prefix) => [prefix, true]));
  const isReaction = (x: number): boolean =>
    (mint[x] as number) > 0 && matchingKey(table, nodes[x]?.address as string) !== null;
  const reactors = reactorsOf(graph, owner, index, isReaction);
  const bucketKey = (identity: number, week: number): string => `${identity}@${week}`;
  const totals = new Map<string, { identity: number; week: number; mint: number }>();
  const keysOf = new Map<number, string[]>();
  nodes.forEach((node, x) => {
    if (!isReaction(x)) return;
    const who = reactors.get(x) ?? [ANONYMOUS_REACTOR];
    const week = weekOf(node);
    const keys = who.map((identity) => {
      const key = bucketKey(identity, week);
      const total = totals.get(key) ?? { identity, week, mint: 0 };
      total.mint += (mint[x] as number) / who.length;
      totals.set(key, total);
      return key;
    });
    keysOf.set(x, keys);
  });
  for (const [x, keys] of keysOf) {
    let factor = 1;
    for (const key of keys) {
      const total = (totals.get(key) as { mint: number }).mint;
      if (total > capPerWeek) factor = Math.min(factor, capPerWeek / total);
    }
    mint[x] = (mint[x] as number) * factor;
  }
  return [...totals.values()]
    .filter((total) => total.mint > capPerWeek)
    .map(({ identity, week, mint: before }) => ({ identity, weekStartMs: week, mint: before }))
    .sort((a, b) => a.identity - b.identity || compareWeeks(a.weekStartMs, b.weekStartMs));
}

function applyBudgets(
  nodes: readonly GraphNode[],
  mint: Float64Array,
  budgets: ReadonlyMap<string, number>,
): MintShapingReport['budgets'] {
  const bucketOf = new Array<string | null>(nodes.length).fill(null);
  const totals = new Map<string, { prefix: string; week: number; mint: number }>();
  nodes.forEach((node, x) => {
    if (node.timestampMs === null || (mint[x] as number) === 0) return;
    const prefix = matchingKey(budgets, node.address);
    if (prefix === null) return;
    const week = weekStartMs(node.timestampMs);
    const key = `${prefix}@${week}`;
    const total = totals.get(key) ?? { prefix, week, mint: 0 };
    total.mint += mint[x] as number;
    totals.set(key, total);
    bucketOf[x] = key;
  });
  const exceeded: MintShapingReport['budgets'][number][] = [];
  for (const total of totals.values()) {
    const budget = budgets.get(total.prefix) as number;
    if (total.mint > budget) {
      exceeded.push({ prefix: total.prefix, weekStartMs: total.week, mint: total.mint, budget });
    }
  }
  bucketOf.forEach((key, x) => {
    if (key === null) return;
    const total = totals.get(key) as { prefix: string; mint: number };
    const budget = budgets.get(total.prefix) as number;
    if (total.mint > budget) mint[x] = ((mint[x] as number) * budget) / total.mint;
  });
  return exceeded.sort(
    (a, b) =>
      (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0) || a.weekStartMs - b.weekStartMs,
  );
}

function compareWeeks(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a - b;
}

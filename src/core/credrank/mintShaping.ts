/**
 * Mint shaping: the anti-gaming knobs of a weight file, applied to each base node's mint (its
 * evaluated node weight) before any algorithm runs. SourceCred's communities fought farming with
 * alt accounts, reaction rings and chatty channels; these are the levers they asked for:
 *
 * 1. `containers`: a multiplier for every node whose `container` (repository, forum category,
 *    chat) lies under a key, most specific key first. A chatty channel can mint at 0.25.
 * 2. `reactions.capPerWeek`: the mint of reaction nodes (a forum like) is attributed to the
 *    identities that made them (joined to the reaction node by a weighted edge; shared
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
import type { GraphNode } from '../graph.js';
import { mostSpecific, type Weights } from '../weights.js';
import { WEEK_MS, weekStartMs, type WeekStart } from '../weeks.js';

/**
 * The graph's edges resolved to endpoint codes: a base node's index (>= 0) or -(identity + 1)
 * for an identity's alias. Only edges that carry weight one way or the other are listed (what
 * CredRank keeps); they tell who made each reaction node.
 */
export interface ResolvedLinks {
  readonly count: number;
  readonly src: Int32Array;
  readonly dst: Int32Array;
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

/**
 * The mint of each base node (`nodes[x]` minting `mint[x]`) after the weight files' knobs. The
 * reaction cap needs `links` to find who made each reaction; without them (OpenRank, which caps
 * reactions its own way) it is not applied.
 */
export function shapeMint(
  nodes: readonly GraphNode[],
  evaluated: Float64Array,
  weights: Weights,
  links?: ResolvedLinks,
  weekStart: WeekStart = 'monday',
): ShapedMint {
  const mint = Float64Array.from(evaluated);
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
    links !== undefined && reactions?.capPerWeek !== undefined && reactions.nodes.length > 0
      ? capReactions(nodes, mint, links, reactions.nodes, reactions.capPerWeek, weekStart)
      : [];
  const budgets =
    weights.budgets !== undefined && weights.budgets.size > 0
      ? applyBudgets(nodes, mint, weights.budgets, weekStart)
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

const TIMELESS = -(2 ** 20);

/** The first week after the epoch (1970-01-05, or 1970-01-04 with Sunday weeks). */
const firstWeekMs = (day: WeekStart): number => weekStartMs(0, day) + WEEK_MS;

/** Week number of a node (weeks since the first week), TIMELESS when it has no time. */
function weekNumber(node: GraphNode, day: WeekStart): number {
  return node.timestampMs === null
    ? TIMELESS
    : (weekStartMs(node.timestampMs, day) - firstWeekMs(day)) / WEEK_MS;
}

function weekStart(week: number, day: WeekStart): number {
  return week === TIMELESS ? Number.NaN : firstWeekMs(day) + week * WEEK_MS;
}

/** One number for (identity or budget, week); distinct for weeks within 20,000 years of 1970. */
function bucket(owner: number, week: number): number {
  return (owner + 2) * 2 ** 22 + (week + 2 ** 21);
}

/**
 * Identities joined to each reaction node: `first[x]` (ANONYMOUS_REACTOR when none), and for
 * the rare node joined to several, the full sorted list in `more`.
 */
function reactorsOf(isReaction: Uint8Array, links: ResolvedLinks) {
  const first = new Int32Array(isReaction.length).fill(ANONYMOUS_REACTOR);
  const more = new Map<number, number[]>();
  const link = (x: number, other: number): void => {
    if (x < 0 || other >= 0 || isReaction[x] === 0) return;
    const identity = -other - 1;
    const known = first[x] as number;
    if (known === ANONYMOUS_REACTOR) first[x] = identity;
    else if (known !== identity) {
      const list = more.get(x);
      if (list === undefined) more.set(x, [known, identity]);
      else if (!list.includes(identity)) list.push(identity);
    }
  };
  for (let e = 0; e < links.count; e++) {
    link(links.src[e] as number, links.dst[e] as number);
    link(links.dst[e] as number, links.src[e] as number);
  }
  for (const list of more.values()) list.sort((a, b) => a - b);
  return { first, more };
}

function capReactions(
  nodes: readonly GraphNode[],
  mint: Float64Array,
  links: ResolvedLinks,
  prefixes: readonly string[],
  capPerWeek: number,
  day: WeekStart,
): MintShapingReport['reactionCaps'] {
  const table = new Map(prefixes.map((prefix) => [prefix, true]));
  const isReaction = Uint8Array.from(nodes, (node, x) =>
    (mint[x] as number) > 0 && matchingKey(table, node.address) !== null ? 1 : 0,
  );
  const week = Int32Array.from(nodes, (node, x) =>
    isReaction[x] === 0 ? 0 : weekNumber(node, day),
  );
  const { first, more } = reactorsOf(isReaction, links);
  const totals = new Map<number, { identity: number; week: number; mint: number }>();
  const addShare = (identity: number, w: number, share: number): void => {
    const key = bucket(identity, w);
    const total = totals.get(key);
    if (total === undefined) totals.set(key, { identity, week: w, mint: share });
    else total.mint += share;
  };
  const factorOf = (identity: number, w: number): number => {
    const total = (totals.get(bucket(identity, w)) as { mint: number }).mint;
    return total > capPerWeek ? capPerWeek / total : 1;
  };
  for (let x = 0; x < nodes.length; x++) {
    if (isReaction[x] === 0) continue;
    const shared = more.get(x);
    if (shared === undefined) addShare(first[x] as number, week[x] as number, mint[x] as number);
    else
      for (const identity of shared)
        addShare(identity, week[x] as number, (mint[x] as number) / shared.length);
  }
  for (let x = 0; x < nodes.length; x++) {
    if (isReaction[x] === 0) continue;
    const shared = more.get(x);
    // A reaction of several identities takes the strictest of their scalings.
    const factor =
      shared === undefined
        ? factorOf(first[x] as number, week[x] as number)
        : Math.min(...shared.map((identity) => factorOf(identity, week[x] as number)));
    mint[x] = (mint[x] as number) * factor;
  }
  return [...totals.values()]
    .filter((total) => total.mint > capPerWeek)
    .sort((a, b) => a.identity - b.identity || a.week - b.week)
    .map(({ identity, week: w, mint: before }) => ({
      identity,
      weekStartMs: weekStart(w, day),
      mint: before,
    }));
}

function applyBudgets(
  nodes: readonly GraphNode[],
  mint: Float64Array,
  budgets: ReadonlyMap<string, number>,
  day: WeekStart,
): MintShapingReport['budgets'] {
  const prefixes = [...budgets.keys()].sort();
  const prefixIndex = new Map(prefixes.map((prefix, k) => [prefix, k]));
  const bucketOf = new Float64Array(nodes.length).fill(-1);
  const totals = new Map<number, { prefix: string; week: number; mint: number }>();
  nodes.forEach((node, x) => {
    if (node.timestampMs === null || (mint[x] as number) === 0) return;
    const prefix = matchingKey(budgets, node.address);
    if (prefix === null) return;
    const week = weekNumber(node, day);
    const key = bucket(prefixIndex.get(prefix) as number, week);
    const total = totals.get(key) ?? { prefix, week, mint: 0 };
    total.mint += mint[x] as number;
    totals.set(key, total);
    bucketOf[x] = key;
  });
  nodes.forEach((_, x) => {
    const key = bucketOf[x] as number;
    if (key === -1) return;
    const total = totals.get(key) as { prefix: string; mint: number };
    const budget = budgets.get(total.prefix) as number;
    if (total.mint > budget) mint[x] = ((mint[x] as number) * budget) / total.mint;
  });
  return [...totals.values()]
    .filter((total) => total.mint > (budgets.get(total.prefix) as number))
    .sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0) || a.week - b.week)
    .map(({ prefix, week, mint: before }) => ({
      prefix,
      weekStartMs: weekStart(week, day),
      mint: before,
      budget: budgets.get(prefix) as number,
    }));
}

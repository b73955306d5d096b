/**
 * Who reacted to whom, for the contributor pages' gaming lens. A reaction is a node of a
 * reaction type (a forum like, a chat emoji: joined to the person who made it and to what it
 * reacts to) or an edge of one (a GitHub emoji reaction: from the person to the content). What
 * counts as a reaction: the weight files' `reactions` prefixes, and the declared node types
 * named "Like" or "Reaction" and edge types whose forward name starts with "reacts".
 *
 * The receivers of a reaction are the people joined (by other edges than reactions) to the
 * content it reacts to: its authors. Counted per pair of identities, self-reactions left out.
 *
 * A reciprocal cluster: a few accounts (at most CLUSTER_MAX_PARTNERS besides the identity) that
 * react to each other, each of which gives mostly (CLUSTER_SHARE) to the others and receives
 * mostly from them, with at least CLUSTER_MIN reactions each way. That is the shape of a like
 * ring. An active member of a community reacts to and is reacted to by many, and someone who
 * mostly likes the posts of a few busy maintainers is not flagged: the maintainers' reactions
 * go mostly elsewhere.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import type { ProcessEdges } from '../../core/credrank/explainEdges.js';
import type { ScoredInstance } from '../explain/scores.js';
import type { SiteReactions } from './format.js';

export const CLUSTER_SHARE = 0.6;
export const CLUSTER_MAX_PARTNERS = 5;
export const CLUSTER_MIN = 10;
const TOP_REACTIONS = 10;

/** giver identity -> receiver identity -> reactions. */
export type ReactionPairs = Map<number, Map<number, number>>;

/** Node and edge address prefixes that are reactions in this instance. */
export function reactionPrefixes(scored: ScoredInstance): { nodes: string[]; edges: string[] } {
  const nodes = [...(scored.weights.reactions?.nodes ?? [])];
  const edges = [...(scored.weights.reactions?.edges ?? [])];
  for (const declaration of scored.declarations.values()) {
    for (const type of declaration.nodeTypes) {
      if (/^(like|reaction)$/i.test(type.name)) nodes.push(type.prefix);
    }
    for (const type of declaration.edgeTypes) {
      if (/^reacts\b/i.test(type.forwardName)) edges.push(type.prefix);
    }
  }
  return { nodes: [...new Set(nodes)].sort(compareStrings), edges: [...new Set(edges)] };
}

const matches = (prefixes: readonly string[], address: string): boolean =>
  prefixes.some((prefix) => address === prefix || address.startsWith(`${prefix}/`));

function add<K>(map: Map<K, Set<number>>, key: K, value: number): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

/** Reactions between identities, from the scored graph's edges. */
export function reactionPairs(
  scored: ScoredInstance,
  edges: ProcessEdges,
  identityOf: (node: number) => number,
): ReactionPairs {
  const { baseCount, baseAddresses } = scored.result.process;
  const prefixes = reactionPrefixes(scored);
  const isReaction = (node: number) => matches(prefixes.nodes, baseAddresses[node] as string);
  const reactors = new Map<number, Set<number>>();
  const targets = new Map<number, Set<number>>();
  const authors = new Map<number, Set<number>>();
  const reactionEdges: [number, number][] = [];
  for (let e = 0; e < edges.count; e++) {
    const [s, d] = [edges.src[e] as number, edges.dst[e] as number];
    if (s >= baseCount && d >= baseCount) continue;
    if (s < baseCount && d < baseCount) {
      if (isReaction(s) && !isReaction(d)) add(targets, s, d);
      if (isReaction(d) && !isReaction(s)) add(targets, d, s);
      continue;
    }
    const [node, person] = s < baseCount ? [s, identityOf(d)] : [d, identityOf(s)];
    if (matches(prefixes.edges, edges.addressOf(e))) reactionEdges.push([person, node]);
    else if (isReaction(node)) add(reactors, node, person);
    else add(authors, node, person);
  }
  const pairs: ReactionPairs = new Map();
  const count = (giver: number, content: number): void => {
    for (const receiver of authors.get(content) ?? []) {
      if (receiver === giver) continue;
      let row = pairs.get(giver);
      if (row === undefined) pairs.set(giver, (row = new Map()));
      row.set(receiver, (row.get(receiver) ?? 0) + 1);
    }
  };
  for (const [reaction, givers] of reactors) {
    for (const giver of givers)
      for (const content of targets.get(reaction) ?? []) count(giver, content);
  }
  for (const [giver, content] of reactionEdges) count(giver, content);
  return pairs;
}

/** Received reactions: receiver -> giver -> reactions. */
export function invertPairs(pairs: ReactionPairs): ReactionPairs {
  const received: ReactionPairs = new Map();
  for (const [giver, row] of pairs) {
    for (const [receiver, n] of row) {
      let back = received.get(receiver);
      if (back === undefined) received.set(receiver, (back = new Map()));
      back.set(giver, n);
    }
  }
  return received;
}

/**
 * An identity's reactions given and received (top partners, by leaderboard index) and, when
 * they form one, its reciprocal cluster; undefined when it neither gave nor received any.
 */
export function reactionSummary(
  identity: number,
  given: ReactionPairs,
  received: ReactionPairs,
  position: (identity: number) => number,
): SiteReactions | undefined {
  const out = given.get(identity) ?? new Map<number, number>();
  const into = received.get(identity) ?? new Map<number, number>();
  if (out.size === 0 && into.size === 0) return undefined;
  const top = (row: ReadonlyMap<number, number>) =>
    [...row]
      .map(([other, n]) => [position(other), n] as const)
      .sort(([a, x], [b, y]) => y - x || a - b)
      .slice(0, TOP_REACTIONS);
  const partners = [...out.keys()].filter((other) => into.has(other));
  const members = new Set([identity, ...partners]);
  const own = within(out, into, members);
  const cluster =
    partners.length > 0 &&
    partners.length <= CLUSTER_MAX_PARTNERS &&
    own.closed &&
    partners.every(
      (other) =>
        within(given.get(other) ?? new Map(), received.get(other) ?? new Map(), members).closed,
    );
  return {
    given: top(out),
    received: top(into),
    givenTotal: total(out),
    receivedTotal: total(into),
    ...(cluster
      ? {
          cluster: {
            members: partners.map(position).sort((a, b) => a - b),
            given: own.given,
            received: own.received,
          },
        }
      : {}),
  };
}

const total = (row: ReadonlyMap<number, number>) => [...row.values()].reduce((a, b) => a + b, 0);

/** Reactions of one identity given to and received from `members`, and whether mostly so. */
function within(
  out: ReadonlyMap<number, number>,
  into: ReadonlyMap<number, number>,
  members: ReadonlySet<number>,
) {
  const inside = (row: ReadonlyMap<number, number>) =>
    [...row].reduce((sum, [other, n]) => sum + (members.has(other) ? n : 0), 0);
  const [given, received] = [inside(out), inside(into)];
  const [givenTotal, receivedTotal] = [total(out), total(into)];
  const closed =
    givenTotal >= CLUSTER_MIN &&
    receivedTotal >= CLUSTER_MIN &&
    given >= CLUSTER_SHARE * givenTotal &&
    received >= CLUSTER_SHARE * receivedTotal;
  return { given, received, closed };
}

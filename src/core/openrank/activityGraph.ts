/**
 * OpenRank's view of a contribution graph, from any plugin. The model (X-lab's community
 * OpenRank) has developers, issues/PRs and repositories; cred's generic graph maps onto it as:
 *
 * - developers: identities (after contraction, so one person's accounts are one developer);
 * - contributions (the model's issues and PRs): every other node that is neither a container
 *   nor a reaction node; initial value = evaluated node weight, shaped by the weight files'
 *   container multipliers and budgets;
 * - containers (the model's repository): the `container` a contribution names, or one shared
 *   background node for contributions without one;
 * - activity edges: graph edges between an identity and a contribution, each direction weighed
 *   by the edge's weight in that direction (forwards from src to dst), times its intrinsic
 *   weight, in the calendar month of the edge's timestamp;
 * - reactions: edges under a `reactions.edges` prefix from an identity to a contribution, and
 *   nodes under a `reactions.nodes` prefix (their weight shared among the contributions they
 *   point at), made by the identities joined to them. They multiply a contribution's initial
 *   value (reactionBoost.ts); their kind is the weight key that gave their weight
 *   (`github/reacts/heart`);
 * - parts: a contribution with a `partOf` edge to another (a comment to its issue, a review
 *   comment to its review), or that another reaches by a `contains` edge (a topic's posts), is
 *   folded into it, transitively: who acts on or reacts to a part acts on or reacts to the
 *   whole, as in the model, where commenting is activity on the issue.
 *
 * Edges between two contributions, between two identities or touching a container carry no
 * OpenRank: the model has none. Everything is resolved once into typed arrays.
 */
import type { NodeAddress } from '../address.js';
import { matchingKey, shapeMint } from '../credrank/mintShaping.js';
import { FirstUseNumbering } from '../firstUseNumbering.js';
import type { Graph, GraphEdge, GraphNode } from '../graph.js';
import { contractIdentities, type Identity } from '../identity.js';
import { edgeTypeWeight, hasMintShaping, nodeTypeWeight, type Weights } from '../weights.js';
import { monthNumber } from './calendarMonths.js';
import { NO_PARTS, underAny, wholes, type Parts } from './parts.js';

/** Container of contributions that name none. */
export const BACKGROUND_CONTAINER = 'core/openrank/background';

export interface ActivityEdges {
  readonly count: number;
  readonly identity: Int32Array;
  readonly contribution: Int32Array;
  readonly month: Int32Array;
  /** Weight of the direction developer -> contribution. */
  readonly toContribution: Float64Array;
  /** Weight of the direction contribution -> developer. */
  readonly toIdentity: Float64Array;
}

export interface Reaction {
  /** Identity index, or -1 when no identity is joined to a reaction node. */
  readonly reactor: number;
  readonly contribution: number;
  readonly month: number;
  readonly weight: number;
  /** Index in `reactionKinds`. */
  readonly kind: number;
}

export interface ActivityGraph {
  readonly identityCount: number;
  readonly contributions: readonly NodeAddress[];
  /** Initial value of each contribution with no history. */
  readonly defaultValue: Float64Array;
  readonly containers: readonly string[];
  readonly containerOf: Int32Array;
  readonly activity: ActivityEdges;
  readonly reactions: readonly Reaction[];
  /** Weight keys that gave reactions their weight, one per kind of reaction. */
  readonly reactionKinds: readonly string[];
}

type Endpoint =
  | { kind: 'identity'; index: number }
  | { kind: 'contribution'; index: number }
  | { kind: 'reaction'; index: number }
  | { kind: 'none' };

const NONE: Endpoint = { kind: 'none' };

export function buildActivityGraph(
  graph: Graph,
  weights: Weights,
  identities: readonly Identity[],
  parts: Parts = NO_PARTS,
): ActivityGraph {
  const owner = contractIdentities(identities);
  const reactionNodes = new Map((weights.reactions?.nodes ?? []).map((p) => [p, true]));
  const reactionEdges = weights.reactions?.edges ?? [];
  const nodes = classifyNodes(graph, weights, owner, reactionNodes);
  const endpoint = endpoints(owner, nodes, wholes(graph, nodes.contributionIndex, parts));
  // Reaction kinds by their weight key.
  const kinds = new FirstUseNumbering();
  const activity = new ActivityBuilder(graph.edgeCount);
  const links = new ReactionLinks(nodes.reactionWeight.length);
  const reactions: Reaction[] = [];
  for (const edge of graph.edges()) {
    const src = endpoint(edge.src);
    const dst = endpoint(edge.dst);
    const type = edgeTypeWeight(weights, edge.address);
    const multiplier = edge.weight ?? 1;
    const [person, other, towardOther, towardPerson] =
      src.kind === 'identity'
        ? [src, dst, type.forwards, type.backwards]
        : [dst, src, type.backwards, type.forwards];
    if (person.kind === 'identity' && other.kind === 'contribution') {
      if (underAny(reactionEdges, edge.address)) {
        const weight = towardOther * multiplier;
        if (weight > 0) {
          const month = monthNumber(edge.timestampMs);
          const kind = kinds.of(matchingKey(weights.edges, edge.address) ?? edge.address);
          reactions.push({ reactor: person.index, contribution: other.index, month, weight, kind });
        }
      } else {
        const month = monthNumber(edge.timestampMs);
        activity.add(
          person.index,
          other.index,
          month,
          towardOther * multiplier,
          towardPerson * multiplier,
        );
      }
    } else if (person.kind === 'identity' && other.kind === 'reaction') {
      links.addReactor(other.index, person.index);
    } else {
      links.linkTarget(src, dst, edge);
    }
  }
  const nodeKinds = nodes.reactionKey.map((key) => kinds.of(key));
  for (const reaction of links.reactions(nodes.reactionWeight, nodes.reactionMonth, nodeKinds)) {
    reactions.push(reaction); // one by one: a forum can have more likes than a spread allows
  }
  return {
    identityCount: identities.length,
    contributions: nodes.contributions,
    defaultValue: nodes.defaultValue,
    containers: nodes.containers,
    containerOf: nodes.containerOf,
    activity: activity.build(),
    reactions,
    reactionKinds: kinds.values,
  };
}

/** What an address is to OpenRank; a part of a contribution is its whole. */
function endpoints(
  owner: ReadonlyMap<string, number>,
  nodes: ClassifiedNodes,
  root: Int32Array,
): (address: string) => Endpoint {
  return (address) => {
    const identity = owner.get(address);
    if (identity !== undefined) return { kind: 'identity', index: identity };
    const contribution = nodes.contributionIndex.get(address);
    if (contribution !== undefined) {
      return { kind: 'contribution', index: root[contribution] as number };
    }
    const reaction = nodes.reactionIndex.get(address);
    return reaction === undefined ? NONE : { kind: 'reaction', index: reaction };
  };
}

interface ClassifiedNodes {
  readonly contributions: NodeAddress[];
  readonly contributionIndex: Map<string, number>;
  readonly defaultValue: Float64Array;
  readonly containers: string[];
  readonly containerOf: Int32Array;
  readonly reactionIndex: Map<string, number>;
  readonly reactionWeight: number[];
  /** Weight key of each reaction node (its kind). */
  readonly reactionKey: string[];
  /** Month of each reaction node's timestamp (NaN: timeless, the linking edge's month). */
  readonly reactionMonth: number[];
}

function classifyNodes(
  graph: Graph,
  weights: Weights,
  owner: ReadonlyMap<string, number>,
  reactionNodes: ReadonlyMap<string, boolean>,
): ClassifiedNodes {
  const isContainer = new Set<string>();
  for (const node of graph.nodes())
    if (node.container !== undefined) isContainer.add(node.container);
  const contributions: NodeAddress[] = [];
  const contributionNodes: GraphNode[] = [];
  const contributionIndex = new Map<string, number>();
  const mint: number[] = [];
  const containerIndex = new Map<string, number>();
  const containerList: number[] = [];
  const reactionIndex = new Map<string, number>();
  const reactionWeight: number[] = [];
  const reactionKey: string[] = [];
  const reactionMonth: number[] = [];
  for (const node of graph.nodes()) {
    if (owner.has(node.address) || isContainer.has(node.address)) continue;
    const weight = nodeTypeWeight(weights, node.address) * (node.weight ?? 1);
    if (matchingKey(reactionNodes, node.address) !== null) {
      reactionIndex.set(node.address, reactionWeight.length);
      reactionWeight.push(weight);
      reactionKey.push(matchingKey(weights.nodes, node.address) ?? node.address);
      reactionMonth.push(node.timestampMs === null ? Number.NaN : monthNumber(node.timestampMs));
      continue;
    }
    const container = node.container ?? BACKGROUND_CONTAINER;
    if (!containerIndex.has(container)) containerIndex.set(container, containerIndex.size);
    contributionIndex.set(node.address, contributions.length);
    contributions.push(node.address);
    contributionNodes.push(node);
    mint.push(weight);
    containerList.push(containerIndex.get(container) as number);
  }
  const evaluated = Float64Array.from(mint);
  // Budgets and container multipliers shape new contributions' value; reactions are capped
  // where they multiply it (monthSystem.ts), so shapeMint gets no links.
  const shaped = hasMintShaping(weights)
    ? shapeMint(contributionNodes, evaluated, weights).mint
    : evaluated;
  return {
    contributions,
    contributionIndex,
    defaultValue: shaped,
    containers: [...containerIndex.keys()],
    containerOf: Int32Array.from(containerList),
    reactionIndex,
    reactionWeight,
    reactionKey,
    reactionMonth,
  };
}

class ActivityBuilder {
  private count = 0;
  private readonly identity: Int32Array;
  private readonly contribution: Int32Array;
  private readonly month: Int32Array;
  private readonly toContribution: Float64Array;
  private readonly toIdentity: Float64Array;

  constructor(capacity: number) {
    this.identity = new Int32Array(capacity);
    this.contribution = new Int32Array(capacity);
    this.month = new Int32Array(capacity);
    this.toContribution = new Float64Array(capacity);
    this.toIdentity = new Float64Array(capacity);
  }

  add(identity: number, contribution: number, month: number, toC: number, toI: number): void {
    if (toC === 0 && toI === 0) return;
    const k = this.count++;
    this.identity[k] = identity;
    this.contribution[k] = contribution;
    this.month[k] = month;
    this.toContribution[k] = toC;
    this.toIdentity[k] = toI;
  }

  build(): ActivityEdges {
    const n = this.count;
    return {
      count: n,
      identity: this.identity.subarray(0, n),
      contribution: this.contribution.subarray(0, n),
      month: this.month.subarray(0, n),
      toContribution: this.toContribution.subarray(0, n),
      toIdentity: this.toIdentity.subarray(0, n),
    };
  }
}

/** Who made each reaction node and what it points at, gathered from edges in any order. */
class ReactionLinks {
  private readonly reactors: number[][];
  private readonly targets: { contribution: number; month: number }[][];

  constructor(count: number) {
    this.reactors = Array.from({ length: count }, () => []);
    this.targets = Array.from({ length: count }, () => []);
  }

  addReactor(reaction: number, identity: number): void {
    const list = this.reactors[reaction] as number[];
    if (!list.includes(identity)) list.push(identity);
  }

  linkTarget(src: Endpoint, dst: Endpoint, edge: GraphEdge): void {
    const [reaction, target] = src.kind === 'reaction' ? [src, dst] : [dst, src];
    if (reaction.kind !== 'reaction' || target.kind !== 'contribution') return;
    const month = monthNumber(edge.timestampMs);
    (this.targets[reaction.index] as { contribution: number; month: number }[]).push({
      contribution: target.index,
      month,
    });
  }

  reactions(
    weight: readonly number[],
    nodeMonth: readonly number[],
    kind: readonly number[],
  ): Reaction[] {
    const result: Reaction[] = [];
    this.targets.forEach((targets, r) => {
      if (targets.length === 0 || (weight[r] as number) === 0) return;
      const reactors = (this.reactors[r] as number[]).length > 0 ? this.reactors[r]! : [-1];
      reactors.sort((a, b) => a - b);
      const share = (weight[r] as number) / (reactors.length * targets.length);
      for (const reactor of reactors) {
        for (const { contribution, month } of targets) {
          const when = Number.isNaN(nodeMonth[r]) ? month : (nodeMonth[r] as number);
          result.push({
            reactor,
            contribution,
            month: when,
            weight: share,
            kind: kind[r] as number,
          });
        }
      }
    });
    return result;
  }
}

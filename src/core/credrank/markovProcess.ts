/**
 * The Markov process graph of CredRank (SourceCred's formulation, reference section 2.3), built
 * directly as typed arrays. Node layout:
 *
 *   [0, B)               base nodes: every graph node that is not an identity's alias
 *   [B, B + P*T)         participant-weeks: active participant p, week t at B + p*T + t
 *   [B + P*T, +T)        week accumulators (where payouts bank cred)
 *   N - 1                the seed, which mints at contributions and receives radiation
 *
 * Transitions other than the seed's live in a compressed sparse row structure indexed by
 * destination ("who flows into y"), so one power-iteration step is a single pass of
 * multiply-adds with no objects or strings. The seed's edges are two dense vectors: its
 * outflow (mint share of each base node) and every node's radiation back to it.
 *
 * Participants with no weighted edge get no nodes at all: in SourceCred's process their weeks
 * receive no mass, so dropping them changes no one's cred and costs nothing.
 *
 * A base node's mint is its evaluated weight, shaped by the weight files' anti-gaming knobs
 * (budgets, container multipliers, reaction cap: mintShaping.ts) when any is set.
 */
import type { NodeAddress } from '../address.js';
import type { Graph, GraphNode } from '../graph.js';
import { contractIdentities, type Identity } from '../identity.js';
import { edgeTypeWeight, hasMintShaping, nodeTypeWeight, type Weights } from '../weights.js';
import { weekStartMs, WEEK_MS, type WeekStart } from '../weeks.js';
import { shapeMint } from './mintShaping.js';
import { TransitionBuilder } from './transitionBuilder.js';
import { contributionShare, type CredRankParams } from './params.js';

export interface MarkovProcess {
  readonly nodeCount: number;
  readonly baseCount: number;
  readonly weekCount: number;
  /** Monday 00:00 UTC of week 0 (NaN when the graph has no usable edge). */
  readonly firstWeekMs: number;
  /** Identity index (into the identities given) of each active participant. */
  readonly participants: Int32Array;
  readonly baseAddresses: readonly NodeAddress[];
  /** Mint (evaluated node weight) of each base node. */
  readonly mint: Float64Array;
  readonly totalMint: number;
  /** CSR by destination over nodes [0, N-1): sources and probabilities of inflows. */
  readonly inStart: Int32Array;
  readonly inSource: Int32Array;
  readonly inProbability: Float64Array;
  /** Probability of each node's step back to the seed (the seed's own entry is 0). */
  readonly radiation: Float64Array;
  readonly params: CredRankParams;
}

/** Resolved, weighted edges: endpoints coded as base index (>= 0) or -(identity + 1). */
interface ResolvedEdges {
  count: number;
  /** Earliest and latest week of any non-dangling edge, weighted or not. */
  minWeekMs: number;
  maxWeekMs: number;
  readonly src: Int32Array;
  readonly dst: Int32Array;
  readonly weekStartMs: Float64Array;
  readonly forwards: Float64Array;
  readonly backwards: Float64Array;
}

interface BaseNodes {
  readonly index: ReadonlyMap<string, number>;
  readonly addresses: NodeAddress[];
  readonly nodes: GraphNode[];
  readonly mint: Float64Array;
}

export function buildMarkovProcess(
  graph: Graph,
  weights: Weights,
  identities: readonly Identity[],
  params: CredRankParams,
): MarkovProcess {
  const owner = contractIdentities(identities);
  const evaluated = indexBaseNodes(graph, weights, owner);
  const edges = resolveEdges(graph, weights, owner, evaluated.index, params.weekStart);
  const base = hasMintShaping(weights)
    ? {
        ...evaluated,
        mint: shapeMint(evaluated.nodes, evaluated.mint, weights, edges, params.weekStart).mint,
      }
    : evaluated;
  const span = timeSpan(graph, edges, params.weekStart);
  const participants = activeParticipants(edges, identities.length);
  return assemble(base, edges, participants, span, params);
}

function indexBaseNodes(
  graph: Graph,
  weights: Weights,
  owner: ReadonlyMap<string, number>,
): BaseNodes {
  const index = new Map<string, number>();
  const addresses: NodeAddress[] = [];
  const nodes: GraphNode[] = [];
  const mintList: number[] = [];
  for (const node of graph.nodes()) {
    if (owner.has(node.address)) continue;
    index.set(node.address, addresses.length);
    addresses.push(node.address);
    nodes.push(node);
    mintList.push(nodeTypeWeight(weights, node.address) * (node.weight ?? 1));
  }
  return { index, addresses, nodes, mint: Float64Array.from(mintList) };
}

function resolveEdges(
  graph: Graph,
  weights: Weights,
  owner: ReadonlyMap<string, number>,
  baseIndex: ReadonlyMap<string, number>,
  weekStart?: WeekStart,
): ResolvedEdges {
  const capacity = graph.edgeCount;
  const edges: ResolvedEdges = {
    count: 0,
    minWeekMs: Infinity,
    maxWeekMs: -Infinity,
    src: new Int32Array(capacity),
    dst: new Int32Array(capacity),
    weekStartMs: new Float64Array(capacity),
    forwards: new Float64Array(capacity),
    backwards: new Float64Array(capacity),
  };
  const code = (address: string): number | undefined => {
    const identity = owner.get(address);
    return identity === undefined ? baseIndex.get(address) : -(identity + 1);
  };
  for (const edge of graph.edges()) {
    const src = code(edge.src);
    const dst = code(edge.dst);
    if (src === undefined || dst === undefined) continue; // dangling: ignored, as in SourceCred
    const week = weekStartMs(edge.timestampMs, weekStart);
    edges.minWeekMs = Math.min(edges.minWeekMs, week);
    edges.maxWeekMs = Math.max(edges.maxWeekMs, week);
    const type = edgeTypeWeight(weights, edge.address);
    const multiplier = edge.weight ?? 1;
    const forwards = type.forwards * multiplier;
    const backwards = type.backwards * multiplier;
    if (forwards === 0 && backwards === 0) continue; // carries no flow either way
    const e = edges.count++;
    edges.src[e] = src;
    edges.dst[e] = dst;
    edges.weekStartMs[e] = week;
    edges.forwards[e] = forwards;
    edges.backwards[e] = backwards;
  }
  return edges;
}

interface WeekSpan {
  readonly firstWeekMs: number;
  readonly weekCount: number;
}

/** Weeks from the earliest to the latest timestamp of any node or non-dangling edge. */
function timeSpan(graph: Graph, edges: ResolvedEdges, weekStart?: WeekStart): WeekSpan {
  if (edges.minWeekMs === Infinity) return { firstWeekMs: Number.NaN, weekCount: 0 };
  let minMs = edges.minWeekMs;
  let maxMs = edges.maxWeekMs;
  for (const node of graph.nodes()) {
    if (node.timestampMs === null) continue;
    const week = weekStartMs(node.timestampMs, weekStart);
    if (week < minMs) minMs = week;
    if (week > maxMs) maxMs = week;
  }
  return { firstWeekMs: minMs, weekCount: (maxMs - minMs) / WEEK_MS + 1 };
}

/** Participant slot of each identity (-1 when it has no weighted edge) and the slot list. */
function activeParticipants(edges: ResolvedEdges, identityCount: number) {
  const slotOf = new Int32Array(identityCount).fill(-1);
  const list: number[] = [];
  const mark = (code: number): void => {
    if (code >= 0) return;
    const identity = -code - 1;
    if (slotOf[identity] === -1) slotOf[identity] = 0;
  };
  for (let e = 0; e < edges.count; e++) {
    mark(edges.src[e] as number);
    mark(edges.dst[e] as number);
  }
  for (let identity = 0; identity < identityCount; identity++) {
    if (slotOf[identity] === 0) {
      slotOf[identity] = list.length;
      list.push(identity);
    }
  }
  return { slotOf, list: Int32Array.from(list) };
}

function assemble(
  base: BaseNodes,
  edges: ResolvedEdges,
  participants: { slotOf: Int32Array; list: Int32Array },
  span: WeekSpan,
  params: CredRankParams,
): MarkovProcess {
  const baseCount = base.addresses.length;
  const weekCount = span.weekCount;
  const epochStart = baseCount;
  const accStart = epochStart + participants.list.length * weekCount;
  const nodeCount = accStart + weekCount + 1;
  const node = (code: number, weekMs: number): number => {
    if (code >= 0) return code;
    const week = (weekMs - span.firstWeekMs) / WEEK_MS;
    return epochStart + (participants.slotOf[-code - 1] as number) * weekCount + week;
  };
  const transitions = new TransitionBuilder(
    nodeCount,
    edges.count * 2 + (accStart - epochStart) * 3,
  );
  const outWeight = new Float64Array(nodeCount);
  for (let e = 0; e < edges.count; e++) {
    const weekMs = edges.weekStartMs[e] as number;
    const src = node(edges.src[e] as number, weekMs);
    const dst = node(edges.dst[e] as number, weekMs);
    outWeight[src] = (outWeight[src] as number) + (edges.forwards[e] as number);
    outWeight[dst] = (outWeight[dst] as number) + (edges.backwards[e] as number);
  }
  const rho = contributionShare(params);
  const massOf = (x: number): number => (x < epochStart ? 1 - params.alpha : rho);
  for (let e = 0; e < edges.count; e++) {
    const weekMs = edges.weekStartMs[e] as number;
    const src = node(edges.src[e] as number, weekMs);
    const dst = node(edges.dst[e] as number, weekMs);
    const forwards = edges.forwards[e] as number;
    const backwards = edges.backwards[e] as number;
    if (forwards > 0)
      transitions.add(src, dst, (massOf(src) * forwards) / (outWeight[src] as number));
    if (backwards > 0)
      transitions.add(dst, src, (massOf(dst) * backwards) / (outWeight[dst] as number));
  }
  const radiation = new Float64Array(nodeCount);
  for (let x = 0; x < epochStart; x++)
    radiation[x] = (outWeight[x] as number) > 0 ? params.alpha : 1;
  const layout = { epochStart, accStart, weekCount, participantCount: participants.list.length };
  addWeekTransitions(transitions, radiation, outWeight, layout, params);
  let totalMint = 0;
  for (let x = 0; x < baseCount; x++) totalMint += base.mint[x] as number;
  return {
    nodeCount,
    baseCount,
    weekCount,
    firstWeekMs: span.firstWeekMs,
    participants: participants.list,
    baseAddresses: base.addresses,
    mint: base.mint,
    totalMint,
    ...transitions.toCsr(),
    radiation,
    params,
  };
}

interface WeekLayout {
  readonly epochStart: number;
  readonly accStart: number;
  readonly weekCount: number;
  readonly participantCount: number;
}

/** Payout, webbing (self-loops at either end) and radiation of participant-weeks. */
function addWeekTransitions(
  transitions: TransitionBuilder,
  radiation: Float64Array,
  outWeight: Float64Array,
  { epochStart, accStart, weekCount, participantCount }: WeekLayout,
  params: CredRankParams,
): void {
  const rho = contributionShare(params);
  for (let p = 0; p < participantCount; p++) {
    for (let t = 0; t < weekCount; t++) {
      const x = epochStart + p * weekCount + t;
      transitions.add(x, accStart + t, params.beta);
      transitions.add(x, t + 1 < weekCount ? x + 1 : x, params.gammaForward);
      transitions.add(x, t > 0 ? x - 1 : x, params.gammaBackward);
      const flowsOut = (outWeight[x] as number) > 0 ? rho : 0;
      radiation[x] = 1 - params.beta - params.gammaForward - params.gammaBackward - flowsOut;
    }
  }
  for (let t = 0; t < weekCount; t++) radiation[accStart + t] = 1;
}

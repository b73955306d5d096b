/**
 * Cred flow on the contribution graph's own edges. The Markov process keeps transition
 * probabilities without saying which graph edge each came from (the hot path needs no strings),
 * so explanations place each weighted graph edge back in the process the way
 * buildMarkovProcess does (identity endpoints become the participant's week of the edge's
 * timestamp) and give it its share of its endpoint's outflow: probability = the endpoint's
 * edge share (1 - alpha for contributions, the contribution share for participant-weeks) times
 * the edge's weight over all the endpoint's edge weights. A test checks these against the
 * process's own transitions, so the two cannot drift apart silently.
 */
import type { EdgeAddress } from '../address.js';
import type { Graph } from '../graph.js';
import { contractIdentities, type Identity } from '../identity.js';
import { edgeTypeWeight, type Weights } from '../weights.js';
import { weekStartMs, WEEK_MS } from '../weeks.js';
import type { CredRankResult } from './credRank.js';
import {
  participantWeek,
  slotOfParticipantWeek,
  weekOfParticipantWeek,
  type MarkovProcess,
} from './markovProcess.js';
import { contributionShare } from './params.js';

/** The weighted graph edges, placed in the process (src and dst are process nodes). */
export interface ProcessEdges {
  readonly count: number;
  readonly address: readonly EdgeAddress[];
  readonly src: Int32Array;
  readonly dst: Int32Array;
  readonly forwards: Float64Array;
  readonly backwards: Float64Array;
}

/** Cred that flowed along each edge, forwards (src to dst) and backwards. */
export interface EdgeFlows {
  readonly forwards: Float64Array;
  readonly backwards: Float64Array;
}

export function processEdges(
  graph: Graph,
  weights: Weights,
  identities: readonly Identity[],
  process: MarkovProcess,
): ProcessEdges {
  const owner = contractIdentities(identities);
  const baseIndex = new Map<string, number>(
    process.baseAddresses.map((address, i) => [address, i]),
  );
  const slotOf = new Int32Array(identities.length).fill(-1);
  process.participants.forEach((identity, slot) => (slotOf[identity] = slot));
  const place = (address: string, weekMs: number): number | undefined => {
    const identity = owner.get(address);
    if (identity === undefined) return baseIndex.get(address);
    const week = (weekMs - process.firstWeekMs) / WEEK_MS;
    return participantWeek(process, slotOf[identity] as number, week);
  };
  const address: EdgeAddress[] = [];
  const src: number[] = [];
  const dst: number[] = [];
  const forwards: number[] = [];
  const backwards: number[] = [];
  for (const edge of graph.edges()) {
    const type = edgeTypeWeight(weights, edge.address);
    const multiplier = edge.weight ?? 1;
    if (type.forwards * multiplier === 0 && type.backwards * multiplier === 0) continue;
    const weekMs = weekStartMs(edge.timestampMs, process.params.weekStart);
    const from = place(edge.src, weekMs);
    const to = place(edge.dst, weekMs);
    if (from === undefined || to === undefined) continue; // dangling: no flow
    address.push(edge.address);
    src.push(from);
    dst.push(to);
    forwards.push(type.forwards * multiplier);
    backwards.push(type.backwards * multiplier);
  }
  return {
    count: address.length,
    address,
    src: Int32Array.from(src),
    dst: Int32Array.from(dst),
    forwards: Float64Array.from(forwards),
    backwards: Float64Array.from(backwards),
  };
}

/** Transition probability of every edge in each direction (0 where the weight is 0). */
export function edgeProbabilities(edges: ProcessEdges, process: MarkovProcess): EdgeFlows {
  const outWeight = new Float64Array(process.nodeCount);
  for (let e = 0; e < edges.count; e++) {
    const s = edges.src[e] as number;
    const d = edges.dst[e] as number;
    outWeight[s] = (outWeight[s] as number) + (edges.forwards[e] as number);
    outWeight[d] = (outWeight[d] as number) + (edges.backwards[e] as number);
  }
  const rho = contributionShare(process.params);
  const edgeShare = (x: number): number =>
    (x < process.baseCount ? 1 - process.params.alpha : rho) / (outWeight[x] as number);
  const forwards = new Float64Array(edges.count);
  const backwards = new Float64Array(edges.count);
  for (let e = 0; e < edges.count; e++) {
    const s = edges.src[e] as number;
    const d = edges.dst[e] as number;
    const f = edges.forwards[e] as number;
    const b = edges.backwards[e] as number;
    forwards[e] = f > 0 ? edgeShare(s) * f : 0;
    backwards[e] = b > 0 ? edgeShare(d) * b : 0;
  }
  return { forwards, backwards };
}

/** Cred per step along each edge in each direction: stationary mass x probability x scale. */
export function edgeFlows(edges: ProcessEdges, result: CredRankResult): EdgeFlows {
  const probability = edgeProbabilities(edges, result.process);
  const forwards = new Float64Array(edges.count);
  const backwards = new Float64Array(edges.count);
  for (let e = 0; e < edges.count; e++) {
    const s = edges.src[e] as number;
    const d = edges.dst[e] as number;
    forwards[e] =
      (result.stationary[s] as number) * (probability.forwards[e] as number) * result.scale;
    backwards[e] =
      (result.stationary[d] as number) * (probability.backwards[e] as number) * result.scale;
  }
  return { forwards, backwards };
}

/** One edge that carried flow into a participant's chain, and how much. */
export interface EdgeInflow {
  readonly edge: number;
  /** True when the flow went from the edge's src to its dst. */
  readonly forwards: boolean;
  readonly flow: number;
}

/**
 * For each participant slot, the edges that carried flow into its chain from outside it,
 * grouped like explanation sources: by `${source}:${entryWeek}`, the source being a base node
 * index or -(identity + 1). One pass over the edges; `onlySlot` keeps a single participant.
 */
export function inflowEdges(
  edges: ProcessEdges,
  flows: EdgeFlows,
  process: MarkovProcess,
  onlySlot?: number,
): Map<number, Map<string, EdgeInflow[]>> {
  const { baseCount } = process;
  const slotOf = (x: number): number => (x < baseCount ? -1 : slotOfParticipantWeek(process, x));
  const sourceOf = (y: number): number =>
    y < baseCount ? y : -((process.participants[slotOf(y)] as number) + 1);
  const bySlot = new Map<number, Map<string, EdgeInflow[]>>();
  const add = (source: number, into: number, edge: number, forwards: boolean): void => {
    const flow = (forwards ? flows.forwards : flows.backwards)[edge] as number;
    const slot = slotOf(into);
    if (flow <= 0 || slot === -1 || slotOf(source) === slot) return;
    if (onlySlot !== undefined && slot !== onlySlot) return;
    let groups = bySlot.get(slot);
    if (groups === undefined) bySlot.set(slot, (groups = new Map()));
    const key = `${sourceOf(source)}:${weekOfParticipantWeek(process, into)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [{ edge, forwards, flow }]);
    else group.push({ edge, forwards, flow });
  };
  for (let e = 0; e < edges.count; e++) {
    const s = edges.src[e] as number;
    const d = edges.dst[e] as number;
    add(s, d, e, true);
    add(d, s, e, false);
  }
  return bySlot;
}

/**
 * Cred flow on the contribution graph's own edges. The Markov process keeps transition
 * probabilities without saying which graph edge each came from (the hot path needs no strings),
 * so explanations place each weighted graph edge back in the process with buildMarkovProcess's
 * own steps (placedEdges: identity endpoints become the participant's week of the edge's
 * timestamp) and give it its share of its endpoint's outflow: probability = the endpoint's
 * edge share (1 - alpha for contributions, the contribution share for participant-weeks) times
 * the edge's weight over all the endpoint's edge weights. A test checks these against the
 * process's own transitions, so the two cannot drift apart silently. Edges stay columns, and
 * an edge's address is decoded only when an explanation names it.
 */
import type { EdgeAddress } from '../address.js';
import type { Graph } from '../graph.js';
import { storedStringAt } from '../graphStrings.js';
import type { Identity } from '../identity.js';
import type { Weights } from '../weights.js';
import type { CredRankResult } from './credRank.js';
import {
  placedEdges,
  slotOfParticipantWeek,
  weekOfParticipantWeek,
  type MarkovProcess,
  type PlacedEdges,
} from './markovProcess.js';
import { contributionShare } from './params.js';

/** The weighted graph edges, placed in the process (src and dst are process nodes). */
export interface ProcessEdges extends PlacedEdges {
  /** The address of edge `e` (decoded when asked: most edges are never named). */
  addressOf(e: number): EdgeAddress;
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
  const placed = placedEdges(graph, weights, identities, process);
  const addresses = graph.storedColumns().edgeAddress;
  return {
    ...placed,
    addressOf: (e) => storedStringAt(addresses, placed.edgeIndex[e] as number) as EdgeAddress,
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

/**
 * The Markov process graph of CredRank (SourceCred's formulation, reference section 2.3), built
 * directly as typed arrays. Node layout:
 *
 *   [0, B)               base nodes: every graph node that is not an identity's alias
 *   [B, B + P*T)         participant-weeks: active participant p, week t at B + t*P + p
 *   [B + P*T, +T)        week accumulators (where payouts bank cred)
 *   N - 1                the seed, which mints at contributions and receives radiation
 *
 * Transitions other than the seed's live in a compressed sparse row structure indexed by
 * destination ("who flows into y"), so one power-iteration step is a single pass of
 * multiply-adds with no objects or strings. The seed's edges are two dense vectors: its
 * outflow (mint share of each base node) and every node's radiation back to it.
 *
 * Participant-weeks are week-major: a week's contributions flow into that week's participants,
 * which then sit together in memory. At 10M edges and 16,000 participants a step reads them
 * from a 128 KB window instead of all over 6.6 MB, and takes a third less time. The order in
 * which a step updates them keeps every dependency of the participant-major order it replaced
 * (a chain's earlier weeks first, a week's lower slots first), decision 0814.
 *
 * Participants with no weighted edge get no nodes at all: in SourceCred's process their weeks
 * receive no mass, so dropping them changes no one's cred and costs nothing.
 *
 * A base node's mint is its evaluated weight, shaped by the weight files' anti-gaming knobs
 * (budgets, container multipliers, reaction cap: mintShaping.ts) when any is set.
 */
import type { NodeAddress } from '../address.js';
import type { Graph } from '../graph.js';
import {
  parentsOf,
  storedStringAt,
  type ParentGroups,
  type StoredGraphColumns,
  type StringStore,
} from '../graphStrings.js';
import { contractIdentities, type Identity } from '../identity.js';
import { hasMintShaping, type Weights } from '../weights.js';
import { weekStartMs, WEEK_MS, type WeekStart } from '../weeks.js';
import { shapeMint } from './mintShaping.js';
import { processRows, type WeekLayout } from './processRows.js';
import { edgeTypeColumns, nodeTypeWeights, type EdgeTypeColumns } from './typeWeights.js';
import { contributionShare, type CredRankParams } from './params.js';

export interface MarkovProcess {
  readonly nodeCount: number;
  readonly baseCount: number;
  readonly weekCount: number;
  /** Monday 00:00 UTC of week 0 (NaN when the graph has no usable edge). */
  readonly firstWeekMs: number;
  /** Identity index (into the identities given) of each active participant. */
  readonly participants: Int32Array;
  /** Each base node's address, decoded from the graph's table when first read. */
  readonly baseAddresses: readonly NodeAddress[];
  /** Each base node's address id in the graph, and the graph's addresses as it stores them. */
  readonly baseAddressIds: Int32Array;
  readonly addressStore: StringStore;
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

/** What places a participant-week: where they start and how many participants each week has. */
export type ParticipantWeekLayout = Pick<MarkovProcess, 'baseCount'> & {
  readonly participants: { readonly length: number };
};

/** The node of participant `slot` in week `week`. */
export function participantWeek(layout: ParticipantWeekLayout, slot: number, week: number): number {
  return layout.baseCount + week * layout.participants.length + slot;
}

/** The participant slot of participant-week node `x`. */
export function slotOfParticipantWeek(layout: ParticipantWeekLayout, x: number): number {
  return (x - layout.baseCount) % layout.participants.length;
}

/** The week of participant-week node `x`. */
export function weekOfParticipantWeek(layout: ParticipantWeekLayout, x: number): number {
  return Math.floor((x - layout.baseCount) / layout.participants.length);
}

/**
 * Resolved, weighted edges: endpoints coded as base index (>= 0) or -(identity + 1). `assemble`
 * turns them in place into the process's edges (ProcessEdges: nodes and probabilities).
 */
interface ResolvedEdges {
  readonly count: number;
  /** Earliest and latest week of any non-dangling edge, weighted or not. */
  readonly minWeekMs: number;
  readonly maxWeekMs: number;
  readonly src: Int32Array;
  readonly dst: Int32Array;
  readonly weekStartMs: Float64Array;
  readonly forwards: Float64Array;
  readonly backwards: Float64Array;
  /** Each kept edge's index among the graph's edges, when asked for (placedEdges). */
  readonly edgeIndex: Int32Array | null;
}

interface BaseNodes {
  /** Base index of each address id of the graph, -1 for none (an alias, a dangling end). */
  readonly baseOf: Int32Array;
  /** Graph node index of each base node. */
  readonly nodeIndex: Int32Array;
  /** Address id of each base node. */
  readonly addressIds: Int32Array;
  readonly mint: Float64Array;
}

export function buildMarkovProcess(
  graph: Graph,
  weights: Weights,
  identities: readonly Identity[],
  params: CredRankParams,
): MarkovProcess {
  const { columns, parents, ownerOf } = ownedColumns(graph, identities);
  const evaluated = indexBaseNodes(columns, weights, ownerOf, parents);
  const edgeTypes = edgeTypeColumns(graph, weights);
  const edges = resolveEdges(columns, edgeTypes, ownerOf, evaluated.baseOf, params.weekStart);
  const base = hasMintShaping(weights)
    ? {
        ...evaluated,
        mint: shapeMint(
          Array.from(evaluated.nodeIndex, (x) => graph.nodeAt(x)),
          evaluated.mint,
          weights,
          edges,
          params.weekStart,
        ).mint,
      }
    : evaluated;
  const span = timeSpan(columns, edges, params.weekStart);
  const participants = activeParticipants(edges, identities.length);
  return assemble(base, columns.addresses, edges, participants, span, params);
}

/** A graph's stored columns, its addresses grouped by parent, and the identity owning each. */
function ownedColumns(graph: Graph, identities: readonly Identity[]) {
  // Stored columns: a graph file's addresses stay bytes, read by parent (graphStrings.ts).
  const columns = graph.storedColumns();
  const parents = parentsOf(columns.addresses);
  const ownerOf = ownersOf(columns.addresses, parents, contractIdentities(identities));
  return { columns, parents, ownerOf };
}

/**
 * Identity owning each address id (it is one of its aliases), -1 for none. Only addresses
 * under a parent some alias has are looked up: a graph's millions of contributions share a
 * few parents that hold no account.
 */
function ownersOf(
  addresses: StringStore,
  { parents, parentOf }: ParentGroups,
  owner: ReadonlyMap<string, number>,
): Int32Array {
  const aliasParents = new Set<string>();
  for (const alias of owner.keys()) {
    const slash = alias.lastIndexOf('/');
    if (slash > 0) aliasParents.add(alias.slice(0, slash));
  }
  const mayOwn = Uint8Array.from(parents, (parent) => (aliasParents.has(parent) ? 1 : 0));
  const ownerOf = new Int32Array(parentOf.length).fill(-1);
  for (let id = 0; id < parentOf.length; id++) {
    const parent = parentOf[id] as number;
    if (parent !== -1 && mayOwn[parent] === 0) continue;
    const identity = owner.get(storedStringAt(addresses, id));
    if (identity !== undefined) ownerOf[id] = identity;
  }
  return ownerOf;
}

function indexBaseNodes(
  columns: StoredGraphColumns,
  weights: Weights,
  ownerOf: Int32Array,
  parents: ParentGroups,
): BaseNodes {
  const { addresses: table, nodeAddress, nodeWeight } = columns;
  const baseOf = new Int32Array(ownerOf.length).fill(-1);
  const typeWeight = nodeTypeWeights(table, weights, parents);
  let count = 0;
  for (let x = 0; x < nodeAddress.length; x++) {
    if ((ownerOf[nodeAddress[x] as number] as number) === -1) count++;
  }
  const nodeIndex = new Int32Array(count);
  const addressIds = new Int32Array(count);
  const mint = new Float64Array(count);
  let b = 0;
  for (let x = 0; x < nodeAddress.length; x++) {
    const id = nodeAddress[x] as number;
    if ((ownerOf[id] as number) !== -1) continue;
    baseOf[id] = b;
    nodeIndex[b] = x;
    addressIds[b] = id;
    const weight = nodeWeight[x] as number;
    mint[b] = typeWeight(id) * (Number.isNaN(weight) ? 1 : weight);
    b++;
  }
  return { baseOf, nodeIndex, addressIds, mint };
}

function resolveEdges(
  columns: StoredGraphColumns,
  { groupOf, forwards: typeForwards, backwards: typeBackwards }: EdgeTypeColumns,
  ownerOf: Int32Array,
  baseOf: Int32Array,
  weekStart?: WeekStart,
  keepIndex = false,
): ResolvedEdges {
  const capacity = columns.edgeSrc.length;
  const edgeIndex = keepIndex ? new Int32Array(capacity) : null;
  const src = new Int32Array(capacity);
  const dst = new Int32Array(capacity);
  const weekStarts = new Float64Array(capacity);
  const forwardWeights = new Float64Array(capacity);
  const backwardWeights = new Float64Array(capacity);
  const codeOf = endpointCodes(ownerOf, baseOf);
  const { edgeSrc, edgeDst, edgeTimestampMs, edgeWeight } = columns;
  let count = 0;
  let minWeekMs = Infinity;
  let maxWeekMs = -Infinity;
  for (let k = 0; k < capacity; k++) {
    const from = codeOf[edgeSrc[k] as number] as number;
    const to = codeOf[edgeDst[k] as number] as number;
    if (from === NO_ENDPOINT || to === NO_ENDPOINT) continue; // dangling: ignored, as in SourceCred
    const week = weekStartMs(edgeTimestampMs[k] as number, weekStart);
    if (week < minWeekMs) minWeekMs = week;
    if (week > maxWeekMs) maxWeekMs = week;
    const group = groupOf[k] as number;
    const weight = edgeWeight[k] as number;
    const multiplier = Number.isNaN(weight) ? 1 : weight;
    const forwards = (typeForwards[group] as number) * multiplier;
    const backwards = (typeBackwards[group] as number) * multiplier;
    if (forwards === 0 && backwards === 0) continue; // carries no flow either way
    src[count] = from;
    dst[count] = to;
    weekStarts[count] = week;
    forwardWeights[count] = forwards;
    backwardWeights[count] = backwards;
    if (edgeIndex !== null) edgeIndex[count] = k;
    count++;
  }
  return {
    count,
    minWeekMs,
    maxWeekMs,
    src,
    dst,
    weekStartMs: weekStarts,
    forwards: forwardWeights,
    backwards: backwardWeights,
    edgeIndex,
  };
}

/**
 * Each address id as an edge endpoint: its base index (>= 0), -(identity + 1) for an alias,
 * NO_ENDPOINT for a dangling end. One array, so an endpoint costs one random read, not two.
 */
function endpointCodes(ownerOf: Int32Array, baseOf: Int32Array): Int32Array {
  const codeOf = new Int32Array(ownerOf.length);
  for (let id = 0; id < ownerOf.length; id++) {
    const identity = ownerOf[id] as number;
    const base = baseOf[id] as number;
    codeOf[id] = identity !== -1 ? -(identity + 1) : base === -1 ? NO_ENDPOINT : base;
  }
  return codeOf;
}

/** An address that is neither a base node nor an identity's alias (a dangling end). */
export const NO_ENDPOINT = -(2 ** 31);

interface WeekSpan {
  readonly firstWeekMs: number;
  readonly weekCount: number;
}

/** Weeks from the earliest to the latest timestamp of any node or non-dangling edge. */
function timeSpan(
  columns: StoredGraphColumns,
  edges: ResolvedEdges,
  weekStart?: WeekStart,
): WeekSpan {
  if (edges.minWeekMs === Infinity) return { firstWeekMs: Number.NaN, weekCount: 0 };
  let minMs = edges.minWeekMs;
  let maxMs = edges.maxWeekMs;
  for (const time of columns.nodeTimestampMs) {
    if (Number.isNaN(time)) continue;
    const week = weekStartMs(time, weekStart);
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
  addressStore: StringStore,
  edges: ResolvedEdges,
  participants: { slotOf: Int32Array; list: Int32Array },
  span: WeekSpan,
  params: CredRankParams,
): MarkovProcess {
  const baseCount = base.addressIds.length;
  const weekCount = span.weekCount;
  const epochStart = baseCount;
  const accStart = epochStart + participants.list.length * weekCount;
  const nodeCount = accStart + weekCount + 1;
  // Each edge's endpoints as process nodes (an identity's end is its participant-week).
  const node = (code: number, weekMs: number): number => {
    if (code >= 0) return code;
    const week = (weekMs - span.firstWeekMs) / WEEK_MS;
    return (
      epochStart + week * participants.list.length + (participants.slotOf[-code - 1] as number)
    );
  };
  // The edges are used up here: in place, their endpoint codes become process nodes and their
  // weights transition probabilities (no fresh memory: 24 bytes an edge at first touch).
  const { src, dst, forwards, backwards } = edges;
  const outWeight = new Float64Array(nodeCount);
  for (let e = 0; e < edges.count; e++) {
    const weekMs = edges.weekStartMs[e] as number;
    const from = (src[e] = node(src[e] as number, weekMs));
    const to = (dst[e] = node(dst[e] as number, weekMs));
    outWeight[from] = (outWeight[from] as number) + (forwards[e] as number);
    outWeight[to] = (outWeight[to] as number) + (backwards[e] as number);
  }
  const layout = { epochStart, accStart, weekCount, participantCount: participants.list.length };
  // Both shares computed before the loop: an expression first met half-way through a long
  // loop (the first edge between two base nodes) made V8 drop the loop's optimized code.
  const baseMass = 1 - params.alpha;
  const rho = contributionShare(params);
  for (let e = 0; e < edges.count; e++) {
    const from = src[e] as number;
    const to = dst[e] as number;
    const forward = forwards[e] as number;
    const backward = backwards[e] as number;
    const fromMass = from < epochStart ? baseMass : rho;
    const toMass = to < epochStart ? baseMass : rho;
    forwards[e] = forward > 0 ? (fromMass * forward) / (outWeight[from] as number) : 0;
    backwards[e] = backward > 0 ? (toMass * backward) / (outWeight[to] as number) : 0;
  }
  const rows = processRows(nodeCount, edges, layout, params);
  let baseAddresses: readonly NodeAddress[] | undefined;
  let totalMint = 0;
  for (let x = 0; x < baseCount; x++) totalMint += base.mint[x] as number;
  return {
    nodeCount,
    baseCount,
    weekCount,
    firstWeekMs: span.firstWeekMs,
    participants: participants.list,
    // Decoded on first read: `cred score` itself never reads them (graphStrings.ts).
    get baseAddresses(): readonly NodeAddress[] {
      return (baseAddresses ??= Array.from(
        base.addressIds,
        (id) => storedStringAt(addressStore, id) as NodeAddress,
      ));
    },
    baseAddressIds: base.addressIds,
    addressStore,
    mint: base.mint,
    totalMint,
    ...rows,
    radiation: radiationOf(nodeCount, outWeight, layout, params),
    params,
  };
}

/** The graph's weighted edges placed in a process: nodes, weights and graph edge indexes. */
export interface PlacedEdges {
  readonly count: number;
  /** Each edge's index among the graph's edges (graph edge order is kept). */
  readonly edgeIndex: Int32Array;
  readonly src: Int32Array;
  readonly dst: Int32Array;
  /** Type weight times the edge's own weight, src to dst. */
  readonly forwards: Float64Array;
  /** The same, dst to src. */
  readonly backwards: Float64Array;
}

/**
 * The weighted graph edges as `buildMarkovProcess` placed them in `process` (built from the
 * same graph, weights and identities): an identity's end is its participant-week of the
 * edge's week, dangling and weightless edges are left out. With the same steps as the build
 * and no object or string per edge, so explaining a million-edge graph costs what scoring it
 * does; explanations and the site read flow on these (explainEdges.ts, decision 0817).
 */
export function placedEdges(
  graph: Graph,
  weights: Weights,
  identities: readonly Identity[],
  process: MarkovProcess,
): PlacedEdges {
  const { columns, ownerOf, baseOf } = processEndpoints(graph, identities, process);
  const edgeTypes = edgeTypeColumns(graph, weights);
  const resolved = resolveEdges(
    columns,
    edgeTypes,
    ownerOf,
    baseOf,
    process.params.weekStart,
    true,
  );
  const slotOf = new Int32Array(identities.length).fill(-1);
  process.participants.forEach((identity, slot) => (slotOf[identity] = slot));
  const { count, src, dst } = resolved;
  for (let e = 0; e < count; e++) {
    const week = ((resolved.weekStartMs[e] as number) - process.firstWeekMs) / WEEK_MS;
    const from = src[e] as number;
    const to = dst[e] as number;
    if (from < 0) src[e] = participantWeek(process, slotOf[-from - 1] as number, week);
    if (to < 0) dst[e] = participantWeek(process, slotOf[-to - 1] as number, week);
  }
  return {
    count,
    edgeIndex: (resolved.edgeIndex as Int32Array).subarray(0, count),
    src: src.subarray(0, count),
    dst: dst.subarray(0, count),
    forwards: resolved.forwards.subarray(0, count),
    backwards: resolved.backwards.subarray(0, count),
  };
}

/** The graph's columns, and the identity and base node of each address id in `process`. */
function processEndpoints(graph: Graph, identities: readonly Identity[], process: MarkovProcess) {
  const { columns, ownerOf } = ownedColumns(graph, identities);
  const baseOf = new Int32Array(ownerOf.length).fill(-1);
  process.baseAddressIds.forEach((id, b) => (baseOf[id] = b));
  return { columns, ownerOf, baseOf };
}

/**
 * Each address id of `graph` as an edge endpoint in `process` (built from the same graph and
 * identities): its base index (>= 0), -(identity + 1) for an identity's alias, NO_ENDPOINT for
 * neither; and the graph's stored columns. What `buildMarkovProcess` resolves edges with.
 */
export function endpointCodesOf(
  graph: Graph,
  identities: readonly Identity[],
  process: MarkovProcess,
): { columns: StoredGraphColumns; codeOf: Int32Array } {
  const { columns, ownerOf, baseOf } = processEndpoints(graph, identities, process);
  return { columns, codeOf: endpointCodes(ownerOf, baseOf) };
}

/** Each node's step back to the seed: what its edges, payout and webbing leave. */
function radiationOf(
  nodeCount: number,
  outWeight: Float64Array,
  { epochStart, accStart, weekCount }: WeekLayout,
  params: CredRankParams,
): Float64Array {
  const radiation = new Float64Array(nodeCount);
  for (let x = 0; x < epochStart; x++)
    radiation[x] = (outWeight[x] as number) > 0 ? params.alpha : 1;
  const rho = contributionShare(params);
  for (let x = epochStart; x < accStart; x++) {
    const flowsOut = (outWeight[x] as number) > 0 ? rho : 0;
    radiation[x] = 1 - params.beta - params.gammaForward - params.gammaBackward - flowsOut;
  }
  for (let t = 0; t < weekCount; t++) radiation[accStart + t] = 1;
  return radiation;
}

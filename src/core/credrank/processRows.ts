/**
 * The inflow rows (CSR by destination) of CredRank's Markov process, built from its edges'
 * transition probabilities and the participant-week layout in two plain passes: one counts
 * each destination's inflows, one places them. `cred score` runs this once per process on up
 * to millions of edges, so the loops call nothing: a callback per transition (as a generic
 * builder takes) kept them in V8's slower tiers for most of their single run.
 *
 * Within a row, inflows come in this order: for each edge in turn its forward transition
 * (into its destination's row) then its backward one (into its source's); then, per
 * participant and week, payout, forward webbing and backward webbing. Each step sums a row in
 * that order, so the order is part of the result. Participant-weeks are week-major
 * (markovProcess.ts): participant p's week t is epochStart + t * participantCount + p.
 */
import type { CredRankParams } from './params.js';

/** Process edges: endpoints as process nodes, and the probability of each direction. */
export interface ProcessEdges {
  readonly count: number;
  readonly src: Int32Array;
  readonly dst: Int32Array;
  /** Probability of the step src -> dst (0: no transition). */
  readonly forwards: Float64Array;
  /** Probability of the step dst -> src (0: no transition). */
  readonly backwards: Float64Array;
}

export interface WeekLayout {
  readonly epochStart: number;
  readonly accStart: number;
  readonly weekCount: number;
  readonly participantCount: number;
}

export interface InflowRows {
  readonly inStart: Int32Array;
  readonly inSource: Int32Array;
  readonly inProbability: Float64Array;
}

export function processRows(
  nodeCount: number,
  edges: ProcessEdges,
  layout: WeekLayout,
  params: CredRankParams,
): InflowRows {
  const inStart = countInflows(nodeCount, edges, layout, params);
  const cursor = inStart.slice(0, nodeCount);
  const inSource = new Int32Array(inStart[nodeCount] as number);
  const inProbability = new Float64Array(inSource.length);
  const { count, src, dst, forwards, backwards } = edges;
  for (let e = 0; e < count; e++) {
    const from = src[e] as number;
    const to = dst[e] as number;
    const forward = forwards[e] as number;
    const backward = backwards[e] as number;
    if (forward !== 0) {
      const slot = cursor[to]!++;
      inSource[slot] = from;
      inProbability[slot] = forward;
    }
    if (backward !== 0) {
      const slot = cursor[from]!++;
      inSource[slot] = to;
      inProbability[slot] = backward;
    }
  }
  const { epochStart, accStart, weekCount, participantCount } = layout;
  const { beta, gammaForward, gammaBackward } = params;
  const stride = participantCount;
  for (let p = 0; p < participantCount; p++) {
    for (let t = 0; t < weekCount; t++) {
      const x = epochStart + t * stride + p;
      if (beta !== 0) {
        const slot = cursor[accStart + t]!++;
        inSource[slot] = x;
        inProbability[slot] = beta;
      }
      if (gammaForward !== 0) {
        const slot = cursor[t + 1 < weekCount ? x + stride : x]!++;
        inSource[slot] = x;
        inProbability[slot] = gammaForward;
      }
      if (gammaBackward !== 0) {
        const slot = cursor[t > 0 ? x - stride : x]!++;
        inSource[slot] = x;
        inProbability[slot] = gammaBackward;
      }
    }
  }
  return { inStart, inSource, inProbability };
}

/** Row starts: inStart[y] is where node y's inflows begin, inStart[nodeCount] their count. */
function countInflows(
  nodeCount: number,
  { count, src, dst, forwards, backwards }: ProcessEdges,
  { epochStart, accStart, weekCount, participantCount }: WeekLayout,
  { beta, gammaForward, gammaBackward }: CredRankParams,
): Int32Array {
  const inStart = new Int32Array(nodeCount + 1);
  for (let e = 0; e < count; e++) {
    if (forwards[e] !== 0) inStart[(dst[e] as number) + 1]! += 1;
    if (backwards[e] !== 0) inStart[(src[e] as number) + 1]! += 1;
  }
  const stride = participantCount;
  for (let p = 0; p < participantCount; p++) {
    for (let t = 0; t < weekCount; t++) {
      const x = epochStart + t * stride + p;
      if (beta !== 0) inStart[accStart + t + 1]! += 1;
      if (gammaForward !== 0) inStart[(t + 1 < weekCount ? x + stride : x) + 1]! += 1;
      if (gammaBackward !== 0) inStart[(t > 0 ? x - stride : x) + 1]! += 1;
    }
  }
  for (let y = 0; y < nodeCount; y++) inStart[y + 1]! += inStart[y] as number;
  return inStart;
}

/**
 * Explanations: which contributions (and which other people) a participant's cred came from,
 * by flow decomposition of CredRank's stationary flow.
 *
 * A participant's weeks form a chain: each week's node receives flow from outside (the
 * contributions and people it is joined to in that week) and from its neighbouring weeks
 * (webbing), and banks a share of its mass as that week's cred. Writing the chain as
 * m = W m + E (W: webbing and same-week loops, E: inflows from outside the chain), the mass of
 * every week is m = (I - W)^-1 E, so the cred of any set of weeks is a sum over the outside
 * inflows, each weighted by how much of it ends up banked in those weeks. An inflow that entered
 * in another week is listed with that `entryWeek` ("carried from week X"), never hidden inside a
 * neighbouring week's total. (I - W) is tridiagonal, so each explanation costs O(weeks) plus
 * O(inflows). The listed shares are scaled to add up exactly to the cred being explained; the
 * factor applied is reported (it is 1 up to the convergence residual).
 * docs/decisions/0250-flow-decomposition.md records the choice.
 */
import { assert } from '../errors.js';
import type { CredRankResult } from './credRank.js';
import { participantWeek, slotOfParticipantWeek, weekOfParticipantWeek } from './markovProcess.js';

export interface ParticipantChain {
  readonly identity: number;
  readonly weekCount: number;
  /** The participant's slot in the process: week t is node `participantWeek(process, slot, t)`. */
  readonly slot: number;
  /** The identity's cred per week (from the result). */
  readonly cred: Float64Array;
  /** Stationary mass of each week's node. */
  readonly mass: Float64Array;
  /** W as three diagonals: flow probability into week t from weeks t-1, t and t+1. */
  readonly fromPrevious: Float64Array;
  readonly fromSame: Float64Array;
  readonly fromNext: Float64Array;
  /** Inflows from outside the chain, summed per (source, entry week). */
  readonly sources: ChainSources;
}

export interface ChainSources {
  /** A base node index (>= 0), or -(identity + 1) for another participant's week. */
  readonly node: Int32Array;
  readonly entryWeek: Int32Array;
  /** Stationary flow (unscaled probability mass per step). */
  readonly mass: Float64Array;
}

export interface CredSource {
  /** A base node index (>= 0) of the process, or -(identity + 1) for another participant. */
  readonly node: number;
  /** The week in which this flow reached the participant (the explained week, or a neighbour). */
  readonly entryWeek: number;
  readonly cred: number;
}

export interface CredExplanation {
  readonly identity: number;
  readonly fromWeek: number;
  /** Exclusive. */
  readonly toWeek: number;
  /** The identity's cred over [fromWeek, toWeek): what the sources add up to. */
  readonly cred: number;
  /** Sources with cred > 0, largest first (ties: node, then entry week). */
  readonly sources: readonly CredSource[];
  /** Factor applied so the sources add up exactly; 1 up to the convergence residual. */
  readonly normalization: number;
}

/** The chain of `identity` (its index in the identities given to CredRank), or undefined. */
export function participantChain(
  result: CredRankResult,
  identity: number,
): ParticipantChain | undefined {
  const slot = result.process.participants.indexOf(identity);
  return slot === -1 ? undefined : participantChainAt(result, slot);
}

/** The chain of the participant in `slot` (an index into `result.process.participants`). */
export function participantChainAt(result: CredRankResult, slot: number): ParticipantChain {
  const { process, stationary } = result;
  const identity = process.participants[slot] as number;
  const weekCount = process.weekCount;
  const fromPrevious = new Float64Array(weekCount);
  const fromSame = new Float64Array(weekCount);
  const fromNext = new Float64Array(weekCount);
  const outside = new Map<string, { node: number; entryWeek: number; mass: number }>();
  const epochEnd = process.baseCount + process.participants.length * weekCount;
  const inChain = (y: number): boolean =>
    y >= process.baseCount && y < epochEnd && slotOfParticipantWeek(process, y) === slot;
  for (let t = 0; t < weekCount; t++) {
    const x = participantWeek(process, slot, t);
    for (let k = process.inStart[x] as number; k < (process.inStart[x + 1] as number); k++) {
      const y = process.inSource[k] as number;
      const probability = process.inProbability[k] as number;
      if (inChain(y)) {
        const week = weekOfParticipantWeek(process, y);
        const diagonal = week - t;
        assert(Math.abs(diagonal) <= 1, `week ${t} of a chain receives flow from week ${week}`);
        const into = diagonal === -1 ? fromPrevious : diagonal === 0 ? fromSame : fromNext;
        into[t] = (into[t] as number) + probability;
        continue;
      }
      assert(y < epochEnd, `participant-week ${x} receives flow from node ${y}`);
      const node =
        y < process.baseCount
          ? y
          : -((process.participants[slotOfParticipantWeek(process, y)] as number) + 1);
      const key = `${node}:${t}`;
      const mass = (stationary[y] as number) * probability;
      const entry = outside.get(key);
      if (entry === undefined) outside.set(key, { node, entryWeek: t, mass });
      else entry.mass += mass;
    }
  }
  const list = [...outside.values()];
  return {
    identity,
    weekCount,
    slot,
    cred: Float64Array.from(result.credByIdentity[identity] as Float64Array),
    mass: Float64Array.from(
      { length: weekCount },
      (_, t) => stationary[participantWeek(process, slot, t)] as number,
    ),
    fromPrevious,
    fromSame,
    fromNext,
    sources: {
      node: Int32Array.from(list, (entry) => entry.node),
      entryWeek: Int32Array.from(list, (entry) => entry.entryWeek),
      mass: Float64Array.from(list, (entry) => entry.mass),
    },
  };
}

/**
 * An explanation as columns over the chain's sources (ChainSources), for callers that explain
 * every week of every participant (the explorer): no object per source.
 */
export interface ChainExplanation {
  /** The cred over [fromWeek, toWeek) when any source carries some, else 0. */
  readonly cred: number;
  readonly normalization: number;
  /** Each chain source's cred (0 for one that banks nothing in these weeks). */
  readonly sourceCred: Float64Array;
  /** The sources with cred > 0 (indexes into the chain's sources), largest first. */
  readonly order: Int32Array;
}

/** The sources of the chain's cred over weeks [fromWeek, toWeek), as columns. */
export function explainChainColumns(
  chain: ParticipantChain,
  fromWeek: number,
  toWeek: number,
): ChainExplanation {
  assert(
    0 <= fromWeek && fromWeek <= toWeek && toWeek <= chain.weekCount,
    `weeks [${fromWeek}, ${toWeek}) outside [0, ${chain.weekCount})`,
  );
  let target = 0;
  for (let t = fromWeek; t < toWeek; t++) target += chain.cred[t] as number;
  const banked = bankedPerInflow(chain, fromWeek, toWeek);
  const { node, entryWeek, mass } = chain.sources;
  const sourceCred = new Float64Array(node.length);
  let rawTotal = 0;
  for (let k = 0; k < node.length; k++) {
    sourceCred[k] = (banked[entryWeek[k] as number] as number) * (mass[k] as number);
    rawTotal += sourceCred[k] as number;
  }
  let positive = 0;
  for (let k = 0; k < node.length; k++) {
    // Its share of the target: a source that is all of it gets exactly the target.
    const cred = target * ((sourceCred[k] as number) / rawTotal);
    sourceCred[k] = cred > 0 ? cred : 0;
    if (cred > 0) positive++;
  }
  const order = new Int32Array(positive);
  for (let k = 0, at = 0; k < node.length; k++) if ((sourceCred[k] as number) > 0) order[at++] = k;
  // Largest first; ties: node, then entry week.
  order.sort(
    (a, b) =>
      (sourceCred[b] as number) - (sourceCred[a] as number) ||
      (node[a] as number) - (node[b] as number) ||
      (entryWeek[a] as number) - (entryWeek[b] as number),
  );
  return {
    cred: rawTotal > 0 ? target : 0,
    normalization: rawTotal > 0 ? target / rawTotal : 0,
    sourceCred,
    order,
  };
}

/** The sources of the chain's cred over weeks [fromWeek, toWeek), adding up to that cred. */
export function explainChain(
  chain: ParticipantChain,
  fromWeek: number,
  toWeek: number,
): CredExplanation {
  const { cred, normalization, sourceCred, order } = explainChainColumns(chain, fromWeek, toWeek);
  const { node, entryWeek } = chain.sources;
  return {
    identity: chain.identity,
    fromWeek,
    toWeek,
    cred,
    sources: Array.from(order, (k) => ({
      node: node[k] as number,
      entryWeek: entryWeek[k] as number,
      cred: sourceCred[k] as number,
    })),
    normalization,
  };
}

/** Explains `identity`'s cred over [fromWeek, toWeek); no sources when it is no participant. */
export function explainCred(
  result: CredRankResult,
  identity: number,
  fromWeek = 0,
  toWeek: number = result.process.weekCount,
): CredExplanation {
  const chain = participantChain(result, identity);
  if (chain === undefined) {
    return { identity, fromWeek, toWeek, cred: 0, sources: [], normalization: 0 };
  }
  return explainChain(chain, fromWeek, toWeek);
}

/**
 * For each entry week s, the cred banked in [fromWeek, toWeek) per unit of mass entering at s:
 * u with (I - W)^T u = b, where b_t is week t's cred per unit of its mass inside the range.
 * Solved by the Thomas algorithm; I - W is diagonally dominant by columns (each week's
 * outflows to the chain are below 1), so no pivoting is needed.
 */
function bankedPerInflow(chain: ParticipantChain, fromWeek: number, toWeek: number): Float64Array {
  const n = chain.weekCount;
  const { fromPrevious, fromSame, fromNext, cred, mass } = chain;
  // (I - W)^T: diagonal 1 - fromSame[s]; above it (s, s+1): -fromPrevious[s+1];
  // below it (s, s-1): -fromNext[s-1].
  const upper = new Float64Array(n);
  const solution = new Float64Array(n);
  let previousUpper = 0;
  let previousValue = 0;
  for (let s = 0; s < n; s++) {
    const below = s > 0 ? -(fromNext[s - 1] as number) : 0;
    const diagonal = 1 - (fromSame[s] as number) - below * previousUpper;
    const above = s + 1 < n ? -(fromPrevious[s + 1] as number) : 0;
    const inRange = s >= fromWeek && s < toWeek && (mass[s] as number) > 0;
    const rhs = inRange ? (cred[s] as number) / (mass[s] as number) : 0;
    previousUpper = above / diagonal;
    previousValue = (rhs - below * previousValue) / diagonal;
    upper[s] = previousUpper;
    solution[s] = previousValue;
  }
  for (let s = n - 2; s >= 0; s--) {
    solution[s] = (solution[s] as number) - (upper[s] as number) * (solution[s + 1] as number);
  }
  return solution;
}

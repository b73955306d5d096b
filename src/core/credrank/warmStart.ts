/**
 * Warm start: the stationary distribution of a previous CredRank run, carried over to a new
 * Markov process when the graph changed a little (a weekly rescore with one more week of
 * data). Nodes are matched by meaning, not position: base nodes by address, participant-weeks
 * by identity id and calendar week, week accumulators by week, the seed to the seed. Nodes the
 * previous run did not have start at the uniform share; the vector is then normalised. Power
 * iteration converges to the same distribution from any start (the tests check 1e-9), only in
 * fewer steps from a close one.
 */
import type { Identity } from '../identity.js';
import { WEEK_MS } from '../weeks.js';
import type { MarkovProcess } from './markovProcess.js';

/** What a run leaves for the next: enough to place its stationary vector on a new process. */
export interface StationaryState {
  readonly baseAddresses: readonly string[];
  /** Identity id of each participant slot. */
  readonly participantIds: readonly string[];
  readonly firstWeekMs: number;
  readonly weekCount: number;
  readonly probability: Float64Array;
}

export function stationaryState(
  process: MarkovProcess,
  identities: readonly Identity[],
  probability: Float64Array,
): StationaryState {
  return {
    baseAddresses: process.baseAddresses,
    participantIds: Array.from(process.participants, (i) => identities[i]?.id as string),
    firstWeekMs: process.firstWeekMs,
    weekCount: process.weekCount,
    probability,
  };
}

/** The previous state's vector laid out on `process`; null when it does not fit at all. */
export function warmStartVector(
  previous: StationaryState,
  process: MarkovProcess,
  identities: readonly Identity[],
): Float64Array | null {
  const old = previous;
  const oldBase = old.baseAddresses.length;
  const oldEpoch = oldBase;
  const oldAcc = oldEpoch + old.participantIds.length * old.weekCount;
  if (old.probability.length !== oldAcc + old.weekCount + 1) return null;
  const n = process.nodeCount;
  const start = new Float64Array(n).fill(Number.NaN);
  const baseIndex = new Map(old.baseAddresses.map((address, x) => [address, x]));
  process.baseAddresses.forEach((address, x) => {
    const before = baseIndex.get(address);
    if (before !== undefined) start[x] = old.probability[before] as number;
  });
  const oldWeek = (t: number): number => {
    const week = (process.firstWeekMs + t * WEEK_MS - old.firstWeekMs) / WEEK_MS;
    return Number.isInteger(week) && week >= 0 && week < old.weekCount ? week : -1;
  };
  const slotOf = new Map(old.participantIds.map((id, slot) => [id, slot]));
  const { baseCount, weekCount } = process;
  const accStart = baseCount + process.participants.length * weekCount;
  for (let t = 0; t < weekCount; t++) {
    const week = oldWeek(t);
    if (week === -1) continue;
    start[accStart + t] = old.probability[oldAcc + week] as number;
    process.participants.forEach((identity, slot) => {
      const before = slotOf.get(identities[identity]?.id as string);
      if (before === undefined) return;
      start[baseCount + slot * weekCount + t] = old.probability[
        oldEpoch + before * old.weekCount + week
      ] as number;
    });
  }
  start[n - 1] = old.probability[old.probability.length - 1] as number;
  let total = 0;
  for (let x = 0; x < n; x++) {
    if (Number.isNaN(start[x])) start[x] = 1 / n;
    total += start[x] as number;
  }
  if (!(total > 0)) return null;
  for (let x = 0; x < n; x++) start[x] = (start[x] as number) / total;
  return start;
}

/**
 * Warm start: the stationary distribution of a previous CredRank run, carried over to a new
 * Markov process when the graph changed a little (a weekly rescore with one more week of
 * data). Nodes are matched by meaning, not position: base nodes by a 32-bit hash of their
 * address, participant-weeks by identity id and calendar week, week accumulators by week, the
 * seed to the seed. Nodes the previous run did not have start at the uniform share; the vector
 * is then normalised. Power iteration converges to the same distribution from any start (the
 * tests check 1e-9), only in fewer steps from a close one, so two addresses with the same hash
 * cost at most a worse start, never a wrong result (decision 0795).
 */
import type { Identity } from '../identity.js';
import type { StringStore, StringTable } from '../graphStrings.js';
import { WEEK_MS } from '../weeks.js';
import { participantWeek, type MarkovProcess } from './markovProcess.js';

/** What a run leaves for the next: enough to place its stationary vector on a new process. */
export interface StationaryState {
  /** addressHash of each base node's address. */
  readonly baseHashes: Uint32Array;
  /** Identity id of each participant slot. */
  readonly participantIds: readonly string[];
  readonly firstWeekMs: number;
  readonly weekCount: number;
  readonly probability: Float64Array;
}

const hashesOf = new WeakMap<MarkovProcess, Uint32Array>();
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The base nodes' address hashes of `process`, computed once per process. */
export function baseHashes(process: MarkovProcess): Uint32Array {
  let hashes = hashesOf.get(process);
  if (hashes === undefined) {
    hashes = addressHashes(process.addressStore, process.baseAddressIds);
    hashesOf.set(process, hashes);
  }
  return hashes;
}

/**
 * addressHash of the addresses `ids`. From a table's bytes where an address is ASCII (a byte
 * is then a UTF-16 unit), decoding only the others: no string per address.
 */
function addressHashes(store: StringStore, ids: Int32Array): Uint32Array {
  const hashes = new Uint32Array(ids.length);
  if (Array.isArray(store)) {
    for (let x = 0; x < ids.length; x++) hashes[x] = addressHash(store[ids[x] as number] as string);
    return hashes;
  }
  const table = store as StringTable;
  const { offsets, bytes } = table.packed();
  for (let x = 0; x < ids.length; x++) {
    const id = ids[x] as number;
    const end = offsets[id + 1] as number;
    let hash = FNV_OFFSET;
    let at = offsets[id] as number;
    for (; at < end && (bytes[at] as number) < 0x80; at++)
      hash = Math.imul(hash ^ (bytes[at] as number), FNV_PRIME);
    hashes[x] = at === end ? hash >>> 0 : addressHash(table.at(id));
  }
  return hashes;
}

/** FNV-1a over the UTF-16 code units of `address`. */
export function addressHash(address: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < address.length; i++)
    hash = Math.imul(hash ^ address.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

export function stationaryState(
  process: MarkovProcess,
  identities: readonly Identity[],
  probability: Float64Array,
): StationaryState {
  return {
    baseHashes: baseHashes(process),
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
  const oldBase = old.baseHashes.length;
  const oldAcc = oldBase + old.participantIds.length * old.weekCount;
  if (old.probability.length !== oldAcc + old.weekCount + 1) return null;
  const n = process.nodeCount;
  const start = new Float64Array(n).fill(Number.NaN);
  const before = hashIndex(old.baseHashes);
  baseHashes(process).forEach((hash, x) => {
    const k = before(hash);
    if (k !== -1) start[x] = old.probability[k] as number;
  });
  const slotOf = new Map(old.participantIds.map((id, slot) => [id, slot]));
  const oldSlot = Array.from(process.participants, (i) => slotOf.get(identities[i]?.id as string));
  const { baseCount, weekCount } = process;
  const accStart = baseCount + process.participants.length * weekCount;
  const oldLayout = { baseCount: oldBase, participants: old.participantIds };
  for (let t = 0; t < weekCount; t++) {
    const week = (process.firstWeekMs + t * WEEK_MS - old.firstWeekMs) / WEEK_MS;
    if (!(Number.isInteger(week) && week >= 0 && week < old.weekCount)) continue;
    start[accStart + t] = old.probability[oldAcc + week] as number;
    oldSlot.forEach((slot, now) => {
      if (slot === undefined) return;
      start[participantWeek(process, now, t)] = old.probability[
        participantWeek(oldLayout, slot, week)
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

/** Index of a hash in `hashes` (the first one), -1 for none: open addressing, no objects. */
function hashIndex(hashes: Uint32Array): (hash: number) => number {
  const mask = (1 << Math.ceil(Math.log2(2 * hashes.length + 2))) - 1;
  const slots = new Int32Array(mask + 1).fill(-1);
  hashes.forEach((hash, k) => {
    let slot = hash & mask;
    while (slots[slot] !== -1) {
      if (hashes[slots[slot] as number] === hash) return;
      slot = (slot + 1) & mask;
    }
    slots[slot] = k;
  });
  return (hash) => {
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const k = slots[slot] as number;
      if (k === -1 || hashes[k] === hash) return k;
    }
  };
}

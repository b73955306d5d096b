/**
 * output/credrank-state.bin: the stationary distribution of the last CredRank run, so the
 * next `cred score` can start from it (core/credrank/warmStart.ts) when its inputs changed a
 * little. Layout: "CREDSTAT", u32 version 3, u32 header length, a JSON header (the inputs key,
 * weeks, participant ids, the number B of base nodes), padding to 8 bytes, the u32 address
 * hash of each base node (B of them), padding to 8 bytes, then the float64 vector in the
 * process's node order (participant-weeks week-major since version 3).
 * A run on exactly the same inputs starts cold, so rescoring unchanged inputs stays
 * byte-identical; a missing or unreadable state, or one of an earlier version (version 2 laid
 * participant-weeks out participant-major), is simply not used.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StationaryState } from '../../core/credrank/warmStart.js';
import { writeChunksAtomic } from '../files.js';
import type { Instance } from '../instance.js';

const MAGIC = 'CREDSTAT';
const VERSION = 3;

interface StateHeader {
  readonly key: string;
  readonly firstWeekMs: number | null;
  readonly weekCount: number;
  readonly participantIds: readonly string[];
  readonly baseCount: number;
}

export function warmStartFile(instance: Instance): string {
  return path.join(path.dirname(instance.paths.cred), 'credrank-state.bin');
}

/** The previous run's state, unless it was computed from inputs with the same `key`. */
export function readWarmStart(instance: Instance, key: string): StationaryState | null {
  const saved = readState(instance);
  return saved === null || saved.key === key ? null : saved.state;
}

/**
 * The state the last run left for exactly the inputs `key` names: the stationary distribution
 * behind the scores, from which an explanation takes one step instead of a cold run; null
 * for any other inputs.
 */
export function readSavedState(instance: Instance, key: string): StationaryState | null {
  const saved = readState(instance);
  return saved !== null && saved.key === key ? saved.state : null;
}

/** The saved state and the key of its inputs; null when missing, unreadable or of an old version. */
function readState(instance: Instance): { key: string; state: StationaryState } | null {
  const file = warmStartFile(instance);
  if (!existsSync(file)) return null;
  try {
    const bytes = readFileSync(file);
    if (bytes.subarray(0, 8).toString('latin1') !== MAGIC || bytes.readUInt32LE(8) !== VERSION)
      return null;
    const length = bytes.readUInt32LE(12);
    const header = JSON.parse(bytes.subarray(16, 16 + length).toString('utf8')) as StateHeader;
    if (typeof header.key !== 'string' || !Number.isInteger(header.baseCount)) return null;
    const hashesAt = align(16 + length);
    const vectorAt = align(hashesAt + 4 * header.baseCount);
    if (vectorAt > bytes.length || (bytes.length - vectorAt) % 8 !== 0) return null;
    // Views need 8-byte alignment: a small file may sit anywhere in Node's buffer pool.
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
    const { buffer, byteOffset: offset } = aligned;
    const state: StationaryState = {
      baseHashes: new Uint32Array(buffer, offset + hashesAt, header.baseCount),
      participantIds: header.participantIds,
      firstWeekMs: header.firstWeekMs ?? Number.NaN,
      weekCount: header.weekCount,
      probability: new Float64Array(buffer, offset + vectorAt, (bytes.length - vectorAt) / 8),
    };
    return { key: header.key, state };
  } catch {
    return null;
  }
}

export function writeWarmStart(instance: Instance, key: string, state: StationaryState): void {
  const header: StateHeader = {
    key,
    firstWeekMs: Number.isNaN(state.firstWeekMs) ? null : state.firstWeekMs,
    weekCount: state.weekCount,
    participantIds: state.participantIds,
    baseCount: state.baseHashes.length,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(16);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(VERSION, 8);
  prefix.writeUInt32LE(json.length, 12);
  const { baseHashes, probability } = state;
  writeChunksAtomic(warmStartFile(instance), [
    prefix,
    json,
    zeros(16 + json.length),
    bytesOf(baseHashes),
    zeros(baseHashes.byteLength),
    bytesOf(probability),
  ]);
}

function align(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}

/** Zero padding after `length` bytes, to the next multiple of 8. */
function zeros(length: number): Buffer {
  return Buffer.alloc(align(length) - length);
}

function bytesOf(array: Uint32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

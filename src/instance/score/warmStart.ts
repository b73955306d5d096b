/**
 * output/credrank-state.bin: the stationary distribution of the last CredRank run, so the
 * next `cred score` can start from it (core/credrank/warmStart.ts) when its inputs changed a
 * little. Layout: "CREDSTAT", u32 version 1, u32 header length, a JSON header (the inputs key,
 * weeks, participant ids, base node addresses), padding to 8 bytes, then the float64 vector.
 * A run on exactly the same inputs starts cold, so rescoring unchanged inputs stays
 * byte-identical; a missing or unreadable state is simply not used.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StationaryState } from '../../core/credrank/warmStart.js';
import { writeChunksAtomic } from '../files.js';
import type { Instance } from '../instance.js';

const MAGIC = 'CREDSTAT';

interface StateHeader {
  readonly key: string;
  readonly firstWeekMs: number | null;
  readonly weekCount: number;
  readonly participantIds: readonly string[];
  readonly baseAddresses: readonly string[];
}

export function warmStartFile(instance: Instance): string {
  return path.join(path.dirname(instance.paths.cred), 'credrank-state.bin');
}

/** The previous run's state, unless it was computed from inputs with the same `key`. */
export function readWarmStart(instance: Instance, key: string): StationaryState | null {
  const file = warmStartFile(instance);
  if (!existsSync(file)) return null;
  try {
    const bytes = readFileSync(file);
    if (bytes.subarray(0, 8).toString('latin1') !== MAGIC || bytes.readUInt32LE(8) !== 1)
      return null;
    const length = bytes.readUInt32LE(12);
    const header = JSON.parse(bytes.subarray(16, 16 + length).toString('utf8')) as StateHeader;
    if (header.key === key) return null;
    const start = Math.ceil((16 + length) / 8) * 8;
    const vector = new Float64Array(bytes.buffer.slice(bytes.byteOffset + start));
    return {
      baseAddresses: header.baseAddresses,
      participantIds: header.participantIds,
      firstWeekMs: header.firstWeekMs ?? Number.NaN,
      weekCount: header.weekCount,
      probability: vector,
    };
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
    baseAddresses: state.baseAddresses,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(16);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(1, 8);
  prefix.writeUInt32LE(json.length, 12);
  const padding = Buffer.alloc((8 - ((16 + json.length) % 8)) % 8);
  const { probability } = state;
  const vector = new Uint8Array(probability.buffer, probability.byteOffset, probability.byteLength);
  writeChunksAtomic(warmStartFile(instance), [prefix, json, padding, vector]);
}

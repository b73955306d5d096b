import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StationaryState } from '../../core/credrank/warmStart.js';
import type { Instance } from '../instance.js';
import { readSavedState, readWarmStart, warmStartFile, writeWarmStart } from './warmStart.js';

const STATE: StationaryState = {
  baseHashes: Uint32Array.from([7, 0xffffffff, 3]),
  participantIds: ['id-a', 'id-b'],
  firstWeekMs: Date.UTC(2026, 0, 5),
  weekCount: 2,
  probability: Float64Array.from([0.1, 0.2, 0.05, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05]),
};

describe('instance/score/warmStart', () => {
  let root = '';
  let instance: Instance;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'cred-warm-'));
    instance = { paths: { cred: path.join(root, 'output', 'cred.json') } } as Instance;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads back the state it wrote, unless the inputs key is the same', () => {
    writeWarmStart(instance, 'key-1', STATE);
    expect(readFileSync(warmStartFile(instance)).length % 8).toBe(0);
    const read = readWarmStart(instance, 'key-2');
    expect(read).not.toBeNull();
    expect(Array.from(read?.baseHashes ?? [])).toEqual(Array.from(STATE.baseHashes));
    expect(Array.from(read?.probability ?? [])).toEqual(Array.from(STATE.probability));
    expect(read?.participantIds).toEqual(STATE.participantIds);
    expect(read?.firstWeekMs).toBe(STATE.firstWeekMs);
    expect(read?.weekCount).toBe(STATE.weekCount);
    expect(readWarmStart(instance, 'key-1')).toBeNull();
  });

  it('ignores a missing, truncated or earlier-version state', () => {
    expect(readWarmStart(instance, 'k')).toBeNull();
    writeWarmStart(instance, 'key-1', STATE);
    const file = warmStartFile(instance);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 4));
    expect(readWarmStart(instance, 'k')).toBeNull();
    for (const version of [1, 2]) {
      const old = Buffer.from(bytes);
      old.writeUInt32LE(version, 8);
      writeFileSync(file, old);
      expect(readWarmStart(instance, 'k')).toBeNull();
    }
  });

  it('gives the saved state for the same inputs key only (what explanations start from)', () => {
    expect(readSavedState(instance, 'key-1')).toBeNull();
    writeWarmStart(instance, 'key-1', STATE);
    expect(Array.from(readSavedState(instance, 'key-1')?.probability ?? [])).toEqual(
      Array.from(STATE.probability),
    );
    expect(readSavedState(instance, 'key-2')).toBeNull();
    const file = warmStartFile(instance);
    writeFileSync(file, readFileSync(file).subarray(0, 40));
    expect(readSavedState(instance, 'key-1')).toBeNull();
  });
});

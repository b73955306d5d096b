import fc from 'fast-check';
import { is, Map as ImmutableMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { VersionedMap } from './versionedMap.js';

const FC = { seed: 813813, numRuns: 100 };

/**
 * The model of one version: its entries in order, a deleted key kept in its place (`live`
 * false) until set again. Copied per version, so every version's expected contents are known.
 */
type Model = readonly (readonly [number, number, boolean])[];

function modelSet(model: Model, key: number, value: number): Model {
  const at = model.findIndex(([k]) => k === key);
  if (at === -1) return [...model, [key, value, true]];
  return model.map((entry, k) => (k === at ? [key, value, true] : entry));
}

function modelDelete(model: Model, key: number): Model {
  return model.map((entry) => (entry[0] === key ? [key, entry[1], false] : entry));
}

function liveEntries(model: Model): [number, number][] {
  return model.filter(([, , live]) => live).map(([key, value]) => [key, value]);
}

/**
 * One step: from which version (mostly the latest, as the ledger goes on; -1), else an index
 * into the versions so far), and what to do. Long paths make maps large enough to be linked
 * rather than copied.
 */
const step = fc.record({
  from: fc.oneof({ weight: 4, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat() }),
  op: fc.oneof(
    fc.record({ kind: fc.constant('set' as const), key: fc.nat(40), value: fc.nat(3) }),
    fc.record({ kind: fc.constant('delete' as const), key: fc.nat(40) }),
    fc.record({
      kind: fc.constant('batch' as const),
      changes: fc.array(fc.tuple(fc.nat(40), fc.option(fc.nat(3))), { maxLength: 30, size: 'max' }),
    }),
    fc.record({ kind: fc.constant('read' as const) }),
  ),
});

interface Version {
  readonly map: VersionedMap<number, number>;
  readonly model: Model;
  readonly immutable: ImmutableMap<number, number>;
}

function next(version: Version, op: { kind: string } & Record<string, unknown>): Version {
  const { map, model, immutable } = version;
  if (op.kind === 'set') {
    const [key, value] = [op.key as number, op.value as number];
    return {
      map: map.set(key, value),
      model: modelSet(model, key, value),
      immutable: immutable.set(key, value),
    };
  }
  if (op.kind === 'delete') {
    const key = op.key as number;
    return {
      map: map.delete(key),
      model: modelDelete(model, key),
      immutable: immutable.delete(key),
    };
  }
  if (op.kind === 'batch') {
    const changes = op.changes as [number, number | null][];
    let nextModel = model;
    for (const [key, value] of changes)
      nextModel = value === null ? modelDelete(nextModel, key) : modelSet(nextModel, key, value);
    const apply = <M extends { set(k: number, v: number): M; delete(k: number): M }>(m: M) => {
      for (const [key, value] of changes) {
        if (value === null) m.delete(key);
        else m.set(key, value);
      }
    };
    return {
      map: map.withMutations(apply),
      model: nextModel,
      immutable: immutable.withMutations(apply),
    };
  }
  return version;
}

describe('VersionedMap', () => {
  it('keeps every version readable, with the contents and order of its own history', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 120, size: 'max' }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (steps, reads) => {
          const versions: Version[] = [
            { map: VersionedMap.empty(), model: [], immutable: ImmutableMap() },
          ];
          for (const { from, op } of steps) {
            const base = versions.at(from === -1 ? -1 : from % versions.length) as Version;
            const made = next(base, op);
            // Reading the base again must not disturb the new version, and vice versa.
            expect(base.map.entryArray()).toEqual(liveEntries(base.model));
            versions.push(made);
          }
          for (const at of [...reads, ...versions.keys()]) {
            const { map, model, immutable } = versions[at % versions.length] as Version;
            const keys = Array.from({ length: 41 }, (_, key) => key);
            expect({
              entries: map.entryArray(),
              size: map.size,
              got: keys.map((key) => map.get(key)),
              has: keys.map((key) => map.has(key)),
            }).toEqual({
              entries: liveEntries(model),
              size: immutable.size,
              got: keys.map((key) => immutable.get(key)),
              has: keys.map((key) => immutable.has(key)),
            });
          }
        },
      ),
      FC,
    );
  });

  it('is equal to another version exactly when their contents are', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60, size: 'max' }), (steps) => {
        const versions: Version[] = [
          { map: VersionedMap.empty(), model: [], immutable: ImmutableMap() },
        ];
        for (const { from, op } of steps)
          versions.push(
            next(versions.at(from === -1 ? -1 : from % versions.length) as Version, op),
          );
        for (const a of versions.slice(-8))
          for (const b of versions.slice(-8)) {
            expect(a.map.equals(b.map)).toBe(is(a.immutable, b.immutable));
            expect(is(a.map, b.map)).toBe(is(a.immutable, b.immutable));
          }
      }),
      FC,
    );
  });

  it('returns itself from an update that changes nothing', () => {
    const map = VersionedMap.of<string, number>(
      Array.from({ length: 40 }, (_, k) => [`k${k}`, k] as const),
    );
    expect(map.set('k3', 3)).toBe(map);
    expect(map.delete('absent')).toBe(map);
    expect(map.withMutations((m) => m.set('k4', 4))).toBe(map);
    const changed = map.set('k3', 30);
    expect(changed).not.toBe(map);
    expect(map.get('k3')).toBe(3);
    expect(changed.get('k3')).toBe(30);
  });

  it('tells a key set to undefined from a key never set, as Immutable does', () => {
    const map = VersionedMap.empty<string, number | undefined>().set('a', undefined);
    const immutable = ImmutableMap<string, number | undefined>().set('a', undefined);
    expect([map.get('a', 5), map.has('a'), map.size]).toEqual([
      immutable.get('a', 5),
      immutable.has('a'),
      immutable.size,
    ]);
    expect(map.get('b', 5)).toBe(immutable.get('b', 5));
  });

  it('gives each key its first place again when a deleted key is set again', () => {
    const map = VersionedMap.of<string, number>([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const again = map.delete('a').set('d', 4).set('a', 5);
    expect([...again.keys()]).toEqual(['a', 'b', 'c', 'd']);
    expect([...map.keys()]).toEqual(['a', 'b', 'c']);
    expect([...again.values()]).toEqual([5, 2, 3, 4]);
  });

  it('reads a long history back from its first version', () => {
    const first = VersionedMap.of<number, number>(
      Array.from({ length: 100 }, (_, k) => [k, k] as const),
    );
    let latest = first;
    for (let k = 0; k < 20_000; k++) latest = latest.set(k % 300, k);
    expect(first.get(7)).toBe(7);
    expect(first.size).toBe(100);
    expect(latest.get(7)).toBe(19_807);
    expect(latest.size).toBe(300);
  });
});

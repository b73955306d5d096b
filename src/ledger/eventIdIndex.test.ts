import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventIdIndex } from './eventIdIndex.js';

const FC = { seed: 790790, numRuns: 200 };

const hexId = fc.stringMatching(/^[0-9a-f]{24}$/);
/** Ids that collide often: a few hex digits varied, rarely one of another form. */
const nearId = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(fc.constantFrom('0', '1', 'f'), fc.integer({ min: 0, max: 23 }))
      .map(([digit, at]) => '0'.repeat(at) + digit + '0'.repeat(23 - at)),
  },
  { weight: 6, arbitrary: hexId },
  { weight: 1, arbitrary: fc.constantFrom('0'.repeat(23) + 'F', 'abc', '0'.repeat(25), '') },
);

/** What replay did before: a `Map` that did not grow means the id was seen. */
function reference(ids: readonly string[]): { seen: boolean[]; map: Map<string, number> } {
  const map = new Map<string, number>();
  const seen: boolean[] = [];
  for (const id of ids) {
    const repeated = map.has(id);
    seen.push(repeated);
    if (!repeated) map.set(id, map.size);
  }
  return { seen, map };
}

/** Adds `ids` as replay does (a repeated id ends a replay; here the next ones go on). */
function added(index: EventIdIndex, ids: readonly string[]): boolean[] {
  return ids.map((id) => index.add(id));
}

describe('EventIdIndex', () => {
  it('answers exactly as a Map of the ids, and lists them by line in order', () => {
    fc.assert(
      fc.property(
        fc.array(nearId, { maxLength: 3000 }),
        fc.integer({ min: 1, max: 64 }),
        (ids, probe) => {
          const { seen, map } = reference(ids);
          for (const index of [new EventIdIndex(), new EventIdIndex(probe)]) {
            expect(added(index, ids)).toEqual(seen);
            expect(index.size).toBe(map.size);
            expect([...index.toMap()]).toEqual([...map]);
          }
        },
      ),
      { ...FC, numRuns: 60 },
    );
  });

  it('finds a repeat among many distinct ids, after the table grew', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(hexId, { minLength: 1, maxLength: 5000 }),
        fc.nat(),
        (ids, pick) => {
          const index = new EventIdIndex();
          expect(added(index, ids).some(Boolean)).toBe(false);
          expect(index.add(ids[pick % ids.length] as string)).toBe(true);
          expect(index.toMap().get(ids[0] as string)).toBe(0);
        },
      ),
      { ...FC, numRuns: 20 },
    );
  });

  it('moves to a Map when probes grow long, and stays exact', () => {
    const ids = Array.from({ length: 4000 }, (_, k) => k.toString(16).padStart(24, '0'));
    const index = new EventIdIndex(1);
    expect(added(index, ids).some(Boolean)).toBe(false);
    expect(index.add(ids[1234] as string)).toBe(true);
    expect(index.add('f'.repeat(24))).toBe(false);
    expect([...index.toMap().keys()]).toEqual([...ids, 'f'.repeat(24)]);
  });
});

import fc from 'fast-check';
import { is, Map as ImmutableMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { compareStrings } from '../core/canonicalJson.js';
import type { IdentityId } from '../core/identity.js';
import { WeekCred } from './weekCred.js';

const record = fc.dictionary(
  fc.constantFrom('id-a', 'id-b', 'id-c', 'id-d', 'id-e', 'B', 'a'),
  fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, NaN)),
  { maxKeys: 7 },
);

function replayed(records: readonly Record<string, number>[]): WeekCred {
  return records.reduce((week, values) => week.merged(values), WeekCred.EMPTY);
}

/** What the state held before: an Immutable map merged record by record. */
function reference(records: readonly Record<string, number>[]) {
  return records.reduce(
    (week, values) => week.merge(ImmutableMap(values as Record<IdentityId, number>)),
    ImmutableMap<IdentityId, number>(),
  );
}

describe('ledger/weekCred', () => {
  it('merged(values) holds what merging Immutable maps held, identities in id order', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), (records) => {
        const week = replayed(records);
        const expected = reference(records);
        expect(week.size).toBe(expected.size);
        for (const [id, value] of expected) expect(is(week.get(id), value)).toBe(true);
        const ids = [...week].map(([id]) => id);
        expect(ids).toEqual([...ids].sort(compareStrings));
      }),
      { seed: 31, numRuns: 300 },
    );
  });

  it('equals and hashCode follow content, not the order values were recorded in', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 4 }), record, (records, extra) => {
        const a = replayed([...records, extra]);
        const reversed = Object.fromEntries(Object.entries(extra).reverse());
        const b = replayed([...records, reversed]);
        expect(a.equals(b) && b.equals(a)).toBe(true);
        expect(a.hashCode()).toBe(b.hashCode());
        expect(is(ImmutableMap({ w: a }), ImmutableMap({ w: b }))).toBe(true);
        const changed = a.merged({ 'id-z': 1 });
        expect(a.equals(changed)).toBe(false);
        expect(is(ImmutableMap({ w: a }), ImmutableMap({ w: changed }))).toBe(false);
      }),
      { seed: 32, numRuns: 300 },
    );
  });

  it('a week differing in one value is a different week', () => {
    const week = WeekCred.EMPTY.merged({ 'id-a': 1, 'id-b': 2 });
    expect(week.equals(week.merged({ 'id-b': 3 }))).toBe(false);
    expect(week.equals(week.merged({ 'id-b': 2 }))).toBe(true);
    expect(week.merged({ 'id-a': 5 }).toObject()).toEqual({ 'id-a': 5, 'id-b': 2 });
    expect(week.equals({ 'id-a': 1, 'id-b': 2 })).toBe(false);
    expect(JSON.stringify({ week: week.merged({ 'id-0': 3 }) })).toBe(
      '{"week":{"id-0":3,"id-a":1,"id-b":2}}',
    );
  });
});

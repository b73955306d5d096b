import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parentsOf, someStartsWith, StringTable } from './graphStrings.js';

function table(values: readonly string[]): StringTable {
  const encoder = new TextEncoder();
  const parts = values.map((value) => encoder.encode(value));
  const ends = new Uint32Array(values.length + 1);
  parts.forEach((part, k) => (ends[k + 1] = (ends[k] as number) + part.length));
  const data = new Uint8Array(ends[values.length] as number);
  parts.forEach((part, k) => data.set(part, ends[k] as number));
  return new StringTable(ends, data, 'x.credgraph');
}

/** Addresses from a few segments, so parents repeat, with slashes at the ends too. */
const addresses = fc.array(
  fc
    .array(fc.constantFrom('', 'a', 'b', 'é', '名', '😀', 'edge', '/'), { maxLength: 5 })
    .map((parts) => parts.join('/')),
  { maxLength: 40 },
);

describe('core/graphStrings', () => {
  it('groups strings by the part before their last "/", and decodes a table exactly', () => {
    fc.assert(
      fc.property(addresses, (values) => {
        const expected = parentsOf(values);
        values.forEach((value, k) => {
          const slash = value.lastIndexOf('/');
          const parent = expected.parentOf[k] as number;
          expect(parent === -1 ? undefined : expected.parents[parent]).toBe(
            slash <= 0 ? undefined : value.slice(0, slash),
          );
        });
        const decoded = table(values);
        values.forEach((value, k) => expect(decoded.at(k)).toBe(value));
        expect(decoded.all()).toEqual(values);
      }),
      { seed: 19, numRuns: 200 },
    );
  });

  it('reads strings one at a time as they are, before and after it decodes the whole table', () => {
    const many = fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), {
      minLength: 1,
      maxLength: 900,
    });
    fc.assert(
      fc.property(many, fc.array(fc.nat(), { maxLength: 1200 }), (values, reads) => {
        const stored = table(values);
        // Enough single reads to pass the point where the table decodes itself whole.
        for (const read of reads) {
          const k = read % values.length;
          expect(stored.at(k)).toBe(values[k]);
        }
        expect(stored.all()).toEqual(values);
      }),
      { seed: 31, numRuns: 60 },
    );
  });

  it('groups a table by parent in its bytes as its strings are grouped', () => {
    fc.assert(
      fc.property(addresses, fc.constantFrom('a/', 'é', '/', 'edge/b'), (values, prefix) => {
        expect(parentsOf(table(values))).toEqual(parentsOf(values));
        expect(someStartsWith(table(values), prefix)).toBe(someStartsWith(values, prefix));
      }),
      { seed: 23, numRuns: 300 },
    );
  });

  it('checks the UTF-8 of every string it groups, in a parent or after it', () => {
    const utf8 = (text: string) => Array.from(new TextEncoder().encode(text));
    for (const broken of [
      [...utf8('a/b/'), 0xff],
      [...utf8('a/'), 0xc3, ...utf8('/b')],
      [0xe5, 0x90],
    ]) {
      const data = Uint8Array.from([...utf8('a/b/c'), ...broken]);
      const ends = Uint32Array.from([0, 5, data.length]);
      expect(() => parentsOf(new StringTable(ends, data, 'x'))).toThrow(/not UTF-8/);
    }
  });

  it('names the file when offsets or bytes are wrong', () => {
    const bytes = new TextEncoder().encode('ab');
    expect(() => new StringTable(Uint32Array.from([0, 2, 1]), bytes, 'x')).toThrow(
      /x: not a cred\/graph-columns file \(string offsets out of order\)/,
    );
    const broken = new StringTable(Uint32Array.from([0, 1]), Uint8Array.from([0xff]), 'x');
    expect(() => broken.all()).toThrow(/x: .*a string that is not UTF-8/);
  });
});

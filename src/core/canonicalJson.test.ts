import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  canonicalJsonFile,
  canonicalJsonOfParsed,
  compareStrings,
} from './canonicalJson.js';
import { digestOf } from './digest.js';

describe('core/canonicalJson', () => {
  it('canonicalJson(value) sorts keys at every depth with type and version first', () => {
    const text = canonicalJson({
      z: 1,
      version: 1,
      a: { d: [3, { y: 1, b: 2 }], c: 1n },
      type: 'cred/x',
      gone: undefined,
    });
    expect(text).toBe('{"type":"cred/x","version":1,"a":{"c":"1","d":[3,{"b":2,"y":1}]},"z":1}');
  });

  it('canonicalJsonFile(value) ends with a newline and digests ignore key order', () => {
    expect(canonicalJsonFile({ b: 1, a: 2 })).toBe('{\n  "a": 2,\n  "b": 1\n}\n');
    expect(digestOf({ b: 1, a: 2 })).toBe(digestOf({ a: 2, b: 1 }));
    expect(digestOf({ a: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(canonicalJson(new Map([[1, 2]]) as unknown)).toBe('{}');
    expect(canonicalJson({ toJSON: () => ({ b: 1, a: 1 }) })).toBe('{"a":1,"b":1}');
  });

  it('compareStrings(a, b) orders by code units, independent of locale', () => {
    expect(['b', 'B', 'a', 'ä'].sort(compareStrings)).toEqual(['B', 'a', 'b', 'ä']);
    expect(compareStrings('x', 'x')).toBe(0);
  });

  it('canonicalJsonOfParsed(JSON.parse(text)) is canonicalJson of it, canonical or not', () => {
    const key = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.constantFrom('type', 'version', '__proto__', '0', '7', '10', '-1', '01'),
    );
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, true, 0, -0, 1.5, 'x'),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, fc.boolean(), (value, canonical) => {
        const text = canonical ? canonicalJson(value) : JSON.stringify(value);
        const parsed: unknown = JSON.parse(text);
        expect(canonicalJsonOfParsed(parsed)).toBe(canonicalJson(parsed));
      }),
      { seed: 742742, numRuns: 2000 },
    );
  });
});

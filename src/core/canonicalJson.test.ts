import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonFile, compareStrings } from './canonicalJson.js';
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
});

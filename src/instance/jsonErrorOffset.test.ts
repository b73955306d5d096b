import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './jsonErrorOffset.js';

describe('instance/jsonErrorOffset', () => {
  it('jsonErrorOffset(text) is undefined exactly when JSON.parse accepts the text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(jsonErrorOffset(text)).toBeUndefined();
      }),
      { seed: 11, numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        fc.constantFrom(',', '}', ']', '"', ':', 'x'),
        (text, at, junk) => {
          const broken =
            text.slice(0, at % (text.length + 1)) + junk + text.slice(at % (text.length + 1));
          let valid = true;
          try {
            JSON.parse(broken);
          } catch {
            valid = false;
          }
          expect(jsonErrorOffset(broken) === undefined).toBe(valid);
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });

  it('jsonErrorOffset(text) points at the offending character', () => {
    expect(jsonErrorOffset('{"a": 1,, "b": 2}')).toBe(8);
    expect(jsonErrorOffset('{"a": 1, }')).toBe(9);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('{} x')).toBe(3);
  });
});

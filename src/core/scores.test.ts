import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainNumbers } from './scores.js';

describe('core/scores', () => {
  it('plainNumbers(values) is a plain array of the same values, -0 and NaN kept', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), (doubles) => {
        const plain = plainNumbers(Float64Array.from(doubles));
        expect(Array.isArray(plain)).toBe(true);
        expect(plain).toHaveLength(doubles.length);
        plain.forEach((value, k) => expect(Object.is(value, doubles[k])).toBe(true));
        expect(JSON.stringify(plain)).toBe(JSON.stringify(doubles));
      }),
      { seed: 20261205, numRuns: 200 },
    );
  });
});

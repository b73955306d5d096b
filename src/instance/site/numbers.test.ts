import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  credDecimals,
  diffuseWeekly,
  quantumFor,
  sparseWeeks,
  kthSmallest,
  splitUnits,
  visibleUnits,
} from './numbers.js';

const FC = { seed: 20261123, numRuns: 300 };

describe('instance/siteNumbers', () => {
  it('quantumFor(totalMint) is a millionth of the order of magnitude', () => {
    expect(quantumFor(7)).toBeCloseTo(1e-6, 20);
    expect(quantumFor(123_456)).toBeCloseTo(0.1, 12);
    expect(quantumFor(0)).toBe(1e-6);
  });

  it('diffuseWeekly(weekly, q) keeps every period sum within one quantum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1, maxLength: 80 }),
        fc.nat(79),
        fc.nat(79),
        (weekly, a, b) => {
          const q = 1e-3;
          const units = diffuseWeekly(weekly, q);
          const [from, to] = [Math.min(a, b) % weekly.length, Math.max(a, b) % weekly.length];
          const [lo, hi] = from <= to ? [from, to] : [to, from];
          const exact = weekly.slice(lo, hi + 1).reduce((x, y) => x + y, 0);
          const listed = units.slice(lo, hi + 1).reduce((x, y) => x + y, 0) * q;
          expect(Math.abs(exact - listed)).toBeLessThanOrEqual(q * (1 + 1e-9));
          for (const value of units) expect(value).toBeGreaterThanOrEqual(0);
        },
      ),
      FC,
    );
  });

  it('credDecimals(q) and visibleUnits(q) keep a spare digit below what is shown', () => {
    expect([1e-6, 1e-4, 1e-3, 1e-2, 0.1, 1].map(credDecimals)).toEqual([2, 2, 2, 1, 0, 0]);
    expect(visibleUnits(1e-6)).toBe(5000); // 0.005 shows as 0.01
    expect(visibleUnits(1e-2)).toBe(5); // 0.05 shows as 0.1
    expect(visibleUnits(1)).toBe(1);
  });

  it('sparseWeeks(units) trims zeros at both ends', () => {
    expect(sparseWeeks([0, 0, 3, 0, 4, 0])).toEqual([2, 3, 0, 4]);
    expect(sparseWeeks([0, 0])).toEqual([]);
  });

  it('splitUnits(total, weights) adds up exactly and stays within one unit of proportional', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (total, weights) => {
          const units = splitUnits(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          if (sum === 0) return expect(units.every((u) => u === 0)).toBe(true);
          expect(units.reduce((a, b) => a + b, 0)).toBe(total);
          units.forEach((u, i) =>
            expect(Math.abs(u - (weights[i]! * total) / sum)).toBeLessThan(1 + 1e-9),
          );
        },
      ),
      FC,
    );
  });

  it('kthSmallest(values, k) equals the value a numeric sort puts at k, duplicates and all', () => {
    fc.assert(
      fc.property(
        // 'max': lengths spread up to 3,000, most above the 64 where selection starts.
        fc.array(fc.oneof(fc.constantFrom(0, 0.25, 0.5, 1), fc.double({ noNaN: true })), {
          minLength: 1,
          maxLength: 3_000,
          size: 'max',
        }),
        fc.nat(),
        (list, at) => {
          const values = Float64Array.from(list);
          const k = at % values.length;
          // === : selection may give 0 where the sort has -0 at k; they compare equal.
          expect(kthSmallest(values, k) === values.slice().sort()[k]).toBe(true);
          expect(values).toEqual(Float64Array.from(list)); // the input is left as it was
        },
      ),
      FC,
    );
  });

  it('splitUnits gives the largest remainders their unit as an object sort of the parts did', () => {
    // The split before it worked on columns: ties in remainder go to the earlier part.
    const objectSplit = (total: number, weights: readonly number[]): number[] => {
      const sum = weights.reduce((a, b) => a + b, 0);
      if (!(sum > 0) || total === 0) return weights.map(() => 0);
      const exact = weights.map((weight) => (weight * total) / sum);
      const units = exact.map(Math.floor);
      let left = total - units.reduce((a, b) => a + b, 0);
      const order = exact
        .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
        .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
      for (let k = 0; left > 0 && k < order.length; k++, left--) units[order[k]!.index]! += 1;
      return units;
    };
    fc.assert(
      fc.property(
        fc.nat(5_000),
        // Repeated small weights make equal remainders, so the tie rule is exercised.
        fc.array(
          fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.double({ min: 0, max: 1e3, noNaN: true })),
          { maxLength: 200, size: 'max' }, // past 64 parts, where selection starts
        ),
        (total, weights) => {
          expect(splitUnits(total, weights)).toEqual(objectSplit(total, weights));
          expect(splitUnits(total, Float64Array.from(weights))).toEqual(
            objectSplit(total, weights),
          );
        },
      ),
      FC,
    );
  });
});

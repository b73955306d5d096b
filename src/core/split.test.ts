import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRatio, parseDecimalAmount, splitExactly } from './split.js';

describe('core/split', () => {
  it('splitExactly(total, weights) always adds up to the total and never gives a negative part', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc
          .array(
            fc.record({
              key: fc.string({ minLength: 1, maxLength: 4 }),
              weight: fc.double({ min: 0, max: 1e6, noNaN: true }),
            }),
            { minLength: 1, maxLength: 30 },
          )
          .filter(
            (parts) =>
              parts.some((p) => Math.round(p.weight * 1e9) > 0) &&
              new Set(parts.map((p) => p.key)).size === parts.length,
          ),
        (total, parts) => {
          const split = splitExactly(total, parts);
          expect([...split.values()].reduce((a, b) => a + b, 0n)).toBe(total);
          for (const amount of split.values()) expect(amount >= 0n).toBe(true);
        },
      ),
      { seed: 99, numRuns: 500 },
    );
  });

  it('splitExactly gives each part its quota within one cent, leftovers to the largest remainders, ties by key', () => {
    const split = splitExactly(100n, [
      { key: 'c', weight: 1 },
      { key: 'a', weight: 1 },
      { key: 'b', weight: 1 },
    ]);
    expect(Object.fromEntries(split)).toEqual({ a: 34n, b: 33n, c: 33n });
    const uneven = splitExactly(1000n, [
      { key: 'x', weight: 0.6666 },
      { key: 'y', weight: 0.3334 },
    ]);
    expect(Object.fromEntries(uneven)).toEqual({ x: 667n, y: 333n });
    expect(Object.fromEntries(splitExactly(0n, [{ key: 'a', weight: 0 }]))).toEqual({ a: 0n });
    expect(() => splitExactly(5n, [{ key: 'a', weight: 0 }])).toThrow(/every weight is zero/);
    expect(() => splitExactly(5n, [{ key: 'a', weight: -1 }])).toThrow(/>= 0/);
    expect(() => splitExactly(-5n, [])).toThrow(/negative/);
  });

  it('parseDecimalAmount and applyRatio are exact in minor units', () => {
    expect(parseDecimalAmount('1234.56', 2)).toBe(123456n);
    expect(parseDecimalAmount('5', 2)).toBe(500n);
    expect(parseDecimalAmount('5.5', 2)).toBe(550n);
    expect(parseDecimalAmount('700', 0)).toBe(700n);
    expect(parseDecimalAmount('1.234', 2)).toBeUndefined();
    expect(parseDecimalAmount('-3', 2)).toBeUndefined();
    expect(parseDecimalAmount('abc', 2)).toBeUndefined();
    expect(applyRatio(100_000n, '0.8')).toBe(80_000n);
    expect(applyRatio(100_001n, '0.8')).toBe(80_000n);
    expect(applyRatio(333n, '0.333')).toBe(110n);
    expect(applyRatio(10n, '1')).toBe(10n);
    expect(() => applyRatio(10n, '-1')).toThrow(/not a decimal/);
  });
});

import { describe, expect, it } from 'vitest';
import { mulberry32 } from './random.js';

describe('core/random', () => {
  it('mulberry32(seed) repeats its sequence for a seed and differs between seeds', () => {
    const take = (seed: number) => {
      const next = mulberry32(seed);
      return Array.from({ length: 5 }, () => next());
    };
    expect(take(7)).toEqual(take(7));
    expect(take(7)).not.toEqual(take(8));
  });

  it('mulberry32(seed) is uniform in [0, 1)', () => {
    const next = mulberry32(42);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const value = next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      counts[Math.floor(value * 10)]!++;
    }
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});

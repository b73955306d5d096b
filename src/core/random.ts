/**
 * Seeded randomness for generated data (the benchmark's synthetic community, the demo's
 * fictional one). Core stays free of `Math.random`: whoever needs random numbers passes a seed
 * and gets the same sequence on every machine and every run.
 */

/** mulberry32: a small, fast, seedable generator (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

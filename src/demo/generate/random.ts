/**
 * The generator's source of randomness: a seeded `mulberry32` behind a few helpers (integers,
 * picks, weighted picks, hex ids). Everything the demo community contains is drawn from one
 * `Random` in a fixed order, so the same seed gives the same community on every machine.
 */
import { mulberry32 } from '../../core/random.js';

export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [low, high], both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick: no items');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An item drawn with probability proportional to `weight(item)`. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let target = this.next() * total;
    for (const item of items) {
      target -= weight(item);
      if (target < 0) return item;
    }
    return this.pick(items);
  }

  /** Up to `count` distinct items, drawn by weight, none of `except`. */
  distinct<T>(items: readonly T[], count: number, weight: (item: T) => number, except: T[] = []) {
    const chosen: T[] = [];
    let pool = items.filter((item) => !except.includes(item) && weight(item) > 0);
    while (chosen.length < count && pool.length > 0) {
      const item = this.weighted(pool, weight);
      chosen.push(item);
      pool = pool.filter((other) => other !== item);
    }
    return chosen;
  }

  /** `length` lowercase hex digits. */
  hex(length: number): string {
    let text = '';
    while (text.length < length) text += Math.floor(this.next() * 16).toString(16);
    return text;
  }

  /** A copy of `items` in random order. */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }
}

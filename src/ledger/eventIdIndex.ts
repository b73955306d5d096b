/**
 * The event ids a replay has seen, to refuse a repeated one: 100,000 ids in a `Map` of fresh
 * strings cost replay a tenth of its time and 20 MB. An id is 24 hex digits (the line schema
 * demands it before replay asks), that is 96 bits, so the index keeps three 32-bit words per
 * line in a typed array and finds them through an open-addressing table of line indexes hashed
 * with a per-process seed. Equal words mean equal ids, so the answer is exact; a hash collision
 * only costs a longer probe. A probe longer than `MAX_PROBE` (a ledger crafted against the hash)
 * or an id of another form moves the index to a `Map` of strings, as before, so the answer stays
 * exact and no input makes it quadratic. `toMap` gives the ids
 * by line index, in line order, for merge (built only when asked).
 */

const EMPTY = -1;
const MAX_PROBE = 64;
const ID_LENGTH = 24;

export class EventIdIndex {
  private words = new Uint32Array(3 * 1024);
  private slots = new Int32Array(2048).fill(EMPTY);
  private count = 0;
  /** Every id, once a probe grew too long or an id was not 24 lowercase hex digits. */
  private fallback: Map<string, number> | null = null;
  private readonly seed = (Math.random() * 0x1_0000_0000) >>> 0;

  /** `maxProbe` is lowered only by tests, to reach the `Map`. */
  constructor(private readonly maxProbe = MAX_PROBE) {}

  /** The number of lines recorded. */
  get size(): number {
    return this.count;
  }

  /** Records `id` as the next line's; true when an earlier line had it (nothing is recorded). */
  add(id: string): boolean {
    if (this.fallback !== null) return this.addToMap(this.fallback, id);
    const index = this.count;
    const found = this.storeWords(id, index) ? this.probe(index, true) : undefined;
    if (found === undefined) {
      this.fallback = this.toMap();
      return this.addToMap(this.fallback, id);
    }
    if (found !== index) return true;
    this.count++;
    if (this.count * 2 > this.slots.length) this.grow();
    return false;
  }

  /** Each recorded id with its line index, in line order. */
  toMap(): Map<string, number> {
    if (this.fallback !== null) return new Map(this.fallback);
    const map = new Map<string, number>();
    for (let index = 0; index < this.count; index++) map.set(this.hexAt(index), index);
    return map;
  }

  private addToMap(map: Map<string, number>, id: string): boolean {
    if (map.has(id)) return true;
    map.set(id, this.count++);
    return false;
  }

  /**
   * The line index holding the words at `index` (itself when new; `insert` then takes the empty
   * slot), or undefined after `MAX_PROBE` slots.
   */
  private probe(index: number, insert: boolean): number | undefined {
    const { words, slots } = this;
    const w0 = words[3 * index] as number;
    const w1 = words[3 * index + 1] as number;
    const w2 = words[3 * index + 2] as number;
    const mask = slots.length - 1;
    let slot = this.hash(w0, w1, w2) & mask;
    for (let step = 0; step < this.maxProbe; step++) {
      const held = slots[slot] as number;
      if (held === EMPTY) {
        if (insert) slots[slot] = index;
        return index;
      }
      if (words[3 * held] === w0 && words[3 * held + 1] === w1 && words[3 * held + 2] === w2)
        return held;
      slot = (slot + 1) & mask;
    }
    return undefined;
  }

  private hash(w0: number, w1: number, w2: number): number {
    let h = Math.imul(w0 ^ this.seed, 0xcc9e2d51);
    h = Math.imul(h ^ (h >>> 15) ^ w1, 0x1b873593);
    h = Math.imul(h ^ (h >>> 13) ^ w2, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /** Doubles the table and places every recorded line again (the words stay where they are). */
  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    for (let index = 0; index < this.count; index++) {
      if (this.probe(index, true) === undefined) {
        this.fallback = this.toMap();
        return;
      }
    }
  }

  /** Writes the words of a 24-hex-digit `id` at line `index`; false for any other string. */
  private storeWords(id: string, index: number): boolean {
    if (id.length !== ID_LENGTH) return false;
    if (3 * index + 3 > this.words.length) {
      const larger = new Uint32Array(this.words.length * 2);
      larger.set(this.words);
      this.words = larger;
    }
    for (let word = 0; word < 3; word++) {
      let value = 0;
      for (let k = 8 * word; k < 8 * word + 8; k++) {
        const digit = hexDigit(id.charCodeAt(k));
        if (digit < 0) return false;
        value = (value << 4) | digit;
      }
      this.words[3 * index + word] = value >>> 0;
    }
    return true;
  }

  private hexAt(index: number): string {
    let hex = '';
    for (let word = 0; word < 3; word++)
      hex += (this.words[3 * index + word] as number).toString(16).padStart(8, '0');
    return hex;
  }
}

/** 0-15 for a lowercase hex digit's char code, -1 for anything else. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

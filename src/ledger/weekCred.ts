/**
 * One week's recorded cred per identity (`state.weeklyCred`), as an immutable value. Weekly cred
 * is most of the entries of a long ledger's state (every payout records every contributor's
 * weeks), and an Immutable map costs about 110 bytes and a trie update per entry; a week is
 * only ever replaced whole (`merged`), so a JS `Map` that is never changed once built serves it
 * at a fifth of the memory.
 * It is a `ValueObject`: `Immutable.is` compares two weeks by content, so states built by replay
 * and by appending one event at a time are still equal. Identities are kept in id order (UTF-16
 * code units, as canonical JSON orders keys), whatever order an event listed them in, so sums
 * over a week add up the same way after a replay as right after an append. Decision 0811.
 */
import { hash, type ValueObject } from 'immutable';
import { compareStrings } from '../core/canonicalJson.js';
import type { IdentityId } from '../core/identity.js';

export class WeekCred implements ValueObject, Iterable<[IdentityId, number]> {
  static readonly EMPTY = new WeekCred(new Map());

  private hashMemo: number | undefined;

  private constructor(private readonly values: ReadonlyMap<IdentityId, number>) {}

  get size(): number {
    return this.values.size;
  }

  get(id: IdentityId): number | undefined {
    return this.values.get(id);
  }

  has(id: IdentityId): boolean {
    return this.values.has(id);
  }

  [Symbol.iterator](): IterableIterator<[IdentityId, number]> {
    return this.values.entries();
  }

  /** This week with `recorded`'s values in place of its own, identities in id order. */
  merged(recorded: Readonly<Record<string, number>>): WeekCred {
    const ids = Object.keys(recorded) as IdentityId[];
    const fresh = ids.filter((id) => !this.values.has(id));
    if (fresh.length === 0) {
      const values = new Map(this.values);
      for (const id of ids) values.set(id, recorded[id] as number);
      return new WeekCred(values);
    }
    // Ledger lines hold their keys in canonical (id) order already, so this sort is one pass.
    const all = [...this.values.keys(), ...fresh].sort(compareStrings);
    return new WeekCred(
      new Map(
        all.map((id) => [
          id,
          Object.hasOwn(recorded, id) ? (recorded[id] as number) : (this.values.get(id) as number),
        ]),
      ),
    );
  }

  /** The values as a plain object, keys in id order. */
  toObject(): Record<IdentityId, number> {
    return Object.fromEntries(this.values) as Record<IdentityId, number>;
  }

  /** As JSON: the plain object (a JS `Map` would otherwise serialize as `{}`). */
  toJSON(): Record<IdentityId, number> {
    return this.toObject();
  }

  /** Same identities with the same values (as `Immutable.is` compares numbers), in any order. */
  equals(other: unknown): boolean {
    if (!(other instanceof WeekCred)) return false;
    if (other === this) return true;
    if (other.size !== this.size || other.hashCode() !== this.hashCode()) return false;
    for (const [id, value] of this.values) {
      const theirs = other.values.get(id);
      if (theirs === undefined || !sameNumber(theirs, value)) return false;
    }
    return true;
  }

  /** Independent of order, as `equals` is. */
  hashCode(): number {
    if (this.hashMemo === undefined) {
      let sum = 0;
      for (const [id, value] of this.values) sum = (sum + (hash(id) ^ hash(value))) | 0;
      this.hashMemo = sum;
    }
    return this.hashMemo;
  }
}

/** `Immutable.is` on two numbers: equal, or both NaN. */
function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

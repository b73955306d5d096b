/**
 * Plain-function counterparts of the zod combinators the ledger's line schema uses, for
 * src/ledger/lineCheck.ts. Each check returns the value as zod would output it (new objects,
 * keys in the schema's order) or NO when it cannot vouch for it. Only as much of zod as the
 * line schema needs; soundness is tested against zod itself (lineCheck.test.ts).
 */

import { compareCanonicalKeys } from '../core/canonicalJson.js';

/** What a check returns for a value it cannot vouch for. */
export const NO = Symbol('no');
export type Check = (value: unknown) => unknown;

/**
 * What the current check saw, besides its result. `defaults`: a default was filled in (the
 * value then differs from its JSON). `ordered`: every object walked so far had its keys in
 * canonical order (src/core/canonicalJson.ts); only tracked while `keyOrder` is set, so the
 * canonical-form check of `cred ledger verify` needs no second walk of the line.
 */
export const walk = { defaults: false, keyOrder: false, ordered: true };

/** Clears `walk` before checking a new value; `keyOrder` turns on the key order check. */
export function startWalk(keyOrder: boolean): void {
  walk.defaults = false;
  walk.keyOrder = keyOrder;
  walk.ordered = true;
}

/** Notes in `walk` whether `keys` (in the order JSON.parse gave them) are in canonical order. */
function noteOrder(previous: string | undefined, key: string): void {
  if (previous !== undefined && compareCanonicalKeys(previous, key) >= 0) walk.ordered = false;
}

interface StringRule {
  readonly pattern?: RegExp;
  readonly min?: number;
  readonly max?: number;
}

export function str(rule: StringRule = {}): Check {
  const { pattern, min = 0, max = Infinity } = rule;
  return (value) =>
    typeof value === 'string' &&
    value.length >= min &&
    value.length <= max &&
    (pattern === undefined || pattern.test(value))
      ? value
      : NO;
}

interface NumberRule {
  readonly int?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Strictly above `min`. */
  readonly above?: number;
}

export function num(rule: NumberRule = {}): Check {
  const { int = false, min = -Infinity, max = Infinity, above = -Infinity } = rule;
  return (value) =>
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!int || Number.isSafeInteger(value)) &&
    value >= min &&
    value <= max &&
    value > above
      ? value
      : NO;
}

export const bool: Check = (value) => (typeof value === 'boolean' ? value : NO);

export function literal(expected: string | number): Check {
  return (value) => (value === expected ? value : NO);
}

export function oneOf(values: readonly string[]): Check {
  const allowed = new Set(values);
  return (value) => (typeof value === 'string' && allowed.has(value) ? value : NO);
}

export function nullable(check: Check): Check {
  return (value) => (value === null ? null : check(value));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function array(check: Check, min = 0, max = Infinity): Check {
  return (value) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) return NO;
    const out: unknown[] = new Array(value.length);
    for (let k = 0; k < value.length; k++) {
      const item = check(value[k]);
      if (item === NO) return NO;
      out[k] = item;
    }
    return out;
  };
}

/**
 * z.record: keys matching `key`, in the order JSON.parse gave them. zod builds a new object;
 * when every value checks as itself (numbers, strings) that copy has the same keys, order and
 * values as a plain input object, which is then returned as it is: a long ledger's weekly cred
 * and distributions hold thousands of entries per line.
 */
export function record(key: RegExp | null, check: Check): Check {
  return (value) => {
    if (!isPlainObject(value)) return NO;
    const names = Object.keys(value);
    let out: Record<string, unknown> | undefined;
    let previous: string | undefined;
    for (let k = 0; k < names.length; k++) {
      const name = names[k] as string;
      // zod writes keys with `out[name] =`, which drops "__proto__": let zod handle it.
      if (name === '__proto__' || (key !== null && !key.test(name))) return NO;
      if (walk.keyOrder) noteOrder(previous, name);
      previous = name;
      const given = value[name];
      const item = check(given);
      if (item === NO) return NO;
      if (out === undefined && item !== given) out = copyOf(value, names, k);
      if (out !== undefined) out[name] = item;
    }
    if (out !== undefined) return out;
    return Object.getPrototypeOf(value) === Object.prototype
      ? value
      : copyOf(value, names, names.length);
  };
}

/** A new object with the first `count` of `names` of `value`. */
function copyOf(value: Record<string, unknown>, names: readonly string[], count: number) {
  const out: Record<string, unknown> = {};
  for (let k = 0; k < count; k++) out[names[k] as string] = value[names[k] as string];
  return out;
}

interface Field {
  readonly check: Check;
  readonly optional?: boolean;
  /** Filled in when the field is absent (zod's `.default`). */
  readonly fallback?: () => unknown;
}

type Shape = Record<string, Check | Field>;

/**
 * z.strictObject: no unknown key; output keys in the shape's order. The shape is taken apart
 * once into parallel arrays, and the value's keys are counted with `for...in` (no array per
 * object), which also gives their order for `walk.ordered`.
 */
export function object(shape: Shape, refine?: (value: Record<string, unknown>) => boolean): Check {
  const fields = Object.entries(shape).map(
    ([name, field]) => [name, typeof field === 'function' ? { check: field } : field] as const,
  );
  const names = fields.map(([name]) => name);
  const checks = fields.map(([, field]) => field.check);
  const optionals = fields.map(([, field]) => field.optional === true);
  const fallbacks = fields.map(([, field]) => field.fallback);
  const count = names.length;
  return (value) => {
    if (!isPlainObject(value)) return NO;
    let present = 0;
    const out: Record<string, unknown> = {};
    for (let k = 0; k < count; k++) {
      const name = names[k] as string;
      const given = value[name];
      if (given === undefined) {
        const fallback = fallbacks[k];
        if (fallback !== undefined) {
          out[name] = fallback();
          walk.defaults = true;
          continue;
        }
        if (optionals[k] === true) continue;
        return NO;
      }
      present++;
      const item = (checks[k] as Check)(given);
      if (item === NO) return NO;
      out[name] = item;
    }
    // Every present field is an own key, so equal counts mean no unknown key. `for...in` also
    // lists inherited enumerable keys (parsed JSON has none): any would only make counts differ.
    let keys = 0;
    let previous: string | undefined;
    for (const key in value) {
      keys++;
      if (walk.keyOrder) noteOrder(previous, key);
      previous = key;
    }
    if (keys !== present) return NO;
    return refine === undefined || refine(out) ? out : NO;
  };
}

export function optional(check: Check): Field {
  return { check, optional: true };
}

/** z.discriminatedUnion on `type`. */
export function byType(variants: Record<string, Check>): Check {
  const table = new Map(Object.entries(variants));
  return (value) => {
    if (!isPlainObject(value) || typeof value.type !== 'string') return NO;
    const check = table.get(value.type);
    return check === undefined ? NO : check(value);
  };
}

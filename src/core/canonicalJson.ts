/**
 * Canonical JSON: keys sorted at every depth, except that `type` and `version` come first, so
 * every file cred writes starts with what it is and which format it uses. No whitespace
 * variance, a trailing newline on files. Every output goes through here, so identical inputs
 * give byte-identical files and digests can be taken over the text.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Serializes `value` with sorted keys. `indent` 0 gives one line (ledger lines, digests). */
export function canonicalJson(value: unknown, indent = 0): string {
  return JSON.stringify(sortKeys(value), null, indent === 0 ? undefined : indent);
}

/**
 * `canonicalJson` of a value JSON.parse returned, without the sorted copy when its keys already
 * come in canonical order at every depth (as a canonical text's do): JSON.stringify then gives
 * the same text. Parsed JSON has no `toJSON`, bigint or undefined, which `sortKeys` would change.
 */
export function canonicalJsonOfParsed(value: unknown): string {
  return inCanonicalOrder(value) ? JSON.stringify(value) : canonicalJson(value);
}

function inCanonicalOrder(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(inCanonicalOrder);
  let previous: string | undefined;
  for (const key in value) {
    // `in` also walks inherited keys; parsed objects have none but own ones ("__proto__" aside).
    if (!Object.hasOwn(value, key) || key === '__proto__') return false;
    if (previous !== undefined && compareCanonicalKeys(previous, key) >= 0) return false;
    if (!inCanonicalOrder((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
}

/** A canonical JSON file body: sorted keys, two-space indent, final newline. */
export function canonicalJsonFile(value: unknown): string {
  return `${canonicalJson(value, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      return sortKeys((value as { toJSON: () => unknown }).toJSON());
    }
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareCanonicalKeys)) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) sorted[key] = sortKeys(child);
    }
    return sorted;
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Compares strings by UTF-16 code units: the stable order used for every sorted output. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const LEADING_KEYS = ['type', 'version'];

/** The order of keys in canonical JSON: `type`, `version`, then the rest by UTF-16 code units. */
export function compareCanonicalKeys(a: string, b: string): number {
  const rankA = LEADING_KEYS.indexOf(a);
  const rankB = LEADING_KEYS.indexOf(b);
  if (rankA !== -1 || rankB !== -1) {
    return (
      (rankA === -1 ? LEADING_KEYS.length : rankA) - (rankB === -1 ? LEADING_KEYS.length : rankB)
    );
  }
  return compareStrings(a, b);
}

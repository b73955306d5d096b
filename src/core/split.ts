/**
 * Splitting an amount of money exactly: largest-remainder rounding with integer arithmetic.
 * Each part gets the floor of its exact quota; the cents left over go one by one to the parts
 * with the largest remainders, ties broken by key, so the parts always add up to the total and
 * the same inputs always give the same split. Weights (cred, shortfalls) are floats; they are
 * turned into integers at a fixed precision first, so no floating error can move a cent.
 */
import { compareStrings } from './canonicalJson.js';
import { CredError } from './errors.js';

/** Weights are scaled to integers with this many units per 1 before splitting. */
export const WEIGHT_SCALE = 1_000_000_000;

export interface Weighted {
  readonly key: string;
  readonly weight: number;
}

export function splitExactly(total: bigint, parts: readonly Weighted[]): Map<string, bigint> {
  if (total < 0n)
    throw new CredError('SPLIT_NEGATIVE', `cannot split a negative amount (${total})`);
  const scaled = parts.map(({ key, weight }) => {
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new CredError(
        'SPLIT_BAD_WEIGHT',
        `weight of "${key}" must be a finite number >= 0, got ${weight}`,
      );
    }
    return { key, weight: BigInt(Math.round(weight * WEIGHT_SCALE)) };
  });
  return splitByIntegers(total, scaled);
}

/**
 * `splitExactly` with integer weights (amounts of money, say), taken exactly: each part gets
 * `total * weight / sum` rounded by largest remainders.
 */
export function splitByIntegers(
  total: bigint,
  scaled: readonly { readonly key: string; readonly weight: bigint }[],
): Map<string, bigint> {
  if (total < 0n)
    throw new CredError('SPLIT_NEGATIVE', `cannot split a negative amount (${total})`);
  const bad = scaled.find((part) => part.weight < 0n);
  if (bad !== undefined)
    throw new CredError(
      'SPLIT_BAD_WEIGHT',
      `weight of "${bad.key}" must be >= 0, got ${bad.weight}`,
    );
  const sum = scaled.reduce((acc, part) => acc + part.weight, 0n);
  const result = new Map<string, bigint>(scaled.map(({ key }) => [key, 0n]));
  if (total === 0n) return result;
  if (sum === 0n)
    throw new CredError('SPLIT_NO_WEIGHT', 'cannot split an amount when every weight is zero');
  let given = 0n;
  const remainders: { key: string; remainder: bigint }[] = [];
  for (const { key, weight } of scaled) {
    const exact = total * weight;
    const floor = exact / sum;
    result.set(key, floor);
    given += floor;
    remainders.push({ key, remainder: exact % sum });
  }
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? compareStrings(a.key, b.key) : a.remainder > b.remainder ? -1 : 1,
  );
  for (let k = 0n; k < total - given; k++) {
    const { key } = remainders[Number(k)] as { key: string };
    result.set(key, (result.get(key) as bigint) + 1n);
  }
  return result;
}

/** Parses a decimal amount ("1234.56") into minor units of a currency with `digits` digits. */
export function parseDecimalAmount(text: string, digits: number): bigint | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (match === null) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  return (
    BigInt(match[1] as string) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0')
  );
}

/** floor(amount x ratio) for a decimal ratio given as text ("0.8"), exactly. */
export function applyRatio(amount: bigint, ratio: string): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(ratio);
  if (match === null)
    throw new CredError('RATIO_MALFORMED', `ratio "${ratio}" is not a decimal number`);
  const fraction = match[2] ?? '';
  const numerator = BigInt(`${match[1]}${fraction}`);
  return (amount * numerator) / 10n ** BigInt(fraction.length);
}

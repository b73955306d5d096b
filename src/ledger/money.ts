/**
 * Money in the ledger: `bigint` minor units (cents), written as decimal strings so JSON never
 * rounds them. Parsing rejects anything that is not a plain non-negative integer string.
 */
import { minorUnitDigits } from '../core/currency.js';
import { LedgerError } from '../core/errors.js';

export type MinorUnits = bigint;

const INTEGER = /^(0|[1-9]\d*)$/;

export function parseMinorUnits(text: string, where: string): MinorUnits {
  if (!INTEGER.test(text)) {
    throw new LedgerError(
      'amount_malformed',
      `${where}: expected an integer amount in minor units, got "${text}"`,
    );
  }
  return BigInt(text);
}

export function formatMinorUnits(amount: MinorUnits): string {
  return amount.toString();
}

/** "12.34" for 1234n with 2 digits; "-0.05" for -5n. */
export function toDecimal(amount: MinorUnits, digits: number): string {
  const negative = amount < 0n;
  const absolute = (negative ? -amount : amount).toString().padStart(digits + 1, '0');
  const whole = absolute.slice(0, absolute.length - digits);
  const fraction = digits === 0 ? '' : `.${absolute.slice(absolute.length - digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * An amount as people read it in an error: "12.34 USD" for 1234n in a ledger whose grain is in
 * USD (the currency of its distributions), "1234 minor units" before any distribution.
 */
export function formatMoney(amount: MinorUnits, currency: string | undefined): string {
  if (currency === undefined) return `${amount} minor units`;
  return `${toDecimal(amount, minorUnitDigits(currency))} ${currency}`;
}

/**
 * A persistent map of balances: the ledger state's (versionedMap.ts) and KToken's (Immutable),
 * whose updates return the updated map.
 */
export interface BalanceMap<K, M> {
  get(key: K): bigint | undefined;
  set(key: K, amount: bigint): M;
  delete(key: K): M;
}

/**
 * A balance map plus `amount` (negative to take away) at `key`. A balance that reaches zero
 * leaves the map, so two states with the same balances are equal whatever their history.
 */
export function addAmount<K, M extends BalanceMap<K, M>>(map: M, key: K, amount: bigint): M {
  return setAmount(map, key, (map.get(key) ?? 0n) + amount);
}

/** A balance map with `amount` at `key` (a zero balance leaves the map, as in `addAmount`). */
export function setAmount<K, M extends BalanceMap<K, M>>(map: M, key: K, amount: bigint): M {
  return amount === 0n ? map.delete(key) : map.set(key, amount);
}

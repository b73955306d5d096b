/**
 * Token amounts as people read and write them: "12.5" for 12500000000000000000 units of an
 * 18-decimal token. Exact both ways (bigint), trailing zeros of the fraction dropped.
 */
import { parseDecimalAmount } from '../../core/split.js';
import { toDecimal } from '../money.js';
import type { TokenUnits } from './records.js';

export function formatTokens(units: TokenUnits, decimals: number): string {
  const text = toDecimal(units, decimals);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Parses "12.5" into units; undefined when malformed or finer than the token's decimals. */
export function parseTokens(text: string, decimals: number): TokenUnits | undefined {
  return parseDecimalAmount(text, decimals);
}

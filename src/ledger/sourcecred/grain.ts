/**
 * SourceCred's grain in a cred instance's currency. Grain amounts are integers of atto-grain
 * (10^-18 grain); cred's are integers of the currency's minor unit (10^-digits). With a rate of
 * r currency units per grain (1 unless the maintainer says otherwise), an amount converts as
 *
 *   minor = floor(atto * r * 10^digits / 10^18)
 *
 * computed in `bigint` on the rate's exact decimal fraction, so nothing passes through a float.
 * Each identity's lifetime paid and currently owed amount are converted once, from their exact
 * totals; what the floor drops (under one minor unit per amount) is reported, never spread.
 */
import { LedgerError } from '../../core/errors.js';

export const ATTO_DIGITS = 18;

export interface GrainRate {
  /** The rate as written ("1", "0.05"). */
  readonly text: string;
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export function parseGrainRate(text: string): GrainRate {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null || /^0+(\.0+)?$/.test(text)) {
    throw new LedgerError(
      'grain_rate_invalid',
      `--grain-rate: expected a positive decimal, got "${text}"`,
      {
        suggestions: ['Give the value of one grain in the instance currency, e.g. --grain-rate 1.'],
      },
    );
  }
  const fraction = match[2] ?? '';
  return {
    text,
    numerator: BigInt(`${match[1]}${fraction}`),
    denominator: 10n ** BigInt(fraction.length),
  };
}

/** atto-grain -> minor units, rounded down; `dust` is what the rounding dropped, in atto-grain. */
export function convertGrain(
  atto: bigint,
  rate: GrainRate,
  digits: number,
): { minor: bigint; dust: bigint } {
  const scale = rate.denominator * 10n ** BigInt(ATTO_DIGITS);
  const scaled = atto * rate.numerator * 10n ** BigInt(digits);
  const minor = scaled / scale;
  const leftover = scaled - minor * scale;
  return { minor, dust: leftover / (rate.numerator * 10n ** BigInt(digits)) };
}

export function conversionRule(rate: GrainRate, currency: string, digits: number): string {
  return (
    `1 grain = ${rate.text} ${currency}; minor units = floor(atto-grain * ${rate.text} * 10^${digits} / 10^${ATTO_DIGITS}), ` +
    "applied once to each identity's lifetime paid and currently owed totals"
  );
}

/**
 * Currencies cred can pay in: the ISO 4217 codes Open Collective accepts, with the number of
 * digits of their minor unit. Amounts are always integers in minor units (cents); this table is
 * what turns "12.34 USD" into 1234 and back, exactly.
 */

const CODES =
  'USD AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BIF BMD BND BOB BRL BSD BWP BYN ' +
  'BZD CAD CDF CHF CLP CNY COP CRC CVE CZK DJF DKK DOP DZD EGP ETB EUR FJD FKP GBP GEL GHS GIP ' +
  'GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR ISK JMD JPY KES KGS KHR KMF KRW KYD KZT LAK ' +
  'LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD ' +
  'PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SEK SGD SHP SLL SOS SRD SZL THB ' +
  'TJS TOP TRY TTD TWD TZS UAH UGX UYU UZS VND VUV WST XAF XCD XOF XPF YER ZAR ZMW';

/** ISO 4217 currencies whose minor unit has no digits. */
const ZERO_DIGIT = new Set(
  'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF'.split(' '),
);

export const CURRENCIES: readonly string[] = Object.freeze(CODES.split(' '));
const KNOWN = new Set(CURRENCIES);

export function isKnownCurrency(code: string): boolean {
  return KNOWN.has(code);
}

/** Digits of the currency's minor unit (2 for USD, 0 for JPY). */
export function minorUnitDigits(code: string): number {
  return ZERO_DIGIT.has(code) ? 0 : 2;
}

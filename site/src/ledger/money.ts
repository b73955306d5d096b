/**
 * Amounts as the ledger data has them: decimal strings in the currency's units ("1234.56"),
 * all with the currency's number of decimals. They are regrouped and added as text and bigint,
 * never as floats, so what the explorer shows is exactly what the ledger and the reports say.
 */

/** "1234567.8" -> "1,234,567.8"; the digits are kept as they are. */
export function formatAmount(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '', fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** The amount in minor units ("12.34" -> 1234n). */
export function minorUnits(text: string): bigint {
  return BigInt(text.replace('.', ''));
}

/** Minor units back to text with `decimals` decimals (1234n, 2 -> "12.34"). */
export function fromMinorUnits(amount: bigint, decimals: number): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = decimals === 0 ? '' : `.${digits.slice(digits.length - decimals)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** a + b, for amounts of the same currency. */
export function addAmounts(a: string, b: string): string {
  const decimals = a.includes('.') ? a.length - a.indexOf('.') - 1 : 0;
  return fromMinorUnits(minorUnits(a) + minorUnits(b), decimals);
}

export function isZero(text: string): boolean {
  return !/[1-9]/.test(text);
}

/**
 * Number and date formatting without locales (outputs must not depend on the reader's machine):
 * thousands separated by commas, cred with the decimals the data says (leaderboard `decimals`).
 */

/** `1234.5` -> `1,234.50` (for 2 decimals). */
export function formatNumber(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '–';
}

/** `YYYY-MM-DD` of a UTC time. */
export function formatDate(timeMs: number | null): string {
  return timeMs === null ? '' : new Date(timeMs).toISOString().slice(0, 10);
}

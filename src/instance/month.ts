/** A month given on the command line (`--month YYYY-MM`), as a range of time. */
import { UsageError } from '../core/errors.js';
import { parseMonth, type MonthRange } from '../core/weeks.js';

export function monthOf(name: string): MonthRange {
  const month = parseMonth(name);
  if (month === undefined) {
    throw new UsageError('PAYOUT_BAD_MONTH', `--month: "${name}" is not a month`, {
      suggestions: ['Write the month as YYYY-MM, e.g. --month 2026-10.'],
    });
  }
  return month;
}

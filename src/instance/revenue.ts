/**
 * The month's revenue R: given on the command line ("1234.56"), or read from Open Collective
 * ("opencollective"). Zero or negative revenue is refused: there is nothing to split.
 */
import { PayoutError } from '../core/errors.js';
import type { MonthRange } from '../core/weeks.js';
import type { Instance, Runtime } from './instance.js';
import { readOpenCollectiveRevenue } from './openCollective.js';
import { decimalAmount } from './payoutConfig.js';

export async function resolveRevenue(
  instance: Instance,
  runtime: Runtime,
  option: string | undefined,
  month: MonthRange,
): Promise<bigint> {
  if (option === undefined) {
    throw new PayoutError('PAYOUT_NO_REVENUE', `no revenue given for ${month.name}`, {
      suggestions: [
        "Pass --revenue 1234.56 (in the collective's currency) or --revenue opencollective.",
      ],
    });
  }
  const revenue =
    option === 'opencollective'
      ? await readOpenCollectiveRevenue(instance, runtime, month)
      : parseRevenue(option, instance.config.currency);
  if (revenue <= 0n) {
    throw new PayoutError(
      'PAYOUT_BAD_REVENUE',
      `revenue for ${month.name} must be positive, got ${option === 'opencollective' ? 'zero from Open Collective' : option}`,
      {
        suggestions: [
          'A month without revenue has nothing to split; skip it or give the amount to distribute.',
        ],
      },
    );
  }
  return revenue;
}

function parseRevenue(text: string, currency: string): bigint {
  if (/^-/.test(text.trim())) {
    throw new PayoutError('PAYOUT_BAD_REVENUE', `revenue must be positive, got ${text}`, {
      suggestions: ["Give the month's revenue as a positive amount, e.g. --revenue 1234.56."],
    });
  }
  return decimalAmount(text, currency, '--revenue');
}

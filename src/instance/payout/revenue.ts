/**
 * The month's revenue R: given on the command line ("1234.56"), or read from Open Collective
 * ("opencollective"). Zero or negative revenue is refused: there is nothing to split. Once a
 * month is proposed its revenue is in the ledger; a different one given later is refused rather
 * than ignored, so a maintainer never believes a changed amount was used. The Open Collective
 * reader is imported only when asked for: its GraphQL client costs every command that plans a
 * payout (and `cred score`, through the weights diff) a tenth of a second to load.
 */
import { minorUnitDigits } from '../../core/currency.js';
import { PayoutError, UsageError } from '../../core/errors.js';
import { toDecimal } from '../../ledger/money.js';
import type { PayoutRecord } from '../../ledger/state.js';
import type { MonthRange } from '../../core/weeks.js';
import type { Instance, Runtime } from '../instance.js';
import { decimalAmount } from './config.js';

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
      ? await (
          await import('./openCollective.js')
        ).readOpenCollectiveRevenue(instance, runtime, month)
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

/**
 * Checks a --revenue given for a month that already has a proposal: it must be a valid amount
 * and equal the recorded one ("opencollective" is accepted: the recorded figure stands).
 */
export function refuseChangedRevenue(
  recorded: PayoutRecord,
  option: string | undefined,
  currency: string,
): void {
  if (option === undefined || option === 'opencollective') return;
  const given = parseRevenue(option, currency);
  const revenue = BigInt(recorded.proposal.revenue);
  if (given === revenue) return;
  const digits = minorUnitDigits(currency);
  const shown = `${toDecimal(revenue, digits)} ${currency}`;
  throw new PayoutError(
    'PAYOUT_REVENUE_RECORDED',
    `${recorded.month} is already ${recorded.status === 'final' ? 'final' : 'proposed'} with revenue ${shown}, not ${toDecimal(given, digits)}`,
    {
      suggestions: [
        recorded.status === 'final'
          ? "A final payout does not change; count the difference in a later month's revenue."
          : `Withdraw the proposal ("cred payout withdraw --month ${recorded.month} --reason ...") and propose again, or leave out --revenue.`,
      ],
    },
  );
}

/** The same for --ratio: a month already proposed keeps the ratio it was proposed with. */
export function refuseChangedRatio(recorded: PayoutRecord, ratio: string | undefined): void {
  if (ratio === undefined || Number(ratio) === Number(recorded.proposal.ratio)) return;
  throw new PayoutError(
    'PAYOUT_RATIO_RECORDED',
    `${recorded.month} is already ${recorded.status === 'final' ? 'final' : 'proposed'} with ratio ${recorded.proposal.ratio}, not ${ratio}`,
    {
      suggestions: [
        recorded.status === 'final'
          ? 'A final payout does not change.'
          : `Withdraw the proposal ("cred payout withdraw --month ${recorded.month} --reason ...") and propose again, or leave out --ratio.`,
      ],
    },
  );
}

/** `--revenue` given by hand: a well-formed positive amount, or a usage error (exit 2). */
function parseRevenue(text: string, currency: string): bigint {
  const amount = /^-/.test(text.trim()) ? 0n : decimalAmount(text, currency, '--revenue');
  if (amount === 0n) {
    throw new UsageError('PAYOUT_BAD_REVENUE', `--revenue: must be positive, got ${text}`, {
      suggestions: ["Give the month's revenue as a positive amount, e.g. --revenue 1234.56."],
    });
  }
  return amount;
}

/**
 * The instance's Open Collective connection: settings from cred.json (`payout.opencollective`),
 * the personal token from OPENCOLLECTIVE_TOKEN (never written anywhere), the runtime's clock and
 * sleep for pacing; and `--revenue opencollective`, the month's revenue as Open Collective
 * reports it (contributions received in [first day, first day of next month), net of host and
 * payment processor fees unless cred.json says otherwise).
 */
import { isKnownCurrency, minorUnitDigits } from '../../core/currency.js';
import { ConfigError, PayoutError } from '../../core/errors.js';
import type { MonthRange } from '../../core/weeks.js';
import { readRevenue } from '../../ledger/opencollective/api.js';
import {
  OpenCollectiveClient,
  type OpenCollectiveClientOptions,
} from '../../ledger/opencollective/client.js';
import { centsToMinor } from '../../ledger/opencollective/expenseInput.js';
import { toDecimal } from '../../ledger/money.js';
import type { InstanceSettings, Runtime } from '../instance.js';
import { payoutSettings, type OpenCollectiveSettings } from './config.js';

export const TOKEN_VARIABLE = 'OPENCOLLECTIVE_TOKEN';

/** Client options a test or the demo may change (timeouts, attempts, pacing). */
export type ClientOverrides = Partial<
  Pick<
    OpenCollectiveClientOptions,
    'timeoutMs' | 'maxAttempts' | 'draftIntervalMs' | 'maxRateLimitWaits' | 'requestsPerMinute'
  >
>;

export function openCollectiveSettings(instance: InstanceSettings): OpenCollectiveSettings {
  const settings = payoutSettings(instance.config).opencollective;
  if (settings === undefined) {
    throw new ConfigError(
      'OPENCOLLECTIVE_NOT_CONFIGURED',
      'cred.json has no "payout.opencollective" section',
      {
        ref: 'cred.json#payout.opencollective',
        suggestions: [
          'Add "opencollective": { "collective": "<your collective\'s slug>" } to the payout section of cred.json (docs/payouts.md).',
        ],
      },
    );
  }
  return settings;
}

export function openCollectiveClient(
  instance: InstanceSettings,
  runtime: Runtime,
  options: { readonly requireToken: boolean; readonly overrides?: ClientOverrides },
): OpenCollectiveClient {
  const settings = openCollectiveSettings(instance);
  const token = runtime.env[TOKEN_VARIABLE];
  if (options.requireToken && (token === undefined || token === '')) {
    throw new PayoutError('OPENCOLLECTIVE_NO_TOKEN', `${TOKEN_VARIABLE} is not set`, {
      suggestions: [
        `Create a personal token with the "expenses" scope on Open Collective (settings, "For developers") and export it as ${TOKEN_VARIABLE}.`,
      ],
    });
  }
  return new OpenCollectiveClient({
    apiUrl: settings.apiUrl,
    token: token === '' ? undefined : token,
    nowMs: runtime.nowMs,
    sleep: runtime.sleep,
    reporter: runtime.reporter,
    timeoutMs: settings.timeoutSeconds * 1000,
    requestsPerMinute: settings.requestsPerMinute,
    ...options.overrides,
  });
}

/** Checks that Open Collective's currency is one cred knows and the instance's own. */
export function checkCurrency(instance: InstanceSettings, currency: string, where: string): void {
  if (!isKnownCurrency(currency)) {
    throw new PayoutError(
      'PAYOUT_UNKNOWN_CURRENCY',
      `${where}: Open Collective answered in "${currency}", a currency cred does not know`,
      { suggestions: ['Give the revenue by hand with --revenue, in the instance currency.'] },
    );
  }
  if (currency !== instance.config.currency) {
    throw new PayoutError(
      'PAYOUT_CURRENCY_MISMATCH',
      `${where}: Open Collective keeps the collective's books in ${currency}, the instance in ${instance.config.currency} (cred.json "currency")`,
      {
        suggestions: [
          `Set "currency": "${currency}" in cred.json before the first payout, or give the revenue in ${instance.config.currency} with --revenue.`,
        ],
      },
    );
  }
}

/** The month's revenue R from Open Collective, in minor units of the instance currency. */
export async function readOpenCollectiveRevenue(
  instance: InstanceSettings,
  runtime: Runtime,
  month: MonthRange,
  overrides?: ClientOverrides,
): Promise<bigint> {
  const settings = openCollectiveSettings(instance);
  const client = openCollectiveClient(instance, runtime, { requireToken: false, overrides });
  const answer = await readRevenue(
    client,
    settings.collective,
    month.startMs,
    month.endMs,
    settings.revenue.kinds,
  );
  checkCurrency(instance, answer.currency, `revenue of ${settings.collective}`);
  const gross = centsToMinor(answer.grossInCents, answer.currency);
  const net = centsToMinor(answer.netInCents, answer.currency);
  const money = (amount: bigint) => toDecimal(amount, minorUnitDigits(answer.currency));
  runtime.reporter.progress(
    `Open Collective: ${settings.collective} received ${money(gross)} ${answer.currency} in ${month.name} ` +
      `(${settings.revenue.kinds.join(', ').toLowerCase()}), ${money(net)} after fees; ` +
      `revenue R = ${money(settings.revenue.net ? net : gross)} (${settings.revenue.net ? 'net' : 'gross'})`,
  );
  return settings.revenue.net ? net : gross;
}

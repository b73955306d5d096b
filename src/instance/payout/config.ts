/**
 * The `payout` section of cred.json: ratio p, minimum payment, review period, split policy and
 * the Open Collective collective to file expenses with. Validated strictly; amounts are decimal
 * strings in the currency's units ("5.00"), turned into minor units here.
 */
import * as z from 'zod';
import { minorUnitDigits } from '../../core/currency.js';
import { ConfigError, UsageError } from '../../core/errors.js';
import { parseDecimalAmount } from '../../core/split.js';
import { parseWithSchema } from '../../core/validation.js';
import { PAYOUT_POLICY_SCHEMA } from '../../ledger/events.js';
import type { PayoutPolicy } from '../../ledger/payout/policy.js';
import type { InstanceConfig } from '../config.js';

const decimal = z.union([z.string().regex(/^\d+(\.\d+)?$/), z.number().nonnegative().finite()]);

export const DEFAULT_OPENCOLLECTIVE_API = 'https://api.opencollective.com/graphql/v2';

const openCollectiveSchema = z.strictObject({
  /** The collective (or project) that pays: its slug. */
  collective: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { message: "expected the collective's slug" }),
  apiUrl: z.string().url().default(DEFAULT_OPENCOLLECTIVE_API),
  expenseType: z.enum(['INVOICE', 'GRANT']).default('INVOICE'),
  /** Expense title; {month} and {name} are replaced. */
  description: z.string().min(1).default('Contributions to {collective}, {month}'),
  tags: z.array(z.string().min(1)).default([]),
  /** What counts as the month's revenue for `--revenue opencollective`. */
  revenue: z
    .strictObject({
      /** After host and payment processor fees (the money the collective actually has). */
      net: z.boolean().default(true),
      kinds: z
        .array(z.enum(['CONTRIBUTION', 'ADDED_FUNDS']))
        .min(1)
        .default(['CONTRIBUTION']),
    })
    .default({ net: true, kinds: ['CONTRIBUTION'] }),
  timeoutSeconds: z.number().positive().max(600).default(30),
  /** Open Collective allows 100 a minute per personal token. */
  requestsPerMinute: z.number().int().min(1).max(100).default(100),
});

const payoutSchema = z.strictObject({
  ratio: decimal,
  minimum: decimal.default('0'),
  reviewDays: z.number().int().nonnegative().default(7),
  policy: PAYOUT_POLICY_SCHEMA.default({ type: 'proportional' }),
  opencollective: openCollectiveSchema.optional(),
});

export type OpenCollectiveSettings = z.infer<typeof openCollectiveSchema>;

export interface PayoutSettings {
  /** Decimal string in (0, 1]. */
  readonly ratio: string;
  readonly minimum: bigint;
  readonly reviewDays: number;
  readonly policy: PayoutPolicy;
  readonly opencollective: OpenCollectiveSettings | undefined;
}

export function payoutSettings(config: InstanceConfig): PayoutSettings {
  if (config.payout === undefined) {
    throw new ConfigError('PAYOUT_NOT_CONFIGURED', 'cred.json has no "payout" section', {
      ref: 'cred.json#payout',
      suggestions: [
        'Add e.g. "payout": { "ratio": "0.8", "minimum": "5.00", "reviewDays": 7 } to cred.json (docs/formats.md).',
      ],
    });
  }
  const fix = 'Fix "payout.{field}" in cred.json (docs/formats.md, "Payout reports").';
  const parsed = parseWithSchema(
    payoutSchema,
    config.payout,
    'cred.json (payout)',
    'CONFIG_INVALID',
    fix,
  );
  const ratio = String(parsed.ratio);
  if (!(Number(ratio) > 0 && Number(ratio) <= 1)) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `cred.json: field "payout.ratio": expected a share in (0, 1], got ${ratio}`,
      {
        ref: 'cred.json#payout.ratio',
        suggestions: ['The payout ratio p is the share of revenue paid out, e.g. "0.8".'],
      },
    );
  }
  return {
    ratio,
    minimum: decimalAmount(String(parsed.minimum), config.currency, 'payout.minimum'),
    reviewDays: parsed.reviewDays,
    policy: parsed.policy,
    opencollective: parsed.opencollective,
  };
}

/** A decimal amount in the instance's currency, as minor units; `field` names it in errors. */
export function decimalAmount(text: string, currency: string, field: string): bigint {
  const digits = minorUnitDigits(currency);
  const amount = parseDecimalAmount(text, digits);
  if (amount === undefined) {
    const Class = field.startsWith('--') ? UsageError : ConfigError;
    throw new Class(
      'AMOUNT_MALFORMED',
      `${field}: "${text}" is not an amount in ${currency} (at most ${digits} decimals)`,
      {
        suggestions: [
          `Write it like ${digits === 0 ? '"1234"' : '"1234.56"'}, without currency symbol or thousands separators.`,
        ],
      },
    );
  }
  return amount;
}

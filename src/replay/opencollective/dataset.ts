/**
 * The data an Open Collective stand-in serves (`cred/opencollective-dataset` 1): the collective
 * that pays, the personal token and its user (with the accounts that user administers), other
 * accounts payees may have, the collective's transactions (for revenue), and expenses already
 * there. Validated with zod so a hand-edited dataset fails with the field named.
 */
import * as z from 'zod';
import { ConfigError } from '../../core/errors.js';
import { parseWithSchema } from '../../core/validation.js';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected a slug' });
const dateTime = z.string().datetime({ offset: true, message: 'expected an ISO date-time' });
const cents = z.number().int().nonnegative();

const payoutMethodSchema = z.strictObject({
  publicId: z.string().min(1),
  type: z.enum(['OTHER', 'PAYPAL', 'BANK_ACCOUNT', 'ACCOUNT_BALANCE']),
  isSaved: z.boolean().default(true),
});

const accountSchema = z.strictObject({
  slug,
  name: z.string().min(1),
  type: z.enum(['INDIVIDUAL', 'ORGANIZATION', 'COLLECTIVE', 'PROJECT']).default('INDIVIDUAL'),
  /** Slugs of the users administering it (an individual administers itself). */
  admins: z.array(slug).default([]),
  payoutMethods: z.array(payoutMethodSchema).default([]),
});

const transactionSchema = z.strictObject({
  id: z.string().min(1),
  createdAt: dateTime,
  kind: z.enum(['CONTRIBUTION', 'ADDED_FUNDS', 'BALANCE_TRANSFER', 'EXPENSE']),
  amountInCents: cents,
  /** After host and payment processor fees. */
  netAmountInCents: cents,
  refunded: z.boolean().default(false),
});

const tokenSchema = z.strictObject({
  value: z.string().min(1),
  /** Slug of the user the token belongs to (an account of the dataset). */
  user: slug,
  scopes: z.array(z.string()).default(['expenses', 'account']),
  /** Open Collective staff can lift the one-draft-per-10-s limit for a user. */
  bypassDraftLimit: z.boolean().default(false),
});

export const openCollectiveDatasetSchema = z.strictObject({
  type: z.literal('cred/opencollective-dataset'),
  version: z.literal(1),
  collective: z.strictObject({
    slug,
    name: z.string().min(1),
    currency: z.string().length(3),
    hostFeePercent: z.number().min(0).max(100).default(0),
    admins: z.array(slug).default([]),
  }),
  tokens: z.array(tokenSchema).min(1),
  accounts: z.array(accountSchema).default([]),
  transactions: z.array(transactionSchema).default([]),
});

export type OpenCollectiveDataset = z.infer<typeof openCollectiveDatasetSchema>;
export type DatasetAccount = z.infer<typeof accountSchema>;
export type DatasetToken = z.infer<typeof tokenSchema>;
export type DatasetTransaction = z.infer<typeof transactionSchema>;

export function parseOpenCollectiveDataset(json: unknown, file: string): OpenCollectiveDataset {
  const dataset = parseWithSchema(
    openCollectiveDatasetSchema,
    json,
    file,
    'DATASET_INVALID',
    'Fix "{field}" (docs/formats.md, "Open Collective stand-in dataset").',
  );
  const slugs = new Set(dataset.accounts.map((account) => account.slug));
  for (const token of dataset.tokens) {
    if (!slugs.has(token.user)) {
      throw new ConfigError(
        'DATASET_INVALID',
        `${file}: token user "${token.user}" is not one of the accounts`,
        { ref: file, suggestions: ['Add the user to "accounts".'] },
      );
    }
  }
  return dataset;
}

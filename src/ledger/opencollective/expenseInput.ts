/**
 * What cred sends to file one payment as an Open Collective expense, built from the payment
 * alone so that the same payment always gives the same request (a dry run shows exactly what a
 * real run sends). Every expense carries a deterministic reference (`cred:<proposal>:<identity>`),
 * tags naming the run and custom data naming the run and identity: Open Collective has no
 * idempotency key, so these are how a re-run finds what an earlier, interrupted run filed.
 *
 * Amounts: cred counts minor units of the currency (cents; yen for JPY); Open Collective counts
 * hundredths of the currency unit for every currency (`valueInCents`, an Int).
 */
import { minorUnitDigits } from '../../core/currency.js';
import { PayoutError } from '../../core/errors.js';

export interface ExpenseRequest {
  /** Slug of the collective that pays. */
  readonly collective: string;
  readonly proposalId: string;
  readonly month: string;
  readonly identityId: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly description: string;
  readonly longDescription: string;
  readonly type: 'INVOICE' | 'GRANT';
  /** Tags from cred.json, besides the run's own. */
  readonly extraTags: readonly string[];
}

/** Where a payment goes: an account the token's user administers, or an invitation. */
export type ExpensePayee =
  | { readonly kind: 'account'; readonly slug: string; readonly payoutMethod: string }
  | { readonly kind: 'invite-account'; readonly slug: string }
  | { readonly kind: 'invite-email'; readonly email: string; readonly name: string };

export const LOCKED_FIELDS = ['AMOUNT', 'DESCRIPTION', 'TYPE'] as const;

const INT_MAX = 2_147_483_647;

export function expenseReference(proposalId: string, identityId: string): string {
  return `cred:${proposalId}:${identityId}`;
}

/** The tag every expense of a run carries (Open Collective stores tags lower-cased). */
export function runTag(proposalId: string): string {
  return `cred-${proposalId}`.toLowerCase();
}

export function expenseTags(proposalId: string, extra: readonly string[]): string[] {
  return [...new Set(['cred', runTag(proposalId), ...extra.map((tag) => tag.toLowerCase())])];
}

/** Open Collective's `valueInCents` for an amount in cred's minor units. */
export function minorToCents(amount: bigint, currency: string): number {
  const cents = amount * 10n ** BigInt(2 - minorUnitDigits(currency));
  if (cents <= 0n || cents > BigInt(INT_MAX)) {
    throw new PayoutError(
      'OPENCOLLECTIVE_AMOUNT_RANGE',
      `an expense of ${amount} minor units of ${currency} is outside what Open Collective accepts (1 to ${INT_MAX} cents)`,
      { suggestions: ['Pay this amount by hand and record it, or split it over several months.'] },
    );
  }
  return Number(cents);
}

/** cred's minor units for Open Collective's `valueInCents` (which must be whole). */
export function centsToMinor(valueInCents: number, currency: string): bigint {
  const factor = 10n ** BigInt(2 - minorUnitDigits(currency));
  const cents = BigInt(Math.round(valueInCents));
  return cents / factor;
}

function common(request: ExpenseRequest) {
  const reference = expenseReference(request.proposalId, request.identityId);
  return {
    description: request.description,
    longDescription: request.longDescription,
    currency: request.currency,
    type: request.type,
    tags: expenseTags(request.proposalId, request.extraTags),
    reference,
    customData: {
      tool: 'cred',
      run: request.proposalId,
      month: request.month,
      identity: request.identityId,
      reference,
    },
  };
}

function items(request: ExpenseRequest) {
  return [
    {
      description: request.description,
      amountV2: {
        valueInCents: minorToCents(request.amount, request.currency),
        currency: request.currency,
      },
    },
  ];
}

/** Variables of `createExpense`, for a payee account the token's user administers. */
export function createExpenseVariables(
  request: ExpenseRequest,
  payee: Extract<ExpensePayee, { kind: 'account' }>,
): Record<string, unknown> {
  return {
    account: { slug: request.collective },
    expense: {
      ...common(request),
      payee: { slug: payee.slug },
      payoutMethod: { publicId: payee.payoutMethod },
      items: items(request),
    },
  };
}

/** Variables of `draftExpenseAndInviteUser`: amount, description and type locked. */
export function draftExpenseVariables(
  request: ExpenseRequest,
  payee: Exclude<ExpensePayee, { kind: 'account' }>,
  recipientNote: string,
): Record<string, unknown> {
  return {
    account: { slug: request.collective },
    lockedFields: [...LOCKED_FIELDS],
    expense: {
      ...common(request),
      payee:
        payee.kind === 'invite-account'
          ? { slug: payee.slug }
          : { email: payee.email, name: payee.name },
      items: items(request),
      recipientNote,
    },
  };
}

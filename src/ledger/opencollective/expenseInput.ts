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
  /**
   * The ledger head right after the payout was finalized, so Open Collective keeps a
   * timestamped copy of each published head (in custom data and the public long description).
   */
  readonly ledgerHead: { readonly line: number; readonly hash: string } | null;
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
  const head = request.ledgerHead ?? null;
  return {
    description: request.description,
    longDescription:
      head === null
        ? request.longDescription
        : `${request.longDescription} ${ledgerHeadText(head)}`,
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
      ...(head === null ? {} : { ledgerHead: head.hash, ledgerLine: head.line }),
    },
  };
}

/** How the head reads in an expense's public description (parsed back by `ledgerHeadIn`). */
export function ledgerHeadText(head: { line: number; hash: string }): string {
  return `Ledger head at finalization: line ${head.line}, ${head.hash}.`;
}

/** The head an expense carries: from its custom data, else from its long description. */
export function ledgerHeadIn(
  customData: unknown,
  longDescription: string | null | undefined,
): { line: number; hash: string } | null {
  const custom = customData as { ledgerHead?: unknown; ledgerLine?: unknown } | null | undefined;
  if (
    typeof custom?.ledgerHead === 'string' &&
    /^[0-9a-f]{64}$/.test(custom.ledgerHead) &&
    Number.isSafeInteger(custom.ledgerLine)
  )
    return { line: custom.ledgerLine as number, hash: custom.ledgerHead };
  const match = /Ledger head at finalization: line (\d+), ([0-9a-f]{64})\./.exec(
    longDescription ?? '',
  );
  return match === null ? null : { line: Number(match[1]), hash: match[2] as string };
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

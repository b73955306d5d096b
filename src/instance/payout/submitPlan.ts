/**
 * Which expense each payment of a final payout becomes, decided before anything is sent:
 *
 * - the identity has an Open Collective slug (public, `cred identity set-payout`) that the
 *   token's user administers, with a payout method: `createExpense` in that account's name;
 * - it has a slug the user does not administer (or one without a payout method): a draft
 *   invitation to that account (`draftExpenseAndInviteUser`);
 * - no slug, but an email in the private payees.json: a draft invitation by email;
 * - neither: skipped, reported, and the amount stays owed.
 *
 * The amount filed is the payment, or what is still owed if that is less (another month's
 * expense may have taken part of it). A payment already filed in the ledger is left alone.
 */
import type { LedgerHead } from '../../ledger/replay.js';
import { compareStrings } from '../../core/canonicalJson.js';
import { InvariantError } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import type { PayoutMethodInfo, Viewer } from '../../ledger/opencollective/api.js';
import {
  createExpenseVariables,
  draftExpenseVariables,
  expenseReference,
  type ExpensePayee,
  type ExpenseRequest,
} from '../../ledger/opencollective/expenseInput.js';
import type { ExpenseRecord, LedgerState, PayoutRecord } from '../../ledger/state.js';
import type { Payees } from './payees.js';
import type { OpenCollectiveSettings } from './config.js';

export type Route =
  | { readonly kind: 'createExpense'; readonly payee: Extract<ExpensePayee, { kind: 'account' }> }
  | {
      readonly kind: 'draftExpenseAndInviteUser';
      readonly payee: Exclude<ExpensePayee, { kind: 'account' }>;
    }
  | { readonly kind: 'skip'; readonly reason: string };

export interface PlannedPayment {
  readonly identityId: IdentityId;
  readonly name: string;
  readonly amount: bigint;
  readonly reference: string;
  /** The ledger's record when this payment was already filed. */
  readonly existing: ExpenseRecord | undefined;
  readonly route: Route;
  readonly request: ExpenseRequest;
}

export interface PlanContext {
  readonly state: LedgerState;
  readonly payout: PayoutRecord;
  readonly payments: ReadonlyMap<IdentityId, bigint>;
  /** What each identity is owed once the payout is final (its share added, if not yet). */
  readonly owed: (id: IdentityId) => bigint;
  readonly settings: OpenCollectiveSettings;
  /** The community's name (cred.json "name"), for descriptions. */
  readonly community: string;
  readonly viewer: Viewer;
  readonly payees: Payees;
  /** The ledger head at the payout's finalization (null in a dry run before it). */
  readonly ledgerHead: LedgerHead | null;
}

/** Payout method types in the order cred prefers them for an administered payee. */
const METHOD_PREFERENCE = ['BANK_ACCOUNT', 'PAYPAL', 'ACCOUNT_BALANCE', 'OTHER'];

export function planPayments(context: PlanContext): PlannedPayment[] {
  const { state, payout } = context;
  return [...context.payments]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([identityId, payment]) => {
      const name = state.identities.get(identityId)?.name ?? identityId;
      const reference = expenseReference(payout.id, identityId);
      const existing = state.expenses.get(reference);
      const owed = context.owed(identityId);
      const amount = existing?.amount ?? (payment < owed ? payment : owed);
      const request = expenseRequest(context, identityId, name, amount);
      const route: Route =
        amount > 0n
          ? routeFor(context, identityId)
          : { kind: 'skip', reason: 'nothing is owed any more (filed with another payout?)' };
      return { identityId, name, amount, reference, existing, route, request };
    });
}

function routeFor(context: PlanContext, identityId: IdentityId): Route {
  const identity = context.state.identities.get(identityId);
  const slug = identity?.openCollective ?? null;
  if (slug !== null) {
    const methods = context.viewer.administered.get(slug);
    const method = methods === undefined ? undefined : preferredMethod(methods);
    if (method !== undefined) {
      return { kind: 'createExpense', payee: { kind: 'account', slug, payoutMethod: method } };
    }
    return { kind: 'draftExpenseAndInviteUser', payee: { kind: 'invite-account', slug } };
  }
  const contact = context.payees.byIdentity.get(identityId);
  if (contact !== undefined) {
    return {
      kind: 'draftExpenseAndInviteUser',
      payee: {
        kind: 'invite-email',
        email: contact.email,
        name: contact.name ?? identity?.name ?? identityId,
      },
    };
  }
  return {
    kind: 'skip',
    reason:
      'no Open Collective account ("cred identity set-payout") and no email in payees.json; the amount stays owed',
  };
}

function preferredMethod(methods: readonly PayoutMethodInfo[]): string | undefined {
  const usable = methods.filter((method) => METHOD_PREFERENCE.includes(method.type ?? ''));
  const rank = (method: PayoutMethodInfo) =>
    (method.isSaved ? 0 : 10) + METHOD_PREFERENCE.indexOf(method.type ?? '');
  return [...usable].sort((a, b) => rank(a) - rank(b))[0]?.publicId;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function expenseRequest(
  context: PlanContext,
  identityId: IdentityId,
  name: string,
  amount: bigint,
): ExpenseRequest {
  const { payout, settings } = context;
  const values = { collective: context.community, month: payout.month, name };
  return {
    collective: settings.collective,
    proposalId: payout.id,
    month: payout.month,
    identityId,
    amount,
    currency: payout.currency,
    description: fill(settings.description, values).slice(0, 255),
    longDescription:
      `Payout of ${context.community} for ${payout.month} to ${name}, split by cred ` +
      `(${payout.id}). The public payout report for ${payout.month} shows how it was computed.`,
    type: settings.expenseType,
    extraTags: settings.tags,
    ledgerHead: context.ledgerHead,
  };
}

export function recipientNote(request: ExpenseRequest, community: string): string {
  return (
    `Your share of the revenue of ${community} for ${request.month}, split by cred. ` +
    'The amount, description and type come from the public payout report; please add how you ' +
    'want to be paid and submit the expense.'
  );
}

/** The mutation a planned payment sends, and its variables. */
export function mutationFor(
  planned: PlannedPayment,
  community: string,
): { operation: 'CredCreateExpense' | 'CredDraftExpense'; variables: Record<string, unknown> } {
  const { route, request } = planned;
  if (route.kind === 'createExpense') {
    return {
      operation: 'CredCreateExpense',
      variables: createExpenseVariables(request, route.payee),
    };
  }
  if (route.kind === 'draftExpenseAndInviteUser') {
    return {
      operation: 'CredDraftExpense',
      variables: draftExpenseVariables(request, route.payee, recipientNote(request, community)),
    };
  }
  throw new InvariantError(`a skipped payment (${planned.reference}) sends nothing`);
}

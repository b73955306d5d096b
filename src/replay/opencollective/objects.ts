/**
 * The stand-in's model as GraphQL objects for graphql-js's default resolvers: plain objects
 * whose fields are values or functions of the field's arguments, with `__typename` where the
 * schema has an interface (Account). Only the fields cred and its tests read are filled; what
 * the caller may not see is hidden as Open Collective hides it (payout methods and custom data
 * for non-admins, drafts for anyone but their author and the collective's admins).
 */
import type { DatasetAccount, DatasetToken } from './dataset.js';
import type { OpenCollectiveModel, StoredExpense } from './model.js';

export interface CallContext {
  /** The token's user, or null for an anonymous caller. */
  readonly user: DatasetToken | null;
  readonly nowMs: number;
}

const TYPENAMES: Record<DatasetAccount['type'], string> = {
  INDIVIDUAL: 'Individual',
  ORGANIZATION: 'Organization',
  COLLECTIVE: 'Collective',
  PROJECT: 'Project',
};

export function amountObject(valueInCents: number, currency: string) {
  return { value: valueInCents / 100, valueInCents, currency };
}

interface ReceivedArgs {
  readonly net?: boolean | null;
  readonly kind?: readonly string[] | null;
  readonly dateFrom?: Date | null;
  readonly dateTo?: Date | null;
}

interface PageArgs {
  readonly limit: number;
  readonly offset: number;
  readonly role?: readonly string[] | null;
}

export function accountObject(
  model: OpenCollectiveModel,
  slug: string,
  context: CallContext,
): Record<string, unknown> | null {
  const account = model.account(slug);
  if (account === undefined) return null;
  const currency = model.dataset.collective.currency;
  const canAdmin = context.user !== null && model.isAdmin(context.user.user, slug);
  return {
    __typename: TYPENAMES[account.type],
    id: `acc-${slug}`,
    publicId: `acc-${slug}`,
    slug,
    name: account.name,
    type: account.type,
    currency,
    hostFeePercent: model.dataset.collective.hostFeePercent,
    payoutMethods: () =>
      canAdmin
        ? account.payoutMethods.map((method) => ({
            ...method,
            id: method.publicId,
            createdAt: new Date(0),
            updatedAt: new Date(0),
          }))
        : null,
    stats: {
      totalAmountReceived: (args: ReceivedArgs) =>
        amountObject(
          model.received(
            args.dateFrom?.getTime() ?? Number.NEGATIVE_INFINITY,
            args.dateTo?.getTime() ?? Number.POSITIVE_INFINITY,
            args.kind ?? null,
            args.net === true,
          ),
          currency,
        ),
    },
    memberOf: (args: PageArgs) => {
      const admin = args.role === undefined || args.role === null || args.role.includes('ADMIN');
      const all = admin
        ? model.administeredBy(slug).filter((administered) => administered.slug !== slug)
        : [];
      const page = all.slice(args.offset, args.offset + args.limit);
      return {
        offset: args.offset,
        limit: args.limit,
        totalCount: all.length,
        nodes: page.map((administered) => ({
          id: `mem-${slug}-${administered.slug}`,
          role: 'ADMIN',
          account: accountObject(model, administered.slug, context),
        })),
      };
    },
  };
}

/** Whether the caller may see an expense's custom data (its author, or an admin around it). */
function seesPrivateFields(
  model: OpenCollectiveModel,
  expense: StoredExpense,
  context: CallContext,
): boolean {
  if (context.user === null) return false;
  const user = context.user.user;
  return (
    expense.createdBy === user ||
    model.isAdmin(user, expense.account) ||
    model.isAdmin(user, expense.payee)
  );
}

export function expenseObject(
  model: OpenCollectiveModel,
  expense: StoredExpense,
  context: CallContext,
): Record<string, unknown> {
  const visible = seesPrivateFields(model, expense, context);
  return {
    id: expense.id,
    publicId: expense.id,
    legacyId: expense.legacyId,
    description: expense.description,
    longDescription: expense.longDescription,
    reference: expense.reference,
    status: expense.status,
    type: expense.type,
    currency: expense.currency,
    createdAt: new Date(expense.createdAtMs),
    incurredAt: new Date(expense.createdAtMs),
    tags: expense.tags,
    amount: expense.amountInCents,
    amountV2: amountObject(expense.amountInCents, expense.currency),
    onHold: false,
    taxes: [],
    items: [],
    payee: () => accountObject(model, expense.payee, context),
    account: () => accountObject(model, expense.account, context),
    createdByAccount: () => accountObject(model, expense.createdBy, context),
    customData: visible ? expense.customData : null,
    lockedFields: expense.lockedFields,
  };
}

/** Whether the caller sees an expense in a listing (Open Collective hides others' drafts). */
export function listsExpense(
  model: OpenCollectiveModel,
  expense: StoredExpense,
  context: CallContext,
  statusFilter: readonly string[] | null,
): boolean {
  if (statusFilter !== null && statusFilter.length > 0) {
    return statusFilter.includes(expense.status);
  }
  if (expense.status === 'SPAM') return false;
  if (expense.status !== 'DRAFT') return true;
  if (context.user === null) return false;
  return (
    expense.createdBy === context.user.user || model.isAdmin(context.user.user, expense.account)
  );
}

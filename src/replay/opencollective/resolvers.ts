/**
 * The root resolvers of the Open Collective stand-in: the queries cred reads (the logged-in
 * account, an account with its stats, a collective's expenses) and the two mutations it files
 * expenses with, each checking what Open Collective checks (login, the token's "expenses"
 * scope, admin rights over the payee for `createExpense`, one draft invitation per 10 s per
 * user, item amounts, custom data size) and refusing with the same error codes.
 */
import { GraphQLError } from 'graphql';
import type { OpenCollectiveModel, StoredExpense } from './model.js';
import { accountObject, expenseObject, listsExpense, type CallContext } from './objects.js';

export function apiError(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

interface ExpensesArgs {
  readonly limit: number;
  readonly offset: number;
  readonly account?: { slug?: string | null } | null;
  readonly tag?: readonly string[] | null;
  readonly searchTerm?: string | null;
  readonly status?: readonly string[] | null;
  readonly customData?: unknown;
}

function queryResolvers(model: OpenCollectiveModel, context: CallContext) {
  return {
    loggedInAccount: () =>
      context.user === null ? null : accountObject(model, context.user.user, context),
    me: () => (context.user === null ? null : accountObject(model, context.user.user, context)),
    account: (args: { slug?: string | null; throwIfMissing?: boolean | null }) => {
      const found = args.slug ? accountObject(model, args.slug, context) : null;
      if (found === null && args.throwIfMissing !== false)
        throw apiError('NotFound', 'Account Not Found');
      return found;
    },
    expenses: (args: ExpensesArgs) => listExpenses(model, context, args),
  };
}

function listExpenses(model: OpenCollectiveModel, context: CallContext, args: ExpensesArgs) {
  if (args.limit > 1000)
    throw apiError('BadRequest', 'Cannot fetch more than 1,000 expenses at the same time');
  const account = args.account?.slug ?? null;
  if (args.customData !== undefined && args.customData !== null) {
    if (context.user === null)
      throw apiError('Unauthorized', 'You need to be logged in to filter by customData');
    if (account === null || !model.isAdmin(context.user.user, account))
      throw apiError(
        'Unauthorized',
        'You need to be an admin of the fromAccount, account or host to filter by customData',
      );
  }
  const tags = (args.tag ?? []).map((tag) => tag.toLowerCase());
  const term = args.searchTerm?.toLowerCase() ?? null;
  const matching = model.expenses
    .filter((expense) => account === null || expense.account === account)
    .filter((expense) => tags.every((tag) => expense.tags.includes(tag)))
    .filter((expense) => term === null || searchable(expense).includes(term))
    .filter((expense) => containsCustomData(expense.customData, args.customData))
    .filter((expense) => listsExpense(model, expense, context, args.status ?? null))
    .sort((a, b) => b.createdAtMs - a.createdAtMs || b.legacyId - a.legacyId);
  return {
    offset: args.offset,
    limit: args.limit,
    totalCount: matching.length,
    nodes: matching
      .slice(args.offset, args.offset + args.limit)
      .map((expense) => expenseObject(model, expense, context)),
  };
}

function searchable(expense: StoredExpense): string {
  return [expense.reference ?? '', expense.description, expense.payee].join(' ').toLowerCase();
}

/** JSON containment, as Postgres's `@>` on `data.customData`. */
function containsCustomData(stored: unknown, wanted: unknown): boolean {
  if (wanted === undefined || wanted === null) return true;
  if (typeof wanted !== 'object' || Array.isArray(wanted)) return stored === wanted;
  if (typeof stored !== 'object' || stored === null) return false;
  return Object.entries(wanted as Record<string, unknown>).every(([key, value]) =>
    containsCustomData((stored as Record<string, unknown>)[key], value),
  );
}

export function rootResolvers(model: OpenCollectiveModel, context: CallContext) {
  return { ...queryResolvers(model, context), ...mutationResolvers(model, context) };
}

// Mutations ------------------------------------------------------------------------------------

interface ItemInput {
  readonly description?: unknown;
  readonly amount?: unknown;
  readonly amountV2?: { valueInCents?: unknown; value?: unknown; currency?: unknown } | null;
}

interface ExpenseInput {
  readonly description?: string | null;
  readonly longDescription?: string | null;
  readonly currency?: string | null;
  readonly tags?: readonly (string | null)[] | null;
  readonly type: string;
  readonly payoutMethod?: Record<string, unknown> | null;
  readonly items?: readonly ItemInput[] | null;
  readonly payee: { slug?: string | null; email?: string | null; name?: string | null };
  readonly customData?: unknown;
  readonly reference?: string | null;
}

function checkCanUseExpenses(context: CallContext): string {
  if (context.user === null)
    throw apiError('Unauthorized', 'You need to be logged in to manage expenses');
  if (!context.user.scopes.includes('expenses'))
    throw apiError(
      'Forbidden',
      'The Personal Token is not allowed for operations in scope "expenses".',
    );
  return context.user.user;
}

function checkCollective(model: OpenCollectiveModel, slug: string | null | undefined): string {
  const account = slug ? model.account(slug) : undefined;
  if (account === undefined) throw apiError('NotFound', 'Account Not Found');
  if (account.type !== 'COLLECTIVE' && account.type !== 'PROJECT')
    throw apiError(
      'ValidationFailed',
      'Expenses can only be submitted to Collectives, Events, Funds, Projects and active Hosts.',
    );
  return account.slug;
}

/** The items' total in cents, checking each as the API does. */
function itemsTotal(items: readonly ItemInput[], currency: string): number {
  let total = 0;
  for (const item of items) {
    if (item.amount !== undefined && item.amountV2 !== undefined && item.amountV2 !== null)
      throw apiError('ValidationFailed', 'Only one of amount or amountV2 can be provided');
    const cents = item.amountV2 ? item.amountV2.valueInCents : item.amount;
    if (typeof cents !== 'number' || !Number.isInteger(cents) || cents <= 0)
      throw apiError('ValidationFailed', 'Each item must have a positive amount in cents');
    if (item.amountV2?.currency !== undefined && item.amountV2.currency !== currency)
      throw apiError('ValidationFailed', 'Item currency must match the expense currency');
    total += cents;
  }
  return total;
}

function checkCustomData(customData: unknown): void {
  if (customData === undefined || customData === null) return;
  if (typeof customData !== 'object' || Array.isArray(customData))
    throw apiError('ValidationFailed', 'customData must be an object');
  if (JSON.stringify(customData).length > 10_000)
    throw apiError('ValidationFailed', 'customData cannot exceed 10kB');
}

function baseExpense(
  model: OpenCollectiveModel,
  context: CallContext,
  account: string,
  input: ExpenseInput,
) {
  const currency = input.currency ?? model.dataset.collective.currency;
  if (currency !== model.dataset.collective.currency)
    throw apiError('ValidationFailed', `This collective does not accept expenses in ${currency}`);
  checkCustomData(input.customData);
  return {
    createdAtMs: context.nowMs,
    account,
    description: input.description ?? '',
    longDescription: input.longDescription ?? null,
    type: input.type,
    currency,
    amountInCents: itemsTotal(input.items ?? [], currency),
    reference: input.reference ?? null,
    tags: [...new Set((input.tags ?? []).flatMap((tag) => (tag ? [tag.toLowerCase()] : [])))],
    customData: input.customData ?? null,
  };
}

function createExpense(
  model: OpenCollectiveModel,
  context: CallContext,
  args: { expense: ExpenseInput; account: { slug?: string | null } },
): StoredExpense {
  const user = checkCanUseExpenses(context);
  const payee = args.expense.payee.slug ? model.account(args.expense.payee.slug) : undefined;
  if (payee === undefined) throw apiError('NotFound', 'Payee account not found');
  if (!model.isAdmin(user, payee.slug))
    throw apiError(
      'Unauthorized',
      'You must be an admin of the account to submit an expense in its name',
    );
  const account = checkCollective(model, args.account.slug);
  if (!args.expense.description) throw apiError('ValidationFailed', 'Description is required');
  const method = args.expense.payoutMethod ?? {};
  const publicId = method.publicId ?? method.id;
  if (publicId !== undefined && !payee.payoutMethods.some((m) => m.publicId === publicId))
    throw apiError('NotFound', 'Payout method not found');
  if (publicId === undefined && method.type !== 'OTHER' && method.type !== 'PAYPAL')
    throw apiError('ValidationFailed', 'Payout method must be an existing one, OTHER or PAYPAL');
  return model.add({
    ...baseExpense(model, context, account, args.expense),
    status: 'PENDING',
    via: 'createExpense',
    createdBy: user,
    payee: payee.slug,
    invitee: null,
    lockedFields: [],
    payoutMethod: method,
  });
}

function draftExpense(
  model: OpenCollectiveModel,
  context: CallContext,
  args: {
    expense: ExpenseInput;
    account: { slug?: string | null };
    lockedFields?: string[] | null;
  },
): StoredExpense {
  const user = checkCanUseExpenses(context);
  const last = model.lastDraftMs.get(user);
  if (!context.user?.bypassDraftLimit && last !== undefined && context.nowMs - last < 10_000)
    throw apiError('RateLimitExceeded', 'Rate limit exceeded');
  const account = checkCollective(model, args.account.slug);
  const invitee = args.expense.payee;
  if (invitee.slug && model.account(invitee.slug) === undefined)
    throw apiError('NotFound', 'Payee account not found');
  if (!invitee.slug && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(invitee.email ?? ''))
    throw apiError('ValidationFailed', 'The invited payee needs an existing account or an email');
  const base = baseExpense(model, context, account, args.expense);
  const locked = args.lockedFields ?? [];
  if (locked.includes('AMOUNT') && base.amountInCents <= 0)
    throw apiError('ValidationFailed', 'You need to provide at least one item to lock the amount');
  model.lastDraftMs.set(user, context.nowMs);
  return model.add({
    ...base,
    status: 'DRAFT',
    via: 'draftExpenseAndInviteUser',
    createdBy: user,
    payee: user,
    invitee: {
      ...(invitee.slug ? { slug: invitee.slug } : {}),
      ...(invitee.email ? { email: invitee.email } : {}),
      ...(invitee.name ? { name: invitee.name } : {}),
    },
    lockedFields: locked,
    payoutMethod: args.expense.payoutMethod ?? null,
  });
}

function mutationResolvers(model: OpenCollectiveModel, context: CallContext) {
  return {
    createExpense: (args: Parameters<typeof createExpense>[2]) =>
      expenseObject(model, createExpense(model, context, args), context),
    draftExpenseAndInviteUser: (args: Parameters<typeof draftExpense>[2]) =>
      expenseObject(model, draftExpense(model, context, args), context),
  };
}

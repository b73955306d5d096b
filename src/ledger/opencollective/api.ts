/**
 * The Open Collective operations cred uses, typed: who the token's user is and which accounts
 * they administer (with those accounts' payout methods), a collective's revenue over a period,
 * the expenses of a run (found by the run's tag, paged), and filing an expense either directly
 * (`createExpense`, for payees the user administers) or as a draft invitation
 * (`draftExpenseAndInviteUser`, for everyone else).
 */
import { ledgerHeadIn } from './expenseInput.js';
import { PayoutError } from '../../core/errors.js';
import type { OpenCollectiveClient, Variables } from './client.js';
import {
  CREATE_EXPENSE_MUTATION,
  createdSchema,
  DRAFT_EXPENSE_MUTATION,
  draftedSchema,
  EXPENSES_QUERY,
  expensesSchema,
  REVENUE_QUERY,
  revenueSchema,
  VIEWER_QUERY,
  viewerSchema,
  type ExpenseJson,
  type OpenCollectiveExpenseStatus,
} from './operations.js';

export interface PayoutMethodInfo {
  readonly publicId: string;
  readonly type: string | null;
  readonly isSaved: boolean;
}

export interface Viewer {
  readonly slug: string;
  readonly name: string | null;
  /** Accounts the token's user administers (their own included), with payout methods. */
  readonly administered: ReadonlyMap<string, readonly PayoutMethodInfo[]>;
}

export interface CollectiveInfo {
  readonly slug: string;
  readonly name: string | null;
  readonly currency: string;
}

export interface FiledExpense {
  readonly id: string;
  readonly status: OpenCollectiveExpenseStatus;
  /** The expense's reference, or the one in its custom data when the column is not visible. */
  readonly reference: string | null;
  readonly tags: readonly string[];
  readonly valueInCents: number | null;
  readonly currency: string | null;
  readonly createdAt: string;
  /** The ledger head it carries (custom data or long description), if any. */
  readonly ledgerHead: { readonly line: number; readonly hash: string } | null;
}

const PAGE = 100;

function collectiveNotFound(slug: string): PayoutError {
  return new PayoutError(
    'OPENCOLLECTIVE_COLLECTIVE_NOT_FOUND',
    `Open Collective has no account "${slug}" (payout.opencollective.collective)`,
    {
      suggestions: ["Set payout.opencollective.collective in cred.json to the collective's slug."],
    },
  );
}

type PayoutMethodJson = { publicId: string; type?: string | null; isSaved?: boolean | null };

function methodsOf(methods: readonly (PayoutMethodJson | null)[] | null | undefined) {
  return (methods ?? []).flatMap((method): PayoutMethodInfo[] =>
    method === null
      ? []
      : [
          {
            publicId: method.publicId,
            type: method.type ?? null,
            isSaved: method.isSaved === true,
          },
        ],
  );
}

export async function readViewer(
  client: OpenCollectiveClient,
  collective: string,
): Promise<{ viewer: Viewer; collective: CollectiveInfo }> {
  const administered = new Map<string, PayoutMethodInfo[]>();
  for (let offset = 0; ; offset += PAGE) {
    const data = await client.query(
      'CredViewer',
      VIEWER_QUERY,
      { collective, offset },
      viewerSchema,
    );
    const me = data.loggedInAccount;
    if (me === null) {
      throw new PayoutError(
        'OPENCOLLECTIVE_NOT_LOGGED_IN',
        'Open Collective did not recognize a user for OPENCOLLECTIVE_TOKEN',
        { suggestions: ['Export a valid personal token as OPENCOLLECTIVE_TOKEN.'] },
      );
    }
    if (data.account === null) throw collectiveNotFound(collective);
    // The token's user administers its own account: its payout methods route like any other.
    if (offset === 0) administered.set(me.slug, methodsOf(me.payoutMethods));
    for (const node of me.memberOf.nodes) {
      if (node.account === null) continue;
      administered.set(node.account.slug, methodsOf(node.account.payoutMethods));
    }
    const total = me.memberOf.totalCount ?? 0;
    if (me.memberOf.nodes.length < PAGE || offset + PAGE >= total) {
      return {
        viewer: { slug: me.slug, name: me.name ?? null, administered },
        collective: {
          slug: data.account.slug,
          name: data.account.name ?? null,
          currency: data.account.currency,
        },
      };
    }
  }
}

export interface RevenueAnswer {
  readonly currency: string;
  readonly grossInCents: number;
  readonly netInCents: number;
}

/** Money received by `slug` with `createdAt` in [fromMs, toMs) (the API's dateTo is exclusive). */
export async function readRevenue(
  client: OpenCollectiveClient,
  slug: string,
  fromMs: number,
  toMs: number,
  kinds: readonly string[],
): Promise<RevenueAnswer> {
  const variables = {
    slug,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    kinds: [...kinds],
  };
  const data = await client.query('CredRevenue', REVENUE_QUERY, variables, revenueSchema);
  if (data.account === null) throw collectiveNotFound(slug);
  const { gross, net } = data.account.stats;
  for (const amount of [gross, net]) {
    if (amount.currency !== data.account.currency) {
      throw new PayoutError(
        'PAYOUT_CURRENCY_MISMATCH',
        `Open Collective reported revenue in ${amount.currency}, but "${slug}" keeps its books in ${data.account.currency}`,
        { suggestions: ['Give the revenue by hand with --revenue.'] },
      );
    }
  }
  return {
    currency: data.account.currency,
    grossInCents: gross.valueInCents,
    netInCents: net.valueInCents,
  };
}

export interface ExpenseFilter {
  readonly tag: string;
  readonly searchTerm?: string;
  readonly status?: readonly string[];
}

/** Every expense of `collective` matching the filter, all pages. */
export async function listExpenses(
  client: OpenCollectiveClient,
  collective: string,
  filter: ExpenseFilter,
): Promise<FiledExpense[]> {
  const found: FiledExpense[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const variables: Variables = {
      account: { slug: collective },
      tag: [filter.tag],
      limit: PAGE,
      offset,
      ...(filter.searchTerm === undefined ? {} : { searchTerm: filter.searchTerm }),
      ...(filter.status === undefined ? {} : { status: [...filter.status] }),
    };
    const data = await client.query('CredExpenses', EXPENSES_QUERY, variables, expensesSchema);
    found.push(...data.expenses.nodes.map(toFiled));
    const total = data.expenses.totalCount ?? 0;
    if (data.expenses.nodes.length < PAGE || offset + PAGE >= total) return found;
  }
}

export async function createExpense(
  client: OpenCollectiveClient,
  variables: Variables,
): Promise<FiledExpense> {
  const data = await client.mutate(
    'CredCreateExpense',
    CREATE_EXPENSE_MUTATION,
    variables,
    createdSchema,
  );
  return toFiled(data.createExpense);
}

export async function draftExpense(
  client: OpenCollectiveClient,
  variables: Variables,
): Promise<FiledExpense> {
  const data = await client.mutate(
    'CredDraftExpense',
    DRAFT_EXPENSE_MUTATION,
    variables,
    draftedSchema,
    'draft',
  );
  return toFiled(data.draftExpenseAndInviteUser);
}

function toFiled(expense: ExpenseJson): FiledExpense {
  const custom = expense.customData as { reference?: unknown } | null | undefined;
  const customReference = typeof custom?.reference === 'string' ? custom.reference : null;
  return {
    id: expense.id,
    status: expense.status,
    reference: expense.reference ?? customReference,
    tags: (expense.tags ?? []).filter((tag): tag is string => tag !== null),
    valueInCents: expense.amountV2?.valueInCents ?? null,
    currency: expense.amountV2?.currency ?? null,
    createdAt: expense.createdAt,
    ledgerHead: ledgerHeadIn(expense.customData, expense.longDescription),
  };
}

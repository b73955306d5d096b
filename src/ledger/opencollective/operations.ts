/**
 * The GraphQL operations cred sends to Open Collective's API v2, and zod schemas of the parts of
 * their answers cred reads. Each document is checked against Open Collective's published schema
 * (contracts/opencollective/schemaV2.graphql) by the stand-in the tests run against, so
 * a document that the API would refuse fails in tests first. Answers are validated loosely
 * (extra fields are ignored) but every field used is checked.
 */
import * as z from 'zod';

export const EXPENSE_STATUSES = [
  'DRAFT',
  'UNVERIFIED',
  'PENDING',
  'INCOMPLETE',
  'APPROVED',
  'REJECTED',
  'PROCESSING',
  'ERROR',
  'PAID',
  'SCHEDULED_FOR_PAYMENT',
  'SPAM',
  'CANCELED',
  'INVITE_DECLINED',
] as const;

export type OpenCollectiveExpenseStatus = (typeof EXPENSE_STATUSES)[number];

/** The expense fields cred reads back after creating or listing. */
const EXPENSE_FIELDS =
  'id status reference tags description longDescription createdAt amountV2 { valueInCents currency } customData';

export const VIEWER_QUERY = `query CredViewer($collective: String!, $offset: Int!) {
  loggedInAccount {
    slug
    name
    payoutMethods { publicId type isSaved }
    memberOf(role: [ADMIN], limit: 100, offset: $offset) {
      totalCount
      nodes { account { slug payoutMethods { publicId type isSaved } } }
    }
  }
  account(slug: $collective, throwIfMissing: false) { slug name currency }
}`;

export const REVENUE_QUERY = `query CredRevenue($slug: String!, $from: DateTime!, $to: DateTime!, $kinds: [TransactionKind]) {
  account(slug: $slug, throwIfMissing: false) {
    slug
    currency
    stats {
      gross: totalAmountReceived(dateFrom: $from, dateTo: $to, kind: $kinds, net: false) { valueInCents currency }
      net: totalAmountReceived(dateFrom: $from, dateTo: $to, kind: $kinds, net: true) { valueInCents currency }
    }
  }
}`;

export const EXPENSES_QUERY = `query CredExpenses($account: AccountReferenceInput!, $tag: [String], $searchTerm: String, $status: [ExpenseStatusFilter], $limit: Int!, $offset: Int!) {
  expenses(account: $account, tag: $tag, searchTerm: $searchTerm, status: $status, limit: $limit, offset: $offset) {
    totalCount
    nodes { ${EXPENSE_FIELDS} }
  }
}`;

export const CREATE_EXPENSE_MUTATION = `mutation CredCreateExpense($expense: ExpenseCreateInput!, $account: AccountReferenceInput!) {
  createExpense(expense: $expense, account: $account) { ${EXPENSE_FIELDS} }
}`;

export const DRAFT_EXPENSE_MUTATION = `mutation CredDraftExpense($expense: ExpenseInviteDraftInput!, $account: AccountReferenceInput!, $lockedFields: [ExpenseLockableFields]) {
  draftExpenseAndInviteUser(expense: $expense, account: $account, skipInvite: false, lockedFields: $lockedFields) { ${EXPENSE_FIELDS} }
}`;

const amount = z.object({ valueInCents: z.number().int(), currency: z.string() });

export const expenseSchema = z.object({
  id: z.string().min(1),
  status: z.enum(EXPENSE_STATUSES),
  reference: z.string().nullable().optional(),
  tags: z.array(z.string().nullable()).nullable().optional(),
  description: z.string(),
  longDescription: z.string().nullable().optional(),
  createdAt: z.string(),
  amountV2: amount.nullable().optional(),
  customData: z.unknown().optional(),
});

export type ExpenseJson = z.infer<typeof expenseSchema>;

const payoutMethod = z.object({
  publicId: z.string().min(1),
  type: z.string().nullable().optional(),
  isSaved: z.boolean().nullable().optional(),
});

export const viewerSchema = z.object({
  loggedInAccount: z
    .object({
      slug: z.string(),
      name: z.string().nullable().optional(),
      payoutMethods: z.array(payoutMethod.nullable()).nullable().optional(),
      memberOf: z.object({
        totalCount: z.number().int().nullable().optional(),
        nodes: z.array(
          z.object({
            account: z
              .object({
                slug: z.string(),
                payoutMethods: z.array(payoutMethod.nullable()).nullable().optional(),
              })
              .nullable(),
          }),
        ),
      }),
    })
    .nullable(),
  account: z
    .object({ slug: z.string(), name: z.string().nullable().optional(), currency: z.string() })
    .nullable(),
});

export const revenueSchema = z.object({
  account: z
    .object({
      slug: z.string(),
      currency: z.string(),
      stats: z.object({ gross: amount, net: amount }),
    })
    .nullable(),
});

export const expensesSchema = z.object({
  expenses: z.object({
    totalCount: z.number().int().nullable().optional(),
    nodes: z.array(expenseSchema),
  }),
});

export const createdSchema = z.object({ createExpense: expenseSchema });
export const draftedSchema = z.object({ draftExpenseAndInviteUser: expenseSchema });

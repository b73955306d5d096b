/**
 * The in-memory collective behind the Open Collective stand-in: accounts and who administers
 * them, the collective's transactions, and every expense the stand-in was sent, with the status
 * transitions a test can drive (the payee submits a draft, an admin approves, the host pays,
 * someone rejects, declines an invitation, cancels or marks as spam). Tests compare its expenses
 * with cred's ledger.
 */
import type { DatasetAccount, DatasetToken, OpenCollectiveDataset } from './dataset.js';

export type ExpenseStatus =
  | 'DRAFT'
  | 'UNVERIFIED'
  | 'PENDING'
  | 'INCOMPLETE'
  | 'APPROVED'
  | 'REJECTED'
  | 'PROCESSING'
  | 'ERROR'
  | 'PAID'
  | 'SCHEDULED_FOR_PAYMENT'
  | 'SPAM'
  | 'CANCELED'
  | 'INVITE_DECLINED';

export interface StoredExpense {
  readonly id: string;
  readonly legacyId: number;
  readonly createdAtMs: number;
  status: ExpenseStatus;
  /** How it was made: `createExpense` or `draftExpenseAndInviteUser`. */
  readonly via: 'createExpense' | 'draftExpenseAndInviteUser';
  /** Slug of the user whose token made it. */
  readonly createdBy: string;
  /** `Expense.payee`: the payee account, or for a draft the inviting user. */
  readonly payee: string;
  /** For a draft: who was invited (`data.payee`). */
  readonly invitee: {
    readonly slug?: string;
    readonly email?: string;
    readonly name?: string;
  } | null;
  readonly account: string;
  readonly description: string;
  readonly longDescription: string | null;
  readonly type: string;
  readonly currency: string;
  readonly amountInCents: number;
  readonly reference: string | null;
  readonly tags: readonly string[];
  readonly customData: unknown;
  readonly lockedFields: readonly string[];
  readonly payoutMethod: unknown;
}

export type ExpenseAction =
  'submit' | 'approve' | 'pay' | 'reject' | 'decline-invite' | 'cancel' | 'mark-spam';

const TRANSITIONS: Record<ExpenseAction, { from: readonly ExpenseStatus[]; to: ExpenseStatus }> = {
  submit: { from: ['DRAFT'], to: 'PENDING' },
  approve: { from: ['PENDING'], to: 'APPROVED' },
  pay: { from: ['APPROVED'], to: 'PAID' },
  reject: { from: ['PENDING', 'APPROVED', 'INCOMPLETE'], to: 'REJECTED' },
  'decline-invite': { from: ['DRAFT'], to: 'INVITE_DECLINED' },
  cancel: { from: ['DRAFT', 'PENDING', 'INCOMPLETE'], to: 'CANCELED' },
  'mark-spam': { from: ['PENDING', 'DRAFT', 'INCOMPLETE'], to: 'SPAM' },
};

export class OpenCollectiveModel {
  readonly expenses: StoredExpense[] = [];
  readonly lastDraftMs = new Map<string, number>();

  constructor(readonly dataset: OpenCollectiveDataset) {}

  account(slug: string): DatasetAccount | undefined {
    const { collective } = this.dataset;
    if (slug === collective.slug) {
      return {
        slug,
        name: collective.name,
        type: 'COLLECTIVE',
        admins: collective.admins,
        payoutMethods: [],
      };
    }
    return this.dataset.accounts.find((account) => account.slug === slug);
  }

  token(value: string): DatasetToken | undefined {
    return this.dataset.tokens.find((token) => token.value === value);
  }

  isAdmin(user: string, slug: string): boolean {
    if (user === slug) return true;
    return this.account(slug)?.admins.includes(user) === true;
  }

  /** Accounts `user` administers: itself, then the others in dataset order. */
  administeredBy(user: string): DatasetAccount[] {
    const accounts = [this.account(this.dataset.collective.slug), ...this.dataset.accounts];
    return accounts.filter(
      (account): account is DatasetAccount =>
        account !== undefined && this.isAdmin(user, account.slug),
    );
  }

  add(expense: Omit<StoredExpense, 'id' | 'legacyId'>): StoredExpense {
    const legacyId = this.expenses.length + 1;
    const stored: StoredExpense = {
      ...expense,
      id: `ex-${String(legacyId).padStart(6, '0')}`,
      legacyId,
    };
    this.expenses.push(stored);
    return stored;
  }

  /** The expense with this id or reference. */
  expense(idOrReference: string): StoredExpense {
    const found = this.expenses.find(
      (e) => e.id === idOrReference || e.reference === idOrReference,
    );
    if (found === undefined) throw new Error(`stand-in: no expense "${idOrReference}"`);
    return found;
  }

  /** Moves an expense as Open Collective would; throws on a transition it does not allow. */
  transition(idOrReference: string, action: ExpenseAction): StoredExpense {
    const expense = this.expense(idOrReference);
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(expense.status)) {
      throw new Error(
        `stand-in: cannot ${action} expense ${expense.id} in status ${expense.status}`,
      );
    }
    expense.status = rule.to;
    return expense;
  }

  /** Submits, approves and pays (a draft is submitted first). */
  settle(idOrReference: string): StoredExpense {
    const expense = this.expense(idOrReference);
    if (expense.status === 'DRAFT') this.transition(expense.id, 'submit');
    if (expense.status === 'PENDING') this.transition(expense.id, 'approve');
    return this.transition(expense.id, 'pay');
  }

  /** Sum of the collective's credits with createdAt in [fromMs, toMs), as the API computes it. */
  received(fromMs: number, toMs: number, kinds: readonly string[] | null, net: boolean): number {
    let total = 0;
    for (const transaction of this.dataset.transactions) {
      const at = Date.parse(transaction.createdAt);
      if (at < fromMs || at >= toMs || transaction.refunded) continue;
      if (kinds !== null && kinds.length > 0 && !kinds.includes(transaction.kind)) continue;
      total += net ? transaction.netAmountInCents : transaction.amountInCents;
    }
    return total;
  }
}

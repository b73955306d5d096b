/**
 * Filing one planned payment as an Open Collective expense and recording it in the ledger (see
 * payoutSubmit.ts for the run around it): an expense already in the ledger is left alone, one
 * already on Open Collective is recorded instead of filed again, and after a failure that leaves
 * it unknown whether the expense was created, its reference is looked up before trying again.
 */
import { minorUnitDigits } from '../../core/currency.js';
import { PayoutError } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import {
  createExpense,
  draftExpense,
  listExpenses,
  type FiledExpense,
} from '../../ledger/opencollective/api.js';
import type { OpenCollectiveClient } from '../../ledger/opencollective/client.js';
import { isTransient } from '../../ledger/opencollective/errors.js';
import { centsToMinor, runTag } from '../../ledger/opencollective/expenseInput.js';
import { toDecimal } from '../../ledger/money.js';
import type { PayoutRecord } from '../../ledger/state.js';
import type { Instance, Runtime } from '../instance.js';
import { ledgerStore } from '../ledgerStore.js';
import { mutationFor, type PlannedPayment } from './submitPlan.js';

export type SubmitOutcome =
  'filed' | 'recorded' | 'already-filed' | 'skipped' | 'would-file' | 'would-record';

export interface SubmitLine {
  readonly identity: string;
  readonly id: string;
  readonly amount: string;
  readonly reference: string;
  readonly route: 'createExpense' | 'draftExpenseAndInviteUser' | 'skip';
  /** The payee's slug, "email in payees.json", or null for a skip. */
  readonly payee: string | null;
  readonly outcome: SubmitOutcome;
  readonly externalId: string | null;
  readonly reason?: string;
}

export interface SentOperation {
  readonly operation: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

export const MASKED_EMAIL = '<email from payees.json>';

export class Filer {
  readonly operations: SentOperation[] = [];
  private readonly tag: string;
  private readonly digits: number;

  constructor(
    private readonly instance: Instance,
    private readonly runtime: Runtime,
    private readonly client: OpenCollectiveClient,
    private readonly payout: PayoutRecord,
    private readonly collective: string,
    private readonly dryRun: boolean,
  ) {
    this.tag = runTag(payout.id);
    this.digits = minorUnitDigits(payout.currency);
  }

  async handle(payment: PlannedPayment, found: readonly FiledExpense[]): Promise<SubmitLine> {
    const base = this.line(payment);
    if (payment.existing !== undefined) {
      return { ...base, outcome: 'already-filed', externalId: payment.existing.externalId };
    }
    if (payment.route.kind === 'skip') {
      this.runtime.reporter.warn(`${payment.name}: skipped: ${payment.route.reason}`);
      if (!this.dryRun && payment.amount > 0n) await this.recordSkip(payment, payment.route.reason);
      return { ...base, outcome: 'skipped', reason: payment.route.reason };
    }
    const existing = found.find((expense) => expense.reference === payment.reference);
    if (existing !== undefined) {
      if (this.dryRun) return { ...base, outcome: 'would-record', externalId: existing.id };
      await this.record(payment, existing);
      this.runtime.reporter.progress(
        `${payment.name}: ${existing.id} was already on Open Collective; recorded it`,
      );
      return { ...base, outcome: 'recorded', externalId: existing.id };
    }
    const { operation, variables } = mutationFor(payment, this.instance.config.name);
    if (this.dryRun) {
      this.operations.push({ operation, variables: maskEmail(variables) });
      return { ...base, outcome: 'would-file' };
    }
    const filed = await this.file(payment, variables);
    this.runtime.reporter.progress(
      `${payment.name}: filed ${filed.id} for ${base.amount} ${this.payout.currency}`,
    );
    return { ...base, outcome: 'filed', externalId: filed.id };
  }

  private line(payment: PlannedPayment): Omit<SubmitLine, 'outcome'> {
    const { route } = payment;
    return {
      identity: payment.name,
      id: payment.identityId,
      amount: toDecimal(payment.amount, this.digits),
      reference: payment.reference,
      route: route.kind === 'skip' ? 'skip' : route.kind,
      payee:
        route.kind === 'skip'
          ? null
          : route.payee.kind === 'invite-email'
            ? 'email in payees.json'
            : route.payee.slug,
      externalId: null,
    };
  }

  /** Creates the expense; after an ambiguous failure, looks it up before trying again. */
  private async file(
    payment: PlannedPayment,
    variables: Record<string, unknown>,
  ): Promise<FiledExpense> {
    for (let attempt = 1; ; attempt++) {
      try {
        const filed =
          payment.route.kind === 'createExpense'
            ? await createExpense(this.client, variables)
            : await draftExpense(this.client, variables);
        await this.record(payment, filed);
        return filed;
      } catch (error) {
        if (!isTransient(error)) throw error;
        const again = (
          await listExpenses(this.client, this.collective, {
            tag: this.tag,
            searchTerm: payment.reference,
          })
        ).find((expense) => expense.reference === payment.reference);
        if (again !== undefined) {
          await this.record(payment, again);
          return again;
        }
        if (attempt >= this.client.maxAttempts) throw error;
        this.runtime.reporter.warn(
          `${payment.name}: ${(error as Error).message}; it was not filed, trying again`,
        );
      }
    }
  }

  /** Records why `payment` was not filed, so the public report can say it (once per reason). */
  private async recordSkip(payment: PlannedPayment, reason: string): Promise<void> {
    await ledgerStore(this.instance, this.runtime).append((state) =>
      state.expenses.has(payment.reference) ||
      state.skipped.get(payment.reference)?.reason === reason
        ? []
        : [
            {
              type: 'expense.skip',
              reference: payment.reference,
              identityId: payment.identityId as IdentityId,
              distributionId: this.payout.id,
              reason,
            },
          ],
    );
  }

  /** Records `expense` as filed for `payment`, unless the ledger already has it. */
  private async record(payment: PlannedPayment, expense: FiledExpense): Promise<void> {
    const amount =
      expense.valueInCents === null || expense.currency === null
        ? null
        : centsToMinor(expense.valueInCents, expense.currency);
    if (amount !== payment.amount || expense.currency !== this.payout.currency) {
      throw new PayoutError(
        'OPENCOLLECTIVE_EXPENSE_MISMATCH',
        `Open Collective's expense ${expense.id} (${payment.reference}) is for ${expense.valueInCents ?? '?'} cents of ${expense.currency ?? '?'}, but the payment is ${toDecimal(payment.amount, this.digits)} ${this.payout.currency}`,
        {
          suggestions: [
            'Check the expense on Open Collective; cancel it there if it is wrong, then record the payment by hand.',
          ],
        },
      );
    }
    await ledgerStore(this.instance, this.runtime).append((state) =>
      state.expenses.has(payment.reference)
        ? []
        : [
            {
              type: 'expense.file',
              reference: payment.reference,
              identityId: payment.identityId as IdentityId,
              amount: payment.amount.toString(),
              distributionId: this.payout.id,
              platform: 'opencollective',
              externalId: expense.id,
            },
          ],
    );
  }
}

function maskEmail(variables: Record<string, unknown>): Record<string, unknown> {
  const expense = variables.expense as { payee?: { email?: string } } | undefined;
  if (expense?.payee?.email === undefined) return variables;
  return {
    ...variables,
    expense: { ...expense, payee: { ...expense.payee, email: MASKED_EMAIL } },
  };
}

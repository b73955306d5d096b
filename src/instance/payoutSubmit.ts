/**
 * `cred payout submit --month M`: files one Open Collective expense per payment of the month's
 * final payout, and records each in the ledger (`expense.file`, with Open Collective's id) right
 * after it is created. Open Collective has no idempotency key, so before creating anything the
 * run lists the expenses already tagged with the run and records any it finds instead of
 * creating them again; after a failure that leaves it unknown whether an expense was created
 * (a timeout, a dropped connection, a 5xx), it looks the reference up before trying again. A
 * crash between creating and recording is repaired the same way by the next run. Under
 * `--dry-run` it reads Open Collective but sends no mutation and writes nothing; it returns the
 * mutations it would send, emails masked.
 */
import path from 'node:path';
import { minorUnitDigits } from '../core/currency.js';
import { PayoutError } from '../core/errors.js';
import type { IdentityId } from '../core/identity.js';
import {
  createExpense,
  draftExpense,
  listExpenses,
  readViewer,
  type FiledExpense,
} from '../ledger/opencollective/api.js';
import type { OpenCollectiveClient } from '../ledger/opencollective/client.js';
import { isTransient, maskEmails } from '../ledger/opencollective/errors.js';
import { centsToMinor, runTag } from '../ledger/opencollective/expenseInput.js';
import { paymentsDue } from '../ledger/handlers/payouts.js';
import { withFileLock } from '../ledger/lock.js';
import { toDecimal } from '../ledger/money.js';
import { activePayout, amountOf, type LedgerState, type PayoutRecord } from '../ledger/state.js';
import type { Instance, Runtime } from './instance.js';
import { ledgerStore } from './ledger.js';
import {
  checkCurrency,
  openCollectiveClient,
  openCollectiveSettings,
  type ClientOverrides,
} from './openCollective.js';
import { readPayees } from './payees.js';
import { monthOf, reportFiles, runPayout, writeReport } from './payout.js';
import { mutationFor, planPayments, type PlannedPayment } from './payoutSubmitPlan.js';

export interface SubmitOptions {
  readonly month: string;
  readonly dryRun?: boolean;
  readonly overrides?: ClientOverrides;
}

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

export interface SubmitResult {
  readonly month: string;
  readonly proposalId: string;
  readonly currency: string;
  readonly dryRun: boolean;
  readonly lines: readonly SubmitLine[];
  /** Under --dry-run: exactly the mutations a real run would send (emails masked). */
  readonly operations: readonly SentOperation[];
  /** Requests made to Open Collective, and the waits asked for to stay within its limits. */
  readonly requests: number;
  readonly waitsMs: readonly number[];
  readonly files: readonly string[];
}

export const MASKED_EMAIL = '<email from payees.json>';

export async function submitPayout(
  instance: Instance,
  runtime: Runtime,
  options: SubmitOptions,
): Promise<SubmitResult> {
  const month = monthOf(options.month);
  openCollectiveSettings(instance);
  const client = openCollectiveClient(instance, runtime, {
    requireToken: true,
    overrides: options.overrides,
  });
  if (options.dryRun === true) return submitLocked(instance, runtime, client, month.name, true);
  return withFileLock(
    path.join(instance.paths.data, 'payout-submit'),
    () => submitLocked(instance, runtime, client, month.name, false),
    { timeoutMs: 0 },
  );
}

async function submitLocked(
  instance: Instance,
  runtime: Runtime,
  client: OpenCollectiveClient,
  month: string,
  dryRun: boolean,
): Promise<SubmitResult> {
  const settings = openCollectiveSettings(instance);
  const { state, payout } = await finalPayout(instance, runtime, month, dryRun);
  const final = payout.status === 'final';
  const payments = final ? new Map(payout.payments) : paymentsDue(state, payout);
  const owed = (id: IdentityId) =>
    amountOf(state.owed, id) + (final ? 0n : amountOf(payout.shares, id));
  const payees = readPayees(instance, state);
  if (payees.unknownKeys.length > 0) {
    runtime.reporter.warn(
      `payees.json: ${payees.unknownKeys.map(maskEmails).join(', ')} name(s) no identity; ignored`,
    );
  }
  const { viewer, collective } = await readViewer(client, settings.collective);
  checkCurrency(instance, collective.currency, `collective ${collective.slug}`);
  const planned = planPayments({
    state,
    payout,
    payments,
    owed,
    settings,
    community: instance.config.name,
    viewer,
    payees,
  });
  const toFile = planned.filter((p) => p.existing === undefined && p.route.kind !== 'skip');
  const found =
    toFile.length === 0
      ? []
      : await listExpenses(client, collective.slug, { tag: runTag(payout.id) });
  const filer = new Filer(instance, runtime, client, payout, collective.slug, dryRun);
  const lines: SubmitLine[] = [];
  for (const payment of planned) {
    lines.push(await filer.handle(payment, found));
  }
  if (!dryRun) writeReport(instance, runtime, month);
  return {
    month,
    proposalId: payout.id,
    currency: payout.currency,
    dryRun,
    lines,
    operations: filer.operations,
    requests: client.pacer.requestCount,
    waitsMs: [...client.pacer.waits],
    files: dryRun ? [] : reportFiles(instance, month),
  };
}

/** The month's payout, finalized first when its review period is over. */
async function finalPayout(
  instance: Instance,
  runtime: Runtime,
  month: string,
  dryRun: boolean,
): Promise<{ state: LedgerState; payout: PayoutRecord }> {
  const store = ledgerStore(instance, runtime);
  let state = store.read().state;
  let payout = activePayout(state, month);
  if (payout === undefined) {
    throw new PayoutError('PAYOUT_NOT_FOUND', `no payout for ${month} in the ledger`, {
      suggestions: [`Propose one: "cred payout --month ${month} --revenue ...".`],
    });
  }
  if (payout.status === 'proposed') {
    if (runtime.nowMs() < payout.reviewEndsMs) {
      throw new PayoutError(
        'PAYOUT_UNDER_REVIEW',
        `${month}'s payout is under review until ${new Date(payout.reviewEndsMs).toISOString()}`,
        {
          suggestions: [
            `Wait for the review to end, or finalize now: "cred payout --month ${month} --finalize".`,
          ],
        },
      );
    }
    if (!dryRun) {
      await runPayout(instance, runtime, { month });
      state = store.read().state;
      payout = activePayout(state, month) as PayoutRecord;
    }
  }
  return { state, payout };
}

class Filer {
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

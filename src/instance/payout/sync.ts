/**
 * `cred payout sync --month M`: reads back from Open Collective the status of every expense the
 * month's payout filed and records the outcomes (`expense.settle`): paid ones are paid; rejected,
 * spam, declined invitations and canceled ones return their amount to what the identity is owed,
 * to be paid in a later month. Expenses still in progress (draft, pending, approved, processing,
 * ...) stay filed. The month's report is then rebuilt from the ledger (decision 0730), so a
 * rejected expense shows there as owed again, as it is in the ledger.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import { minorUnitDigits } from '../../core/currency.js';
import { PayoutError } from '../../core/errors.js';
import type { LedgerEvent } from '../../ledger/events.js';
import { listExpenses, type FiledExpense } from '../../ledger/opencollective/api.js';
import { runTag } from '../../ledger/opencollective/expenseInput.js';
import type { OpenCollectiveExpenseStatus } from '../../ledger/opencollective/operations.js';
import { toDecimal } from '../../ledger/money.js';
import { activePayout, type ExpenseRecord, type ExpenseStatus } from '../../ledger/state.js';
import type { Instance, Runtime } from '../instance.js';
import { ledgerStore } from '../ledgerStore.js';
import {
  openCollectiveClient,
  openCollectiveSettings,
  type ClientOverrides,
} from './openCollective.js';
import { monthOf, reportFiles, writeReport } from './payout.js';

type Outcome = 'paid' | 'declined' | 'rejected';

/** What an Open Collective status means for the ledger; absent: still in progress. */
export const SETTLED_STATUSES: Readonly<Partial<Record<OpenCollectiveExpenseStatus, Outcome>>> = {
  PAID: 'paid',
  REJECTED: 'rejected',
  SPAM: 'rejected',
  INVITE_DECLINED: 'declined',
  CANCELED: 'declined',
};

export interface SyncLine {
  readonly identity: string;
  readonly reference: string;
  readonly amount: string;
  readonly externalId: string | null;
  /** Open Collective's status, or null when the expense was not found there. */
  readonly openCollectiveStatus: string | null;
  /** The ledger's status after this run. */
  readonly status: ExpenseStatus;
  readonly changed: boolean;
}

export interface SyncResult {
  readonly month: string;
  readonly proposalId: string;
  readonly currency: string;
  readonly lines: readonly SyncLine[];
  readonly settled: number;
  readonly requests: number;
  readonly files: readonly string[];
}

export async function syncPayout(
  instance: Instance,
  runtime: Runtime,
  options: { readonly month: string; readonly overrides?: ClientOverrides },
): Promise<SyncResult> {
  const month = monthOf(options.month);
  const settings = openCollectiveSettings(instance);
  const client = openCollectiveClient(instance, runtime, {
    requireToken: true,
    overrides: options.overrides,
  });
  const store = ledgerStore(instance, runtime);
  const state = store.read().state;
  const payout = activePayout(state, month.name);
  if (payout === undefined) {
    throw new PayoutError('PAYOUT_NOT_FOUND', `no payout for ${month.name} in the ledger`, {
      suggestions: [`Propose one: "cred payout --month ${month.name} --revenue ...".`],
    });
  }
  const filed = [...state.expenses.values()]
    .filter((e) => e.distributionId === payout.id && e.platform === 'opencollective')
    .sort((a, b) => compareStrings(a.reference, b.reference));
  const open = filed.filter((e) => e.status === 'filed');
  const tag = runTag(payout.id);
  const seen = new Map<string, FiledExpense>();
  if (open.length > 0) {
    for (const e of await listExpenses(client, settings.collective, { tag })) addSeen(seen, e);
    if (open.some((e) => !seen.has(e.reference))) {
      // Expenses marked as spam are listed only when asked for by status.
      const spam = await listExpenses(client, settings.collective, { tag, status: ['SPAM'] });
      for (const e of spam) addSeen(seen, e);
    }
  }
  const events = settleEvents(open, seen);
  await store.append((fresh) =>
    events.filter((event) => fresh.expenses.get(event.reference)?.status === 'filed'),
  );
  const outcomes = new Map<string, ExpenseStatus>(
    events.map((event) => [event.reference, event.outcome]),
  );
  const digits = minorUnitDigits(payout.currency);
  const lines = filed.map((expense) =>
    syncLine(expense, seen.get(expense.reference), outcomes.get(expense.reference), state, digits),
  );
  for (const line of lines) {
    if (line.status === 'filed' && line.openCollectiveStatus === null)
      runtime.reporter.warn(
        `${line.identity}: ${line.reference} was not found on Open Collective (deleted?); it stays filed`,
      );
  }
  writeReport(instance, runtime, month.name);
  return {
    month: month.name,
    proposalId: payout.id,
    currency: payout.currency,
    lines,
    settled: events.length,
    requests: client.pacer.requestCount,
    files: reportFiles(instance, month.name),
  };
}

function addSeen(seen: Map<string, FiledExpense>, expense: FiledExpense): void {
  if (expense.reference !== null) seen.set(expense.reference, expense);
}

function settleEvents(
  open: readonly ExpenseRecord[],
  seen: ReadonlyMap<string, FiledExpense>,
): Extract<LedgerEvent, { type: 'expense.settle' }>[] {
  return open.flatMap((expense) => {
    const remote = seen.get(expense.reference);
    const outcome = remote === undefined ? undefined : SETTLED_STATUSES[remote.status];
    if (remote === undefined || outcome === undefined) return [];
    return [
      { type: 'expense.settle', reference: expense.reference, outcome, externalId: remote.id },
    ];
  });
}

function syncLine(
  expense: ExpenseRecord,
  remote: FiledExpense | undefined,
  outcome: ExpenseStatus | undefined,
  state: { identities: { get(id: string): { name: string } | undefined } },
  digits: number,
): SyncLine {
  return {
    identity: state.identities.get(expense.identityId)?.name ?? expense.identityId,
    reference: expense.reference,
    amount: toDecimal(expense.amount, digits),
    externalId: remote?.id ?? expense.externalId,
    openCollectiveStatus: remote?.status ?? null,
    status: outcome ?? expense.status,
    changed: outcome !== undefined,
  };
}

/**
 * Money events. A distribution adds to what identities are owed; a transfer moves owed money
 * between identities; filing an expense moves an amount from owed to pending; its outcome
 * either pays it (pending -> paid) or returns it to owed (declined, rejected, expired). So at
 * every point: owed + pending, summed over identities, equals distributed - paid.
 */
import type { IdentityId } from '../../core/identity.js';
import type { EventOf } from '../events.js';
import { addAmount, formatMoney, parseMinorUnits, setAmount, type MinorUnits } from '../money.js';
import { reject } from '../rejection.js';
import {
  amountOf,
  type DistributionRecord,
  type ExpenseRecord,
  patchState,
  type SkipRecord,
  type LedgerState,
} from '../state.js';
import { liveIdentity } from './identities.js';

function positive(text: string, where: string): MinorUnits {
  const amount = parseMinorUnits(text, where);
  if (amount <= 0n) reject('amount_must_be_positive', `${where}: the amount must be positive`);
  return amount;
}

export function distribute(state: LedgerState, event: EventOf<'grain.distribute'>): LedgerState {
  if (state.distributions.has(event.distributionId)) {
    reject('distribution_exists', `distribution "${event.distributionId}" was already recorded`);
  }
  const amounts = new Map<IdentityId, MinorUnits>();
  for (const [id, text] of Object.entries(event.amounts)) {
    const identity = liveIdentity(state, id as IdentityId);
    if (!identity.active)
      reject('account_inactive', `"${identity.name}" is not active for payouts`, [
        `Activate it ("cred identity activate ${identity.name}") or leave it out.`,
      ]);
    amounts.set(
      identity.id,
      positive(text, `distribution ${event.distributionId}, ${identity.name}`),
    );
  }
  let owed = state.owed;
  let total = 0n;
  for (const [id, amount] of amounts) {
    owed = addAmount(owed, id, amount);
    total += amount;
  }
  const record: DistributionRecord = {
    id: event.distributionId,
    month: event.month,
    currency: event.currency,
    amounts,
  };
  return patchState(state, {
    owed,
    distributed: state.distributed + total,
    distributions: state.distributions.set(record.id, record),
  });
}

/** An amount of the ledger's grain, in the currency of its distributions. */
function owedMoney(state: LedgerState, amount: bigint): string {
  return formatMoney(amount, state.distributions.first()?.currency);
}

export function transfer(state: LedgerState, event: EventOf<'grain.transfer'>): LedgerState {
  const from = liveIdentity(state, event.from as IdentityId);
  const to = liveIdentity(state, event.to as IdentityId);
  if (from.id === to.id) reject('no_change', 'a transfer needs two different identities');
  const amount = positive(event.amount, 'transfer');
  if (amountOf(state.owed, from.id) < amount) {
    reject(
      'insufficient_balance',
      `"${from.name}" is owed ${owedMoney(state, amountOf(state.owed, from.id))}, less than ${owedMoney(state, amount)}`,
    );
  }
  return state.set('owed', addAmount(addAmount(state.owed, from.id, -amount), to.id, amount));
}

/** The identity an expense (or a skipped one) is for, once its reference and distribution check. */
function expenseTarget(
  state: LedgerState,
  event: { reference: string; identityId: string; distributionId: string },
) {
  if (state.expenses.has(event.reference))
    reject('expense_exists', `an expense with reference "${event.reference}" was already filed`);
  const identity = liveIdentity(state, event.identityId as IdentityId);
  if (!state.distributions.has(event.distributionId))
    reject('distribution_not_found', `no distribution "${event.distributionId}"`);
  return identity;
}

export function fileExpense(state: LedgerState, event: EventOf<'expense.file'>): LedgerState {
  const identity = expenseTarget(state, event);
  const amount = positive(event.amount, `expense ${event.reference}`);
  const owed = amountOf(state.owed, identity.id);
  if (owed < amount) {
    reject(
      'insufficient_balance',
      `"${identity.name}" is owed ${owedMoney(state, owed)}, less than the expense's ${owedMoney(state, amount)}`,
    );
  }
  const expense: ExpenseRecord = {
    reference: event.reference,
    identityId: identity.id,
    amount,
    distributionId: event.distributionId,
    platform: event.platform,
    externalId: event.externalId,
    status: 'filed',
  };
  return patchState(state, {
    owed: setAmount(state.owed, identity.id, owed - amount),
    pending: addAmount(state.pending, identity.id, amount),
    expenses: state.expenses.set(expense.reference, expense),
  });
}

export function settleExpense(state: LedgerState, event: EventOf<'expense.settle'>): LedgerState {
  const expense = state.expenses.get(event.reference);
  if (expense === undefined)
    reject('expense_not_found', `no expense with reference "${event.reference}"`);
  if (expense.status !== 'filed')
    reject('expense_settled', `expense "${event.reference}" is already ${expense.status}`);
  const settled: ExpenseRecord = {
    ...expense,
    status: event.outcome,
    externalId: event.externalId ?? expense.externalId,
  };
  const pending = addAmount(state.pending, expense.identityId, -expense.amount);
  const expenses = state.expenses.set(expense.reference, settled);
  if (event.outcome === 'paid') {
    return patchState(state, {
      pending,
      expenses,
      paid: addAmount(state.paid, expense.identityId, expense.amount),
      paidTotal: state.paidTotal + expense.amount,
    });
  }
  return patchState(state, {
    pending,
    expenses,
    owed: addAmount(state.owed, expense.identityId, expense.amount),
  });
}

/**
 * Records that submission could not file a payment (it names no way to reach the payee). No
 * money moves: the amount stays owed; the record only lets the public report say why.
 */
export function skipExpense(state: LedgerState, event: EventOf<'expense.skip'>): LedgerState {
  const identity = expenseTarget(state, event);
  const skip: SkipRecord = {
    reference: event.reference,
    identityId: identity.id,
    distributionId: event.distributionId,
    reason: event.reason,
  };
  return state.set('skipped', state.skipped.set(skip.reference, skip));
}

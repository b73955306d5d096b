/**
 * KToken events. A quota records what the committee approved for a cycle and who approved it.
 * A batch turns a finalized month into token amounts: each line's amount becomes owed, then
 * every recipient's whole owed balance (its own and that of identities merged into it) moves
 * to pending, to the address the identity holds. The ledger re-derives those entries from its
 * own state, so a batch can leave someone out (their tokens stay owed) but never send anyone a
 * different amount or to another address. A transaction is recorded signed before it is
 * broadcast and confirmed after; only one attempt per recipient may be open at a time, which
 * with the nonce rule of docs/decisions/0451 keeps a recipient from being paid twice.
 */
import { Map as ImmutableMap } from 'immutable';
import type { IdentityId } from '../../core/identity.js';
import type { EventOf } from '../events.js';
import { addAmount, parseMinorUnits } from '../money.js';
import {
  batchIdFor,
  openAttempt,
  sumTokens,
  type KtokenBatch,
  type KtokenEntry,
  type KtokenLedger,
  type TokenUnits,
} from '../ktoken/records.js';
import { rejectKtoken } from '../ktoken/rejection.js';
import { reject } from '../rejection.js';
import type { LedgerState } from '../state.js';
import { ultimateOwner } from '../views.js';
import { liveIdentity } from './identities.js';

function withKtoken(state: LedgerState, ktoken: KtokenLedger): LedgerState {
  return state.set('ktoken', ktoken);
}

export function approveQuota(
  state: LedgerState,
  event: EventOf<'ktoken.quota'>,
  timestampMs: number,
): LedgerState {
  const { ktoken } = state;
  if (ktoken.quotas.has(event.cycle))
    rejectKtoken('ktoken_quota_exists', `a quota for ${event.cycle} was already approved`, [
      'A cycle has one quota; approve what is missing for the next cycle.',
    ]);
  const lower = event.approvedBy.map((who) => who.toLowerCase());
  if (new Set(lower).size !== lower.length)
    rejectKtoken('ktoken_approvers_repeated', 'each approver may be named once');
  const amount = parseMinorUnits(event.amount, `quota ${event.cycle}`);
  if (amount <= 0n)
    rejectKtoken('ktoken_amount_must_be_positive', `quota ${event.cycle}: must be positive`);
  const quota = {
    cycle: event.cycle,
    amount,
    approvedBy: [...event.approvedBy],
    reference: event.reference,
    recordedMs: timestampMs,
  };
  return withKtoken(state, { ...ktoken, quotas: ktoken.quotas.set(event.cycle, quota) });
}

/** Each line's identity and amount, checked against the identities and the line's status. */
function lineAmounts(state: LedgerState, event: EventOf<'ktoken.plan'>): Map<IdentityId, bigint> {
  const amounts = new Map<IdentityId, bigint>();
  for (const line of event.lines) {
    const identity = liveIdentity(state, line.identityId as IdentityId);
    const amount = parseMinorUnits(line.amount, `batch ${event.batchId}, ${identity.name}`);
    if (amounts.has(identity.id))
      rejectKtoken('ktoken_line_invalid', `"${identity.name}" has two lines`);
    if (line.status !== 'eligible' && amount !== 0n)
      rejectKtoken(
        'ktoken_line_invalid',
        `"${identity.name}" is ${line.status}: its amount must be 0`,
      );
    if (line.status === 'eligible' && !identity.active)
      rejectKtoken('ktoken_line_invalid', `"${identity.name}" is not active for payouts`);
    amounts.set(identity.id, amount);
  }
  return amounts;
}

function checkBasis(state: LedgerState, event: EventOf<'ktoken.plan'>, total: TokenUnits): void {
  const quota = state.ktoken.quotas.get(event.month);
  if (event.basis.type === 'quota') {
    if (quota === undefined)
      rejectKtoken('ktoken_quota_missing', `no quota was approved for ${event.month}`, [
        `Record the committee's approval first ("cred ktoken quota --month ${event.month} ...").`,
      ]);
    if (BigInt(event.basis.quota) !== quota.amount || total !== quota.amount)
      rejectKtoken(
        'ktoken_quota_mismatch',
        `the batch shares out ${total}, not the quota of ${quota.amount} approved for ${event.month}`,
      );
  } else if (quota !== undefined && total > quota.amount) {
    rejectKtoken(
      'ktoken_over_quota',
      `the batch gives ${total}, more than the quota of ${quota.amount} approved for ${event.month}`,
      ['Lower ktoken.amounts.ratePerCred, or have the committee approve more next cycle.'],
    );
  }
}

/**
 * What each identity would be owed once `lines` are added, by the identity that owns the
 * balance now (owed tokens of a merged identity count for the one it was merged into).
 */
export function tokensDue(
  state: LedgerState,
  lines: ReadonlyMap<IdentityId, bigint>,
): Map<IdentityId, bigint> {
  const due = new Map<IdentityId, bigint>();
  for (const [id, owed] of state.ktoken.owed) {
    const owner = ultimateOwner(state, id);
    due.set(owner, (due.get(owner) ?? 0n) + owed);
  }
  for (const [id, amount] of lines) due.set(id, (due.get(id) ?? 0n) + amount);
  for (const [id, amount] of due) if (amount === 0n) due.delete(id);
  return due;
}

function checkEntries(
  state: LedgerState,
  event: EventOf<'ktoken.plan'>,
  due: Map<IdentityId, bigint>,
) {
  const seen = new Set<string>();
  for (const entry of event.entries) {
    const identity = liveIdentity(state, entry.identityId as IdentityId);
    const expected = due.get(identity.id) ?? 0n;
    const mismatch = (problem: string) =>
      rejectKtoken(
        'ktoken_entries_mismatch',
        `batch ${event.batchId}, "${identity.name}": ${problem}`,
      );
    if (seen.has(identity.id)) mismatch('listed twice');
    seen.add(identity.id);
    if (!identity.active) mismatch('not active for payouts');
    if (identity.ethereum?.toLowerCase() !== entry.address.toLowerCase())
      mismatch(`the address must be the identity's own (${identity.ethereum ?? 'none'})`);
    if (BigInt(entry.amount) !== expected || expected <= 0n)
      mismatch(`the amount must be ${expected} (owed plus this month), not ${entry.amount}`);
  }
}

export function planBatch(
  state: LedgerState,
  event: EventOf<'ktoken.plan'>,
  timestampMs: number,
): LedgerState {
  const { ktoken } = state;
  if (event.batchId !== batchIdFor(event.month))
    rejectKtoken(
      'ktoken_line_invalid',
      `a batch for ${event.month} is named ${batchIdFor(event.month)}`,
    );
  if (ktoken.batches.has(event.batchId))
    rejectKtoken('ktoken_batch_exists', `the KToken batch for ${event.month} was already planned`, [
      `"cred ktoken --month ${event.month}" continues it.`,
    ]);
  if (event.mode === 'safe' && event.safe === null)
    rejectKtoken('ktoken_safe_missing', 'a batch for a Safe names the Safe');
  const payout = state.payouts.get(event.payoutId);
  if (payout === undefined || payout.month !== event.month)
    reject('payout_not_found', `no payout "${event.payoutId}" for ${event.month}`);
  if (payout.status !== 'final')
    reject('payout_not_open', `payout "${payout.id}" is ${payout.status}, not final`);
  const lines = lineAmounts(state, event);
  checkBasis(state, event, sumTokens(lines.values()));
  const due = tokensDue(state, lines);
  checkEntries(state, event, due);
  let owed = ktoken.owed;
  for (const [id, amount] of lines) owed = addAmount(owed, id, amount);
  let pending = ktoken.pending;
  const entries = new Map<IdentityId, KtokenEntry>();
  for (const entry of event.entries) {
    const id = entry.identityId as IdentityId;
    for (const holder of owed.keys())
      if (ultimateOwner(state, holder) === id) owed = owed.delete(holder);
    pending = addAmount(pending, id, BigInt(entry.amount));
    entries.set(id, {
      identityId: id,
      address: entry.address,
      amount: BigInt(entry.amount),
      status: 'pending',
      hash: null,
      blockNumber: null,
    });
  }
  const batch: KtokenBatch = {
    id: event.batchId,
    month: event.month,
    payoutId: event.payoutId,
    chainId: event.chainId,
    token: event.token,
    decimals: event.decimals,
    method: event.method,
    mode: event.mode,
    safe: event.safe,
    basis: event.basis,
    plannedMs: timestampMs,
    lines: event.lines,
    entries: ImmutableMap(entries),
    attempts: ImmutableMap(),
  };
  return withKtoken(state, {
    ...ktoken,
    owed,
    pending,
    planned: ktoken.planned + sumTokens(lines.values()),
    batches: ktoken.batches.set(batch.id, batch),
  });
}

function pendingEntry(state: LedgerState, batchId: string, identityId: string) {
  const batch = state.ktoken.batches.get(batchId);
  if (batch === undefined) rejectKtoken('ktoken_batch_not_found', `no KToken batch "${batchId}"`);
  const entry = batch.entries.get(identityId as IdentityId);
  if (entry === undefined)
    rejectKtoken('ktoken_entry_not_found', `batch ${batchId} sends nothing to "${identityId}"`);
  return { batch, entry };
}

export function recordSend(state: LedgerState, event: EventOf<'ktoken.send'>): LedgerState {
  const { batch, entry } = pendingEntry(state, event.batchId, event.identityId);
  if (entry.status === 'sent')
    rejectKtoken(
      'ktoken_entry_sent',
      `"${entry.identityId}" was already sent its tokens (${entry.hash})`,
    );
  const open = openAttempt(batch, entry.identityId);
  if (open !== undefined)
    rejectKtoken(
      'ktoken_attempt_open',
      `transaction ${open.hash} to "${entry.identityId}" awaits an outcome`,
    );
  if (batch.attempts.has(event.hash))
    rejectKtoken('ktoken_tx_exists', `transaction ${event.hash} is already recorded`);
  const attempt = {
    hash: event.hash,
    identityId: entry.identityId,
    from: event.from,
    nonce: event.nonce,
    raw: event.raw,
    status: 'signed' as const,
  };
  const updated = { ...batch, attempts: batch.attempts.set(attempt.hash, attempt) };
  return withKtoken(state, {
    ...state.ktoken,
    batches: state.ktoken.batches.set(batch.id, updated),
  });
}

export function recordConfirm(state: LedgerState, event: EventOf<'ktoken.confirm'>): LedgerState {
  const { batch, entry } = pendingEntry(state, event.batchId, event.identityId);
  const attempt = batch.attempts.get(event.hash);
  if (attempt !== undefined) {
    if (attempt.identityId !== entry.identityId)
      rejectKtoken(
        'ktoken_attempt_not_found',
        `transaction ${event.hash} was not sent to "${entry.identityId}"`,
      );
    if (attempt.status !== 'signed')
      rejectKtoken('ktoken_tx_settled', `transaction ${event.hash} is already ${attempt.status}`);
  } else {
    if (event.outcome !== 'mined')
      rejectKtoken(
        'ktoken_attempt_not_found',
        `no recorded transaction ${event.hash} to mark ${event.outcome}`,
      );
    const open = openAttempt(batch, entry.identityId);
    if (open !== undefined)
      rejectKtoken(
        'ktoken_attempt_open',
        `transaction ${open.hash} to "${entry.identityId}" awaits an outcome`,
      );
  }
  if (event.outcome === 'mined' && entry.status === 'sent')
    rejectKtoken(
      'ktoken_entry_sent',
      `"${entry.identityId}" was already sent its tokens (${entry.hash})`,
    );
  let attempts = batch.attempts;
  if (attempt !== undefined)
    attempts = attempts.set(attempt.hash, { ...attempt, status: event.outcome });
  if (event.outcome !== 'mined') {
    const updated = { ...batch, attempts };
    return withKtoken(state, {
      ...state.ktoken,
      batches: state.ktoken.batches.set(batch.id, updated),
    });
  }
  const sentEntry: KtokenEntry = {
    ...entry,
    status: 'sent',
    hash: event.hash,
    blockNumber: event.blockNumber,
  };
  const updated = { ...batch, attempts, entries: batch.entries.set(entry.identityId, sentEntry) };
  const { ktoken } = state;
  return withKtoken(state, {
    ...ktoken,
    pending: addAmount(ktoken.pending, entry.identityId, -entry.amount),
    sent: addAmount(ktoken.sent, entry.identityId, entry.amount),
    batches: ktoken.batches.set(batch.id, updated),
  });
}

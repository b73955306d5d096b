/**
 * Payout events. A proposal records the month's plan (pool, policy, every line) for review; it
 * can be withdrawn and proposed again while open. Finalizing adds each share to what the
 * identity is owed and fixes the payments: whoever is then owed at least the minimum is to be
 * paid all of it. The ledger checks that rule itself against its state at that moment, so the
 * payments written are the only ones the rules allow.
 */
import { Map as ImmutableMap } from 'immutable';
import type { IdentityId } from '../../core/identity.js';
import type { EventOf } from '../events.js';
import { formatMoney } from '../money.js';
import { reject } from '../rejection.js';
import {
  activePayout,
  amountOf,
  type DistributionRecord,
  patchState,
  type PayoutRecord,
  type LedgerState,
} from '../state.js';
import { checkReviewSettled } from './governance.js';
import { liveIdentity } from './identities.js';

export function proposePayout(state: LedgerState, event: EventOf<'payout.propose'>): LedgerState {
  if (state.payouts.has(event.proposalId))
    reject('payout_exists', `payout proposal "${event.proposalId}" exists`);
  const active = activePayout(state, event.month);
  if (active !== undefined) {
    const hint =
      active.status === 'final'
        ? 'A month is paid once.'
        : `Withdraw "${active.id}" first ("cred payout withdraw --month ${event.month}").`;
    reject(
      'payout_open',
      `${event.month} already has a ${active.status === 'final' ? 'final payout' : 'proposal under review'} (${active.id})`,
      [hint],
    );
  }
  let shares = ImmutableMap<IdentityId, bigint>();
  let total = 0n;
  for (const line of event.lines) {
    const identity = liveIdentity(state, line.identityId as IdentityId);
    const share = BigInt(line.share);
    if (share > 0n) shares = shares.set(identity.id, share);
    total += share;
  }
  if (total !== BigInt(event.pool))
    reject(
      'payout_shares_mismatch',
      `the shares add up to ${formatMoney(total, event.currency)}, not the pool of ${formatMoney(BigInt(event.pool), event.currency)}`,
    );
  checkSplit(event);
  const record: PayoutRecord = {
    id: event.proposalId,
    month: event.month,
    currency: event.currency,
    pool: BigInt(event.pool),
    minimum: BigInt(event.minimum),
    reviewEndsMs: event.reviewEndsMs,
    shares,
    status: 'proposed',
    payments: ImmutableMap(),
    owedAtFinalize: ImmutableMap(),
    proposal: event,
  };
  return state.set('payouts', state.payouts.set(record.id, record));
}

/** With a domain split: the parts add up to the pool, each line's and each domain's shares too. */
function checkSplit(event: EventOf<'payout.propose'>): void {
  if (event.split === undefined) return;
  const parts = Object.entries(event.split.domains);
  const mismatch = (what: string, total: bigint, expected: bigint) =>
    reject(
      'payout_split_mismatch',
      `${what} add up to ${formatMoney(total, event.currency)}, not ${formatMoney(expected, event.currency)}`,
    );
  const sum = (amounts: readonly string[]) => amounts.reduce((acc, a) => acc + BigInt(a), 0n);
  const pool = sum(parts.map(([, part]) => part.amount));
  if (pool !== BigInt(event.pool)) mismatch('the domain parts', pool, BigInt(event.pool));
  for (const line of event.lines) {
    const inDomains = sum(Object.values(line.domains ?? {}).map((d) => d.share));
    if (inDomains !== BigInt(line.share))
      mismatch(`the domain shares of "${line.identityId}"`, inDomains, BigInt(line.share));
  }
  for (const [domain, part] of parts) {
    const shares = sum(event.lines.map((line) => line.domains?.[domain]?.share ?? '0'));
    if (shares !== BigInt(part.amount))
      mismatch(`the shares in domain "${domain}"`, shares, BigInt(part.amount));
  }
}

function openPayout(state: LedgerState, proposalId: string): PayoutRecord {
  const payout = state.payouts.get(proposalId);
  if (payout === undefined) reject('payout_not_found', `no payout proposal "${proposalId}"`);
  if (payout.status !== 'proposed')
    reject('payout_not_open', `payout "${proposalId}" is ${payout.status}`);
  return payout;
}

export function withdrawPayout(state: LedgerState, event: EventOf<'payout.withdraw'>): LedgerState {
  const payout = openPayout(state, event.proposalId);
  return state.set('payouts', state.payouts.set(payout.id, { ...payout, status: 'withdrawn' }));
}

/** What finalizing `payout` must pay, given the state now: owed + share, when >= the minimum. */
export function paymentsDue(state: LedgerState, payout: PayoutRecord): Map<IdentityId, bigint> {
  const due = new Map<IdentityId, bigint>();
  for (const [id, share] of payout.shares) {
    const owed = amountOf(state.owed, id) + share;
    if (owed >= payout.minimum && owed > 0n) due.set(id, owed);
  }
  for (const [id, owed] of state.owed) {
    if (
      !payout.shares.has(id) &&
      owed >= payout.minimum &&
      owed > 0n &&
      state.identities.get(id)?.active === true &&
      state.identities.get(id)?.mergedInto === null
    ) {
      due.set(id, owed);
    }
  }
  return due;
}

export function finalizePayout(state: LedgerState, event: EventOf<'payout.finalize'>): LedgerState {
  const payout = openPayout(state, event.proposalId);
  checkReviewSettled(state, payout);
  for (const id of payout.shares.keys()) {
    const identity = liveIdentity(state, id);
    if (!identity.active)
      reject('account_inactive', `"${identity.name}" was deactivated after the proposal`, [
        'Withdraw the proposal and propose again.',
      ]);
  }
  const due = paymentsDue(state, payout);
  const given = new Map(
    Object.entries(event.payments).map(([id, amount]) => [id as IdentityId, BigInt(amount)]),
  );
  const mismatch = [...new Set([...due.keys(), ...given.keys()])].find(
    (id) => due.get(id) !== given.get(id),
  );
  if (mismatch !== undefined) {
    reject(
      'payout_payments_mismatch',
      `payment for "${mismatch}" must be ${due.get(mismatch) ?? 0n}, not ${given.get(mismatch) ?? 0n}`,
    );
  }
  const owedAtFinalize = ImmutableMap(
    payout.proposal.lines.map((line) => {
      const id = line.identityId as IdentityId;
      return [id, amountOf(state.owed, id)] as const;
    }),
  );
  let owed = state.owed;
  for (const [id, share] of payout.shares) owed = owed.set(id, amountOf(owed, id) + share);
  const distribution: DistributionRecord = {
    id: payout.id,
    month: payout.month,
    currency: payout.currency,
    amounts: new Map(payout.shares),
  };
  return patchState(state, {
    owed,
    distributed: state.distributed + payout.pool,
    distributions: state.distributions.set(distribution.id, distribution),
    payouts: state.payouts.set(payout.id, {
      ...payout,
      status: 'final',
      payments: ImmutableMap(given),
      owedAtFinalize,
    }),
  });
}

/**
 * Governance events: objections to a payout under review, votes on them, their decision, and
 * budget box ballots. Review is lazy consensus: a proposal nobody objects to finalizes when its
 * review period ends. An identity with cred may object to one line or to the weights (the whole
 * proposal) while the review is open, and members vote to uphold or dismiss it. When the period
 * ends the objection is decided by the rules in tally.ts, which the ledger applies itself, so
 * the decision written is the only one the votes allow. An upheld line is removed and its share
 * goes to the others (payout/redistribute.ts); an upheld objection to the weights blocks the
 * proposal until it is withdrawn and proposed again.
 */
import type { IdentityId } from '../../core/identity.js';
import { canonicalJson } from '../../core/canonicalJson.js';
import type { EventOf } from '../events.js';
import { sharesWithout } from '../payout/redistribute.js';
import { reject } from '../rejection.js';
import { patchState, type LedgerState, type ObjectionRecord, type PayoutRecord } from '../state.js';
import { tallyObjection, voteWeights } from '../tally.js';
import { liveIdentity } from './identities.js';
import { Map as ImmutableMap } from 'immutable';

function reviewedPayout(state: LedgerState, proposalId: string): PayoutRecord {
  const payout = state.payouts.get(proposalId);
  if (payout === undefined) reject('payout_not_found', `no payout proposal "${proposalId}"`);
  if (payout.status !== 'proposed')
    reject('payout_not_open', `payout "${proposalId}" is ${payout.status}, not under review`);
  return payout;
}

function checkReviewOpen(payout: PayoutRecord, timestampMs: number): void {
  if (timestampMs >= payout.reviewEndsMs)
    reject(
      'review_closed',
      `the review of "${payout.id}" ended at ${new Date(payout.reviewEndsMs).toISOString()}`,
    );
}

function checkHasCred(state: LedgerState, id: IdentityId, what: string): void {
  const identity = liveIdentity(state, id);
  if (!((voteWeights(state).get(identity.id) ?? 0) > 0))
    reject('no_cred', `"${identity.name}" has no cred in the ledger, so cannot ${what}`, [
      'Cred is recorded with each payout proposal ("cred payout").',
    ]);
}

export function raiseObjection(
  state: LedgerState,
  event: EventOf<'objection.raise'>,
  timestampMs: number,
): LedgerState {
  const payout = reviewedPayout(state, event.proposalId);
  if (!event.objectionId.startsWith(`${payout.id}-o`))
    reject('objection_bad_id', `objection "${event.objectionId}" is not named after ${payout.id}`);
  if (state.objections.has(event.objectionId))
    reject('objection_exists', `objection "${event.objectionId}" exists`);
  checkReviewOpen(payout, timestampMs);
  checkHasCred(state, event.by as IdentityId, 'object');
  const line = event.line as IdentityId | null;
  if (line !== null && !payout.proposal.lines.some((l) => l.identityId === line))
    reject('objection_line_not_found', `"${payout.id}" has no line for "${line}"`);
  const by = event.by as IdentityId;
  const record: ObjectionRecord = {
    id: event.objectionId,
    proposalId: payout.id,
    by,
    line,
    reason: event.reason,
    raisedMs: timestampMs,
    votes: ImmutableMap([[by, 'uphold' as const]]),
    status: 'open',
    decision: null,
  };
  return state.set('objections', state.objections.set(record.id, record));
}

function openObjection(state: LedgerState, objectionId: string): ObjectionRecord {
  const objection = state.objections.get(objectionId);
  if (objection === undefined) reject('objection_not_found', `no objection "${objectionId}"`);
  if (objection.status !== 'open')
    reject('objection_decided', `objection "${objectionId}" was decided: ${objection.status}`);
  return objection;
}

export function voteOnObjection(
  state: LedgerState,
  event: EventOf<'objection.vote'>,
  timestampMs: number,
): LedgerState {
  const objection = openObjection(state, event.objectionId);
  checkReviewOpen(reviewedPayout(state, objection.proposalId), timestampMs);
  const voter = liveIdentity(state, event.voter as IdentityId).id;
  const updated = { ...objection, votes: objection.votes.set(voter, event.vote) };
  return state.set('objections', state.objections.set(objection.id, updated));
}

export function decideObjection(
  state: LedgerState,
  event: EventOf<'objection.decide'>,
  timestampMs: number,
): LedgerState {
  const objection = openObjection(state, event.objectionId);
  const payout = reviewedPayout(state, objection.proposalId);
  if (timestampMs < payout.reviewEndsMs)
    reject(
      'review_open',
      `objection "${objection.id}" is decided when the review ends, at ${new Date(payout.reviewEndsMs).toISOString()}`,
    );
  for (const id of [...event.maintainers, ...event.funders]) liveIdentity(state, id as IdentityId);
  const due = tallyObjection(state, objection, {
    maintainers: event.maintainers as IdentityId[],
    funders: event.funders as IdentityId[],
    blockingShare: event.blockingShare,
  });
  const { type: _type, objectionId: _id, ...given } = event;
  if (canonicalJson(due) !== canonicalJson(given))
    reject(
      'decision_mismatch',
      `the votes on "${objection.id}" give ${due.outcome}, not the decision given`,
      [`Expected ${canonicalJson(due)}.`],
    );
  const decided: ObjectionRecord = { ...objection, status: event.outcome, decision: event };
  const objections = state.objections.set(objection.id, decided);
  if (objection.line === null || event.outcome === 'dismissed')
    return state.set('objections', objections);
  const removed = new Set(
    objections
      .filter((o) => o.proposalId === payout.id && o.line !== null)
      .filter((o) => o.status === 'upheld' || o.status === 'blocked')
      .map((o) => o.line as IdentityId)
      .values(),
  );
  const shares = sharesWithout(payout.proposal, removed);
  return patchState(state, {
    objections,
    payouts: state.payouts.set(payout.id, { ...payout, shares: ImmutableMap(shares ?? []) }),
  });
}

/** Refuses to finalize a proposal with open objections, or one an objection blocked. */
export function checkReviewSettled(state: LedgerState, payout: PayoutRecord): void {
  const mine = state.objections.filter((o) => o.proposalId === payout.id);
  const open = mine.find((o) => o.status === 'open');
  if (open !== undefined)
    reject('objections_open', `objection "${open.id}" to "${payout.id}" is not decided`, [
      'Objections are decided when the review period ends ("cred payout --month M").',
    ]);
  const blocking = mine.find((o) => o.line === null && o.status !== 'dismissed');
  if (blocking !== undefined)
    reject('payout_blocked', `objection "${blocking.id}" to the weights was ${blocking.status}`, [
      'Withdraw the proposal and propose again ("cred payout withdraw").',
    ]);
  if (payout.shares.size === 0 && payout.pool > 0n)
    reject('payout_blocked', `every line of "${payout.id}" was removed by objections`, [
      'Withdraw the proposal and propose again ("cred payout withdraw").',
    ]);
}

export function castBudgetVote(state: LedgerState, event: EventOf<'budget.vote'>): LedgerState {
  checkHasCred(state, event.voter as IdentityId, 'vote in the budget box');
  const voter = liveIdentity(state, event.voter as IdentityId).id;
  const seen = new Set<string>();
  for (const { prefer, over } of event.pairs) {
    const key = [prefer, over].sort().join(' ');
    if (prefer === over || seen.has(key))
      reject(
        'budget_bad_ballot',
        `a ballot compares two different items, each pair once: "${prefer}" and "${over}"`,
      );
    seen.add(key);
  }
  const month = state.budgetBallots.get(event.month) ?? ImmutableMap();
  return state.set(
    'budgetBallots',
    state.budgetBallots.set(event.month, month.set(voter, event.pairs)),
  );
}

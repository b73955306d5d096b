/**
 * Review with objections on an instance: `cred payout object` records an objection to a line
 * (or to the weights) of the month's proposal under review, `cred payout vote` a member's vote
 * on it; when the payout job runs after the review period it decides every open objection from
 * the votes (governancePayout.ts) before finalizing, and stops if one blocked the proposal.
 */
import { checkText } from '../../core/textInput.js';
import { PayoutError } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import type { LedgerEvent } from '../../ledger/events.js';
import {
  activePayout,
  type LedgerState,
  type ObjectionRecord,
  type PayoutRecord,
} from '../../ledger/state.js';
import { voteWeights } from '../../ledger/tally.js';
import { findIdentity } from '../../ledger/views.js';
import { governanceSettings, type GovernanceSettings } from './config.js';
import { objectionReport, type ObjectionReport } from './report.js';
import type { Instance, Runtime } from '../instance.js';
import { ledgerStore } from '../ledgerStore.js';
import { monthOf } from '../month.js';
import { writeReport } from '../payout/payout.js';

export interface ObjectionOptions {
  readonly month: string;
  readonly by: string;
  /** The contributor whose line is objected to; absent for an objection to the weights. */
  readonly line?: string;
  readonly reason: string;
}

export interface VoteOptions {
  readonly month: string;
  /** The objection's number within the proposal (1, 2, ...) or its full id. */
  readonly objection: string;
  readonly voter: string;
  readonly vote: 'uphold' | 'dismiss';
}

export interface ReviewActionResult {
  readonly event: LedgerEvent;
  readonly objection: ObjectionReport;
  readonly reviewEnds: string;
}

function reviewedPayout(state: LedgerState, month: string): PayoutRecord {
  const payout = activePayout(state, month);
  if (payout === undefined || payout.status !== 'proposed')
    throw new PayoutError('PAYOUT_NOT_OPEN', `${month} has no proposal under review`, {
      suggestions: ['Objections and votes are taken while a proposal is under review.'],
    });
  return payout;
}

export async function raiseObjection(
  instance: Instance,
  runtime: Runtime,
  options: ObjectionOptions,
): Promise<ReviewActionResult> {
  const month = monthOf(options.month);
  const reason = checkText(options.reason, '--reason');
  let objectionId = '';
  let event: LedgerEvent | undefined;
  const { state } = await ledgerStore(instance, runtime).append((current) => {
    const payout = reviewedPayout(current, month.name);
    const count = current.objections.count((o) => o.proposalId === payout.id);
    objectionId = `${payout.id}-o${count + 1}`;
    const line = options.line === undefined ? null : findIdentity(current, options.line).id;
    event = {
      type: 'objection.raise',
      objectionId,
      proposalId: payout.id,
      by: findIdentity(current, options.by).id,
      line,
      reason,
    };
    return [event];
  });
  return result(instance, runtime, state, objectionId, event as LedgerEvent, month.name);
}

export async function voteOnObjection(
  instance: Instance,
  runtime: Runtime,
  options: VoteOptions,
): Promise<ReviewActionResult> {
  const month = monthOf(options.month);
  const settings = governanceSettings(instance.config);
  let objectionId = '';
  let event: LedgerEvent | undefined;
  const { state } = await ledgerStore(instance, runtime).append((current) => {
    const payout = reviewedPayout(current, month.name);
    objectionId = /^\d+$/.test(options.objection)
      ? `${payout.id}-o${options.objection}`
      : options.objection;
    const voter = findIdentity(current, options.voter).id;
    checkMember(current, settings, voter);
    event = { type: 'objection.vote', objectionId, voter, vote: options.vote };
    return [event];
  });
  return result(instance, runtime, state, objectionId, event as LedgerEvent, month.name);
}

function result(
  instance: Instance,
  runtime: Runtime,
  state: LedgerState,
  objectionId: string,
  event: LedgerEvent,
  month: string,
): ReviewActionResult {
  writeReport(instance, runtime, month);
  const objection = state.objections.get(objectionId) as ObjectionRecord;
  const payout = state.payouts.get(objection.proposalId) as PayoutRecord;
  return {
    event,
    objection: objectionReport(state, objection),
    reviewEnds: new Date(payout.reviewEndsMs).toISOString(),
  };
}

/** Maintainers, funders and contributors (identities with cred) vote; nobody else. */
function checkMember(state: LedgerState, settings: GovernanceSettings, voter: IdentityId): void {
  const declared = [...settings.maintainers, ...settings.funders].map(
    (ref) => findIdentity(state, ref).id,
  );
  if (declared.includes(voter) || (voteWeights(state).get(voter) ?? 0) > 0) return;
  throw new PayoutError(
    'GOVERNANCE_NOT_MEMBER',
    `"${state.identities.get(voter)?.name ?? voter}" is no maintainer, funder or contributor with cred`,
    {
      suggestions: [
        'Maintainers and funders are listed in cred.json (governance.maintainers, governance.funders).',
      ],
    },
  );
}

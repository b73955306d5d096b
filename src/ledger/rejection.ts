/**
 * Rejections: the stable codes a ledger event can be refused with, in the order `apply`
 * checks them (existence, then state, then amounts). They are for user input; our own bugs
 * throw InvariantError instead.
 */
import { LedgerError } from '../core/errors.js';

export const REJECTION_CODES = [
  'identity_not_found',
  'identity_exists',
  'identity_merged',
  'name_taken',
  'alias_taken',
  'alias_not_held',
  'cannot_merge_self',
  'pending_expenses',
  'not_merged',
  'unmerge_conflict',
  'already_active',
  'already_inactive',
  'account_inactive',
  'payout_address_invalid',
  'no_change',
  'distribution_exists',
  'distribution_not_found',
  'expense_exists',
  'expense_not_found',
  'expense_settled',
  'exclusion_not_found',
  'amount_must_be_positive',
  'import_exists',
  'insufficient_balance',
  'payout_exists',
  'payout_open',
  'payout_not_found',
  'payout_not_open',
  'payout_shares_mismatch',
  'payout_payments_mismatch',
  'payout_split_mismatch',
  // governance (handlers/governance.ts)
  'no_cred',
  'review_closed',
  'review_open',
  'objection_bad_id',
  'objection_exists',
  'objection_not_found',
  'objection_line_not_found',
  'objection_decided',
  'decision_mismatch',
  'objections_open',
  'payout_blocked',
  'budget_bad_ballot',
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];

export function reject(
  code: RejectionCode,
  message: string,
  suggestions: readonly string[] = [],
): never {
  throw new LedgerError(code, message, { suggestions });
}

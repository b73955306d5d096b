/**
 * Rejection codes of the KToken events, in the order their handler checks them (existence,
 * then state, then amounts). Kept beside the KToken handler rather than in the shared list so
 * that the token's rules stay in one place; they throw the same LedgerError.
 */
import { LedgerError } from '../../core/errors.js';

export const KTOKEN_REJECTION_CODES = [
  'ktoken_quota_exists',
  'ktoken_quota_missing',
  'ktoken_batch_exists',
  'ktoken_batch_not_found',
  'ktoken_entry_not_found',
  'ktoken_entry_sent',
  'ktoken_attempt_open',
  'ktoken_attempt_not_found',
  'ktoken_tx_exists',
  'ktoken_tx_settled',
  'ktoken_approvers_repeated',
  'ktoken_safe_missing',
  'ktoken_line_invalid',
  'ktoken_entries_mismatch',
  'ktoken_quota_mismatch',
  'ktoken_over_quota',
  'ktoken_amount_must_be_positive',
] as const;

export type KtokenRejectionCode = (typeof KTOKEN_REJECTION_CODES)[number];

export function rejectKtoken(
  code: KtokenRejectionCode,
  message: string,
  suggestions: readonly string[] = [],
): never {
  throw new LedgerError(code, message, { suggestions });
}

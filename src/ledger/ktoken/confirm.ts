/**
 * Confirming transactions sent outside cred (a Safe's multisend, a wallet sending the CSV by
 * hand): each Transfer the token logged in a successful, confirmed transaction is matched to a
 * pending entry with the same recipient and amount, once. What matches nothing is reported,
 * never recorded, so a transfer of the wrong amount stays visible instead of being forgiven.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import type { EventOf } from '../events.js';
import type { ReceiptView, TokenTransfer } from './chain.js';
import { openAttempt, type KtokenBatch, type KtokenEntry } from './records.js';

export interface ConfirmMatch {
  readonly events: EventOf<'ktoken.confirm'>[];
  /** Transfers of the token in these transactions that match no pending entry. */
  readonly unmatched: (TokenTransfer & { readonly hash: string })[];
  /** Transfers already recorded as delivering an entry (a confirmation run twice). */
  readonly alreadyRecorded: number;
}

export function matchTransfers(batch: KtokenBatch, receipts: readonly ReceiptView[]): ConfirmMatch {
  const open = [...batch.entries.values()]
    .filter(
      (entry) => entry.status === 'pending' && openAttempt(batch, entry.identityId) === undefined,
    )
    .sort((a, b) => compareStrings(a.identityId, b.identityId));
  const taken = new Set<KtokenEntry>();
  const events: EventOf<'ktoken.confirm'>[] = [];
  const unmatched: ConfirmMatch['unmatched'] = [];
  let alreadyRecorded = 0;
  for (const receipt of receipts) {
    if (!receipt.success) continue;
    for (const transfer of receipt.transfers) {
      const recorded = recordedBefore(batch, receipt.hash, transfer, taken);
      if (recorded !== undefined) {
        taken.add(recorded);
        alreadyRecorded++;
        continue;
      }
      const entry = open.find(
        (candidate) =>
          !taken.has(candidate) &&
          candidate.address.toLowerCase() === transfer.to.toLowerCase() &&
          candidate.amount === transfer.value,
      );
      if (entry === undefined) {
        unmatched.push({ ...transfer, hash: receipt.hash });
        continue;
      }
      taken.add(entry);
      events.push({
        type: 'ktoken.confirm',
        batchId: batch.id,
        identityId: entry.identityId,
        hash: receipt.hash,
        outcome: 'mined',
        blockNumber: receipt.blockNumber,
      });
    }
  }
  return { events, unmatched, alreadyRecorded };
}

/** The entry this transfer was already recorded as delivering, if not matched in this run. */
function recordedBefore(
  batch: KtokenBatch,
  hash: string,
  transfer: TokenTransfer,
  taken: ReadonlySet<KtokenEntry>,
): KtokenEntry | undefined {
  return batch.entries.find(
    (entry) =>
      !taken.has(entry) &&
      entry.status === 'sent' &&
      entry.hash === hash &&
      entry.address.toLowerCase() === transfer.to.toLowerCase() &&
      entry.amount === transfer.value,
  );
}

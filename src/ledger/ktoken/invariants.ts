/**
 * KToken invariants, checked with the ledger's: no stored token balance is zero or negative;
 * owed + pending + sent, summed over identities, equals what all batches planned; within a
 * batch, pending entries add up to nobody's more than their pending balance, every sent entry
 * names the transaction that delivered it, and a recipient has at most one open attempt.
 */
import { assert } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import type { KtokenLedger } from './records.js';

export function assertKtokenInvariants(ktoken: KtokenLedger): void {
  let total = 0n;
  for (const map of [ktoken.owed, ktoken.pending, ktoken.sent]) {
    for (const [id, amount] of map) {
      assert(amount > 0n, `stored token amount for ${id} must be positive, got ${amount}`);
      total += amount;
    }
  }
  assert(total === ktoken.planned, `token balances ${total} != planned ${ktoken.planned}`);
  const pendingByIdentity = new Map<IdentityId, bigint>();
  for (const batch of ktoken.batches.values()) {
    const open = new Set<IdentityId>();
    for (const attempt of batch.attempts.values()) {
      if (attempt.status !== 'signed') continue;
      assert(
        !open.has(attempt.identityId),
        `${batch.id}: two open attempts to ${attempt.identityId}`,
      );
      open.add(attempt.identityId);
    }
    for (const entry of batch.entries.values()) {
      if (entry.status === 'sent') {
        assert(entry.hash !== null, `${batch.id}: entry ${entry.identityId} sent without a hash`);
        continue;
      }
      const sum = (pendingByIdentity.get(entry.identityId) ?? 0n) + entry.amount;
      pendingByIdentity.set(entry.identityId, sum);
    }
  }
  for (const [id, amount] of pendingByIdentity)
    assert(ktoken.pending.get(id) === amount, `pending tokens of ${id} != its pending entries`);
  assert(
    pendingByIdentity.size === ktoken.pending.size,
    'pending tokens held by an identity without a pending entry',
  );
}

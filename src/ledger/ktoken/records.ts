/**
 * KToken in the ledger state: quotas the committee approved, each month's batch with its
 * entries and transaction attempts, and per identity the tokens owed (earned, not yet in a
 * batch because there was no address), pending (in a batch, not yet confirmed on chain) and
 * sent. Tokens are never money: they have their own balances, and the money invariants do not
 * see them. So at every point: owed + pending + sent, summed over identities, equals what all
 * batches planned.
 */
import { Map as ImmutableMap } from 'immutable';
import type { IdentityId } from '../../core/identity.js';
import type { KtokenBasis, KtokenLineJson } from '../events.js';

export type TokenUnits = bigint;

export interface KtokenQuota {
  readonly cycle: string;
  readonly amount: TokenUnits;
  readonly approvedBy: readonly string[];
  readonly reference: string | null;
  readonly recordedMs: number;
}

export type KtokenMode = 'batch' | 'safe' | 'direct';
export type KtokenMethod = 'transfer' | 'mint';

export interface KtokenEntry {
  readonly identityId: IdentityId;
  /** Checksummed address the tokens go to. */
  readonly address: string;
  readonly amount: TokenUnits;
  readonly status: 'pending' | 'sent';
  /** The transaction that delivered it, once sent. */
  readonly hash: string | null;
  readonly blockNumber: number | null;
}

export type AttemptStatus = 'signed' | 'mined' | 'reverted' | 'dropped';

/** A signed transaction recorded before it was broadcast; `signed` means not yet resolved. */
export interface KtokenAttempt {
  readonly hash: string;
  readonly identityId: IdentityId;
  readonly from: string;
  readonly nonce: number;
  readonly raw: string;
  readonly status: AttemptStatus;
}

export interface KtokenBatch {
  readonly id: string;
  readonly month: string;
  readonly payoutId: string;
  readonly chainId: number;
  readonly token: string;
  readonly decimals: number;
  readonly method: KtokenMethod;
  readonly mode: KtokenMode;
  readonly safe: string | null;
  readonly basis: KtokenBasis;
  readonly plannedMs: number;
  readonly lines: readonly KtokenLineJson[];
  readonly entries: ImmutableMap<IdentityId, KtokenEntry>;
  /** By transaction hash, in the order they were recorded. */
  readonly attempts: ImmutableMap<string, KtokenAttempt>;
}

export interface KtokenLedger {
  readonly quotas: ImmutableMap<string, KtokenQuota>;
  readonly batches: ImmutableMap<string, KtokenBatch>;
  readonly owed: ImmutableMap<IdentityId, TokenUnits>;
  readonly pending: ImmutableMap<IdentityId, TokenUnits>;
  readonly sent: ImmutableMap<IdentityId, TokenUnits>;
  /** Sum of every batch's line amounts. */
  readonly planned: TokenUnits;
}

export const EMPTY_KTOKEN: KtokenLedger = {
  quotas: ImmutableMap(),
  batches: ImmutableMap(),
  owed: ImmutableMap(),
  pending: ImmutableMap(),
  sent: ImmutableMap(),
  planned: 0n,
};

export function batchIdFor(month: string): string {
  return `ktoken-${month}`;
}

/** The attempt still awaiting an outcome for an identity in a batch, if any. */
export function openAttempt(batch: KtokenBatch, id: IdentityId): KtokenAttempt | undefined {
  return batch.attempts.find((attempt) => attempt.identityId === id && attempt.status === 'signed');
}

export function sumTokens(amounts: Iterable<TokenUnits>): TokenUnits {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}

/**
 * Sending a batch directly, exactly once per recipient (docs/decisions/0451). Each transaction
 * is signed, recorded in the ledger (`ktoken.send`, with its raw bytes and nonce), and only
 * then broadcast; once mined (or proven dropped) its outcome is recorded (`ktoken.confirm`).
 * A run first settles the attempts earlier runs left open: a receipt settles one; a nonce the
 * account has since used for another transaction proves it dropped; otherwise the very same
 * signed bytes are broadcast again, which can only land once. Only then are the recipients
 * still owed their tokens sent, in chunks of `chunkSize` transactions.
 */
import { PayoutError } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import type { LedgerEvent } from '../events.js';
import type { LedgerStore } from '../store.js';
import type { KtokenChain, ReceiptView } from './chain.js';
import { openAttempt, type KtokenAttempt, type KtokenBatch, type KtokenEntry } from './records.js';

export interface SubmitOptions {
  readonly chunkSize: number;
  readonly confirmations: number;
  readonly pollIntervalMs: number;
  readonly receiptTimeoutMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly nowMs: () => number;
  /** Progress for a person watching (stderr in the CLI). */
  readonly progress?: (message: string) => void;
}

export interface SentTokens {
  readonly identityId: IdentityId;
  readonly address: string;
  readonly amount: bigint;
  readonly hash: string;
  readonly blockNumber: number;
}

export interface SubmitResult {
  /** Sent by transactions this run signed. */
  readonly sent: readonly SentTokens[];
  /** Sent by transactions an earlier, interrupted run signed, found mined now. */
  readonly recovered: readonly SentTokens[];
  /** Attempts found dropped or reverted (their recipients were sent again). */
  readonly failedAttempts: number;
}

type Outcome = {
  readonly outcome: 'mined' | 'reverted' | 'dropped';
  readonly blockNumber: number | null;
};

function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Mined means: success, and the token logged a Transfer of the amount to the recipient. */
export function outcomeOf(receipt: ReceiptView, entry: KtokenEntry): Outcome {
  const delivered =
    receipt.success &&
    receipt.transfers.some((t) => sameAddress(t.to, entry.address) && t.value === entry.amount);
  return { outcome: delivered ? 'mined' : 'reverted', blockNumber: receipt.blockNumber };
}

function readBatch(store: LedgerStore, batchId: string): KtokenBatch {
  const batch = store.read().state.ktoken.batches.get(batchId);
  if (batch === undefined)
    throw new PayoutError('KTOKEN_BATCH_NOT_FOUND', `no KToken batch "${batchId}" in the ledger`);
  return batch;
}

/**
 * Polls until every attempt is mined with enough confirmations or proven dropped, or until the
 * timeout; returns the outcomes known by then.
 */
async function waitForOutcomes(
  chain: KtokenChain,
  batch: KtokenBatch,
  attempts: readonly KtokenAttempt[],
  options: SubmitOptions,
): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  const deadlineMs = options.nowMs() + options.receiptTimeoutMs;
  for (;;) {
    const latest = await chain.latestBlock();
    for (const attempt of attempts) {
      if (outcomes.has(attempt.hash)) continue;
      const receipt = await chain.receipt(attempt.hash);
      if (receipt !== null) {
        if (latest >= receipt.blockNumber + options.confirmations - 1) {
          const entry = batch.entries.get(attempt.identityId) as KtokenEntry;
          outcomes.set(attempt.hash, outcomeOf(receipt, entry));
        }
      } else if ((await chain.nonce(attempt.from, 'latest')) > attempt.nonce) {
        // Its nonce went to another transaction: this one can never be mined.
        if ((await chain.receipt(attempt.hash)) === null)
          outcomes.set(attempt.hash, { outcome: 'dropped', blockNumber: null });
      }
    }
    if (outcomes.size === attempts.length || options.nowMs() >= deadlineMs) return outcomes;
    await options.sleep(options.pollIntervalMs);
  }
}

async function recordOutcomes(
  store: LedgerStore,
  batch: KtokenBatch,
  attempts: readonly KtokenAttempt[],
  outcomes: ReadonlyMap<string, Outcome>,
): Promise<{ sent: SentTokens[]; failed: number }> {
  const events: LedgerEvent[] = [];
  const sent: SentTokens[] = [];
  let failed = 0;
  for (const attempt of attempts) {
    const result = outcomes.get(attempt.hash);
    if (result === undefined) continue;
    events.push({
      type: 'ktoken.confirm',
      batchId: batch.id,
      identityId: attempt.identityId,
      hash: attempt.hash,
      outcome: result.outcome,
      blockNumber: result.blockNumber,
    });
    const entry = batch.entries.get(attempt.identityId) as KtokenEntry;
    if (result.outcome === 'mined')
      sent.push({ ...entry, hash: attempt.hash, blockNumber: result.blockNumber as number });
    else failed++;
  }
  if (events.length > 0) await store.append(() => events);
  return { sent, failed };
}

function notMined(count: number): PayoutError {
  return new PayoutError(
    'KTOKEN_NOT_MINED',
    `${count} KToken transaction(s) were broadcast but are not mined (or not confirmed) yet`,
    { suggestions: ['Run the same command again later: it confirms them and never sends twice.'] },
  );
}

/** Settles the attempts earlier runs left open; rebroadcasts those that may still land. */
async function settleOpen(
  store: LedgerStore,
  chain: KtokenChain,
  batchId: string,
  options: SubmitOptions,
): Promise<{ sent: SentTokens[]; failed: number }> {
  const batch = readBatch(store, batchId);
  const open = [...batch.attempts.values()].filter((attempt) => attempt.status === 'signed');
  if (open.length === 0) return { sent: [], failed: 0 };
  options.progress?.(`ktoken: settling ${open.length} transaction(s) an earlier run left open`);
  for (const attempt of open) {
    if ((await chain.receipt(attempt.hash)) !== null) continue;
    if ((await chain.nonce(attempt.from, 'latest')) <= attempt.nonce)
      await chain.broadcast(attempt.raw);
  }
  const outcomes = await waitForOutcomes(chain, batch, open, options);
  const recorded = await recordOutcomes(store, batch, open, outcomes);
  if (outcomes.size < open.length) throw notMined(open.length - outcomes.size);
  return recorded;
}

/** Signs, records, broadcasts and confirms one chunk of entries. */
async function sendChunk(
  store: LedgerStore,
  chain: KtokenChain,
  batch: KtokenBatch,
  entries: readonly KtokenEntry[],
  options: SubmitOptions,
): Promise<{ sent: SentTokens[]; failed: number }> {
  const sender = chain.sender as string;
  const firstNonce = await chain.nonce(sender, 'pending');
  const signed = await chain.sign(
    entries.map((entry) => ({ to: entry.address, amount: entry.amount })),
    firstNonce,
  );
  const attempts: KtokenAttempt[] = signed.map((tx, index) => ({
    ...tx,
    identityId: (entries[index] as KtokenEntry).identityId,
    status: 'signed',
  }));
  await store.append(() =>
    attempts.map((attempt) => ({
      type: 'ktoken.send',
      batchId: batch.id,
      identityId: attempt.identityId,
      hash: attempt.hash,
      from: attempt.from,
      nonce: attempt.nonce,
      raw: attempt.raw,
    })),
  );
  let broadcastError: unknown;
  const broadcast: KtokenAttempt[] = [];
  for (const attempt of attempts) {
    try {
      await chain.broadcast(attempt.raw);
      broadcast.push(attempt);
    } catch (error) {
      broadcastError = error;
      break;
    }
  }
  const outcomes = await waitForOutcomes(chain, batch, broadcast, options);
  const recorded = await recordOutcomes(store, batch, broadcast, outcomes);
  if (broadcastError !== undefined) throw broadcastError;
  if (outcomes.size < broadcast.length) throw notMined(broadcast.length - outcomes.size);
  return recorded;
}

export async function submitBatch(
  store: LedgerStore,
  chain: KtokenChain,
  batchId: string,
  options: SubmitOptions,
): Promise<SubmitResult> {
  const settled = await settleOpen(store, chain, batchId, options);
  const batch = readBatch(store, batchId);
  const todo = [...batch.entries.values()].filter(
    (entry) => entry.status === 'pending' && openAttempt(batch, entry.identityId) === undefined,
  );
  const sent: SentTokens[] = [];
  let failed = settled.failed;
  if (todo.length > 0)
    await chain.preflight(todo.map((entry) => ({ to: entry.address, amount: entry.amount })));
  for (let start = 0; start < todo.length; start += options.chunkSize) {
    const end = Math.min(todo.length, start + options.chunkSize);
    options.progress?.(`ktoken: sending transactions ${start + 1}-${end} of ${todo.length}`);
    const chunk = await sendChunk(
      store,
      chain,
      batch,
      todo.slice(start, start + options.chunkSize),
      options,
    );
    sent.push(...chunk.sent);
    failed += chunk.failed;
    if (chunk.failed > 0)
      throw new PayoutError(
        'KTOKEN_TX_FAILED',
        `${chunk.failed} KToken transaction(s) reverted or delivered no Transfer of the amount`,
        {
          suggestions: [
            'Check the token (paused? owner changed?) and run again: failed transfers are retried, delivered ones never repeated.',
          ],
        },
      );
  }
  return { sent, recovered: settled.sent, failedAttempts: failed };
}

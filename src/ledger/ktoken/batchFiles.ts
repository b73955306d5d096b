/**
 * A month's batch as files: the JSON record (`cred/ktoken-batch` 1: every line, every entry
 * with its status and transaction, the tokens kept owed and why) and a CSV of what is still
 * to send, for someone sending by hand from a wallet. Both are derived from the ledger alone,
 * so they can be rewritten at any time and always agree with it.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import type { IdentityId } from '../../core/identity.js';
import type { LedgerState } from '../state.js';
import { checksummedAddress, type KeptReason } from './plan.js';
import { sumTokens, type KtokenBatch, type TokenUnits } from './records.js';
import { formatTokens } from './units.js';

export const KTOKEN_BATCH_FORMAT = { type: 'cred/ktoken-batch', version: 1 } as const;

export interface BatchEntryRow {
  readonly identity: string;
  readonly identityId: string;
  readonly address: string;
  readonly amount: string;
  readonly amountBaseUnits: string;
  readonly status: 'pending' | 'sent';
  readonly hash: string | null;
  readonly blockNumber: number | null;
}

export interface KeptRow {
  readonly identity: string;
  readonly identityId: string;
  readonly amount: string;
  readonly amountBaseUnits: string;
  readonly reason: KeptReason;
}

export interface BatchReport {
  readonly type: 'cred/ktoken-batch';
  readonly version: 1;
  readonly batch: string;
  readonly month: string;
  readonly payout: string;
  readonly chainId: number;
  readonly token: string;
  readonly symbol: string;
  readonly decimals: number;
  readonly method: string;
  readonly mode: string;
  readonly safe: string | null;
  readonly basis: KtokenBatch['basis'];
  readonly totals: { readonly month: string; readonly sent: string; readonly pending: string };
  readonly lines: readonly {
    identity: string;
    identityId: string;
    cred: number;
    amount: string;
    status: string;
    reason?: string;
  }[];
  readonly entries: readonly BatchEntryRow[];
  /** Everyone owed tokens now (this month or earlier) whom no batch could send them to. */
  readonly kept: readonly KeptRow[];
}

const nameOf = (state: LedgerState, id: string) =>
  state.identities.get(id as IdentityId)?.name ?? id;

/** Why an identity's owed tokens could not be sent. */
export function keptReason(state: LedgerState, id: IdentityId): KeptReason {
  const identity = state.identities.get(id);
  if (identity === undefined || !identity.active || identity.mergedInto !== null) return 'inactive';
  if (identity.ethereum === null) return 'no Ethereum address';
  return checksummedAddress(identity.ethereum) === null
    ? 'Ethereum address fails its checksum'
    : 'awaiting the next batch';
}

export function keptRows(state: LedgerState, decimals: number): KeptRow[] {
  return [...state.ktoken.owed]
    .map(([id, amount]) => ({
      identity: nameOf(state, id),
      identityId: id,
      amount: formatTokens(amount, decimals),
      amountBaseUnits: amount.toString(),
      reason: keptReason(state, id),
    }))
    .sort(byName);
}

/** Rows for people are sorted by name (unique in the ledger), as payout reports are. */
function byName(a: { identity: string }, b: { identity: string }): number {
  return compareStrings(a.identity.toLowerCase(), b.identity.toLowerCase());
}

export function batchReport(state: LedgerState, batch: KtokenBatch, symbol: string): BatchReport {
  const tokens = (units: TokenUnits) => formatTokens(units, batch.decimals);
  const entries = [...batch.entries.values()];
  const total = (status: 'pending' | 'sent') =>
    tokens(sumTokens(entries.filter((e) => e.status === status).map((e) => e.amount)));
  return {
    ...KTOKEN_BATCH_FORMAT,
    batch: batch.id,
    month: batch.month,
    payout: batch.payoutId,
    chainId: batch.chainId,
    token: batch.token,
    symbol,
    decimals: batch.decimals,
    method: batch.method,
    mode: batch.mode,
    safe: batch.safe,
    basis: batch.basis,
    totals: {
      month: tokens(sumTokens(batch.lines.map((line) => BigInt(line.amount)))),
      sent: total('sent'),
      pending: total('pending'),
    },
    lines: batch.lines
      .map((line) => ({
        identity: nameOf(state, line.identityId),
        identityId: line.identityId,
        cred: line.cred,
        amount: tokens(BigInt(line.amount)),
        status: line.status,
        ...(line.reason === undefined ? {} : { reason: line.reason }),
      }))
      .sort(byName),
    entries: entries
      .map((entry) => ({
        identity: nameOf(state, entry.identityId),
        identityId: entry.identityId,
        address: entry.address,
        amount: tokens(entry.amount),
        amountBaseUnits: entry.amount.toString(),
        status: entry.status,
        hash: entry.hash,
        blockNumber: entry.blockNumber,
      }))
      .sort(byName),
    kept: keptRows(state, batch.decimals),
  };
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** What is still to send, one row per recipient: name, address, amount, amount in base units. */
export function batchCsv(report: BatchReport): string {
  const rows = report.entries
    .filter((entry) => entry.status === 'pending')
    .map((entry) =>
      [entry.identity, entry.address, entry.amount, entry.amountBaseUnits].map(csvField).join(','),
    );
  return `${['name,address,amount,amount_base_units', ...rows].join('\n')}\n`;
}

/**
 * The other KToken jobs: recording the committee's approval of a cycle's quota (with at least
 * ktoken.quotaApprovals approvers), confirming transactions sent outside cred (the Safe's
 * multisend, a wallet sending the CSV) by reading their receipts, and writing a month's
 * distribution health report.
 */
import { checkText } from '../../core/textInput.js';
import { PayoutError, UsageError } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import type { EventOf } from '../../ledger/events.js';
import type { ReceiptView, TokenTransfer } from '../../ledger/ktoken/chain.js';
import { matchTransfers } from '../../ledger/ktoken/confirm.js';
import type { KtokenHealth } from '../../ledger/ktoken/health.js';
import { batchIdFor } from '../../ledger/ktoken/records.js';
import { formatTokens, parseTokens } from '../../ledger/ktoken/units.js';
import type { Instance, Runtime } from '../instance.js';
import { connectChain, writeAll } from './ktoken.js';
import { ktokenSettings } from './config.js';
import { ledgerStore, readLedgerForViewing } from '../ledgerStore.js';
import { monthOf } from '../payout/payout.js';

export interface QuotaOptions {
  readonly cycle: string;
  /** In tokens ("5000", "12.5"). */
  readonly amount: string;
  readonly approvedBy: readonly string[];
  readonly reference?: string;
}

export async function approveQuota(
  instance: Instance,
  runtime: Runtime,
  options: QuotaOptions,
): Promise<EventOf<'ktoken.quota'>> {
  const cycle = monthOf(options.cycle).name;
  const approvers = [
    ...new Set(options.approvedBy.map((who) => checkText(who, '--approved-by', 100))),
  ];
  const reference =
    options.reference === undefined ? null : checkText(options.reference, '--reference');
  const settings = ktokenSettings(instance.config);
  const amount = parseTokens(options.amount, settings.decimals);
  if (amount === undefined || amount <= 0n)
    throw new UsageError(
      'KTOKEN_BAD_AMOUNT',
      `--amount: "${options.amount}" is not a positive amount of ${settings.symbol} (at most ${settings.decimals} decimals)`,
      { suggestions: ['Give the approved quota in tokens, e.g. --amount 5000.'] },
    );
  if (approvers.length < settings.quotaApprovals)
    throw new PayoutError(
      'KTOKEN_TOO_FEW_APPROVALS',
      `a quota needs ${settings.quotaApprovals} approvers (ktoken.quotaApprovals), got ${approvers.length}`,
      {
        suggestions: [
          'Name each committee member who approved it: --approved-by A --approved-by B.',
        ],
      },
    );
  const event: EventOf<'ktoken.quota'> = {
    type: 'ktoken.quota',
    cycle,
    amount: amount.toString(),
    approvedBy: approvers,
    reference,
  };
  await ledgerStore(instance, runtime).append(() => [event]);
  return event;
}

export interface ConfirmResult {
  readonly month: string;
  readonly confirmed: readonly { identity: string; hash: string; amount: string }[];
  readonly unmatched: readonly (Omit<TokenTransfer, 'value'> & { hash: string; amount: string })[];
  readonly alreadyRecorded: number;
  readonly files: readonly string[];
}

function notConfirmable(hash: string, why: string): PayoutError {
  return new PayoutError('KTOKEN_TX_NOT_CONFIRMED', `transaction ${hash} ${why}`, {
    suggestions: [
      'Check the hash and the chain; run again once it is mined and confirmed. Nothing was recorded.',
    ],
  });
}

export async function confirmTransactions(
  instance: Instance,
  runtime: Runtime,
  options: { readonly month: string; readonly hashes: readonly string[] },
): Promise<ConfirmResult> {
  const month = monthOf(options.month).name;
  const settings = ktokenSettings(instance.config);
  const store = ledgerStore(instance, runtime);
  const batch = store.read().state.ktoken.batches.get(batchIdFor(month));
  if (batch === undefined)
    throw new PayoutError('KTOKEN_BATCH_NOT_FOUND', `no KToken batch for ${month} in the ledger`, {
      suggestions: [`Plan it first: "cred ktoken --month ${month}".`],
    });
  // The batch's own token and chain, whatever cred.json says now.
  const { token, chainId, method } = batch;
  const chain = await connectChain({ ...settings, token, chainId, method }, runtime, false);
  const receipts: ReceiptView[] = [];
  try {
    const latest = await chain.latestBlock();
    for (const hash of options.hashes.map((h) => h.toLowerCase())) {
      if (!/^0x[0-9a-f]{64}$/.test(hash)) throw notConfirmable(hash, 'is not a transaction hash');
      const receipt = await chain.receipt(hash);
      if (receipt === null) throw notConfirmable(hash, 'is not mined (or unknown to the node)');
      if (!receipt.success) throw notConfirmable(hash, 'reverted');
      if (latest < receipt.blockNumber + settings.submit.confirmations - 1)
        throw notConfirmable(hash, `has fewer than ${settings.submit.confirmations} confirmations`);
      receipts.push(receipt);
    }
  } finally {
    chain.close();
  }
  let match = matchTransfers(batch, receipts);
  await store.append((state) => {
    match = matchTransfers(state.ktoken.batches.get(batch.id) ?? batch, receipts);
    return match.events;
  });
  const state = store.read().state;
  const name = (id: string) => state.identities.get(id as IdentityId)?.name ?? id;
  const entry = (id: string) => batch.entries.get(id as IdentityId);
  return {
    month,
    confirmed: match.events.map((e) => ({
      identity: name(e.identityId),
      hash: e.hash,
      amount: formatTokens(entry(e.identityId)?.amount ?? 0n, batch.decimals),
    })),
    alreadyRecorded: match.alreadyRecorded,
    unmatched: match.unmatched.map(({ value, ...rest }) => ({
      ...rest,
      amount: formatTokens(value, batch.decimals),
    })),
    files: writeAll(instance, month, settings, state).files,
  };
}

export function ktokenHealthReport(
  instance: Instance,
  runtime: Runtime,
  monthName: string,
): { health: KtokenHealth; files: readonly string[] } {
  const month = monthOf(monthName).name;
  const settings = ktokenSettings(instance.config);
  const { state } = readLedgerForViewing(instance, runtime);
  const { health, files } = writeAll(instance, month, settings, state);
  return { health, files };
}

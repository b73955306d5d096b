/**
 * `cred ktoken --month M`: turns a finalized month into a KToken distribution. The first run
 * plans the batch (amounts from the month's cred, recipients with their owed tokens) and
 * records it; in mode `direct` it first checks the chain (endpoint, chain id, contract,
 * method, tokens, gas), so a run that cannot send records nothing. Then, by mode: `batch` and
 * `safe` write files for someone else to send (confirmed later with `cred ktoken confirm`),
 * `direct` sends what is still pending, exactly once (ledger/ktoken/submit.ts). Every run
 * rewrites output/ktoken/ from the ledger, health report included. `--dry-run` writes nothing.
 */
import { PayoutError } from '../../core/errors.js';
import { applyEvent } from '../../ledger/apply.js';
import { batchReport, type BatchReport } from '../../ledger/ktoken/batchFiles.js';
import { connectKtokenChain, type KtokenChain } from '../../ledger/ktoken/chain.js';
import { chainErrors, parsePrivateKey } from '../../ledger/ktoken/chainErrors.js';
import type { KtokenHealth } from '../../ledger/ktoken/health.js';
import { planKtoken } from '../../ledger/ktoken/plan.js';
import { batchIdFor, type KtokenBatch } from '../../ledger/ktoken/records.js';
import type { LedgerState } from '../../ledger/state.js';
import { formatTokens } from '../../ledger/ktoken/units.js';
import { submitBatch, type SentTokens } from '../../ledger/ktoken/submit.js';
import type { Instance, Runtime } from '../instance.js';
import { ktokenSettings, type KtokenSettings } from './config.js';
import { writeBatchFiles, writeHealthFiles } from './files.js';
import { ledgerStore } from '../ledgerStore.js';
import { monthOf } from '../payout/payout.js';

export interface KtokenOptions {
  readonly month: string;
  readonly dryRun?: boolean;
}

export interface SentRow {
  readonly identity: string;
  readonly address: string;
  /** In tokens. */
  readonly amount: string;
  readonly hash: string;
  readonly blockNumber: number;
}

export type KtokenAction =
  'planned' | 'continued' | 'complete' | 'awaiting-confirmation' | 'dry-run';

export interface KtokenResult {
  readonly action: KtokenAction;
  readonly month: string;
  readonly mode: KtokenBatch['mode'];
  readonly batch: BatchReport | null;
  /** Sent by this run (mode direct). */
  readonly sent: readonly SentRow[];
  /** Found delivered by transactions an interrupted earlier run had sent. */
  readonly recovered: readonly SentRow[];
  readonly health: KtokenHealth | null;
  readonly files: readonly string[];
}

/** Connects to the chain of `settings` with the key from the environment (if any). */
export function connectChain(settings: KtokenSettings, runtime: Runtime, withKey: boolean) {
  if (settings.rpcUrl === undefined)
    throw new PayoutError('KTOKEN_NO_RPC', 'cred.json has no ktoken.rpcUrl to reach the chain', {
      ref: 'cred.json#ktoken.rpcUrl',
      suggestions: [
        'Add "rpcUrl": "https://..." (a node of the token\'s chain) to the ktoken section.',
      ],
    });
  const key = withKey ? parsePrivateKey(runtime.env.KTOKEN_PRIVATE_KEY) : undefined;
  return connectKtokenChain(
    {
      rpcUrl: settings.rpcUrl,
      chainId: settings.chainId,
      token: settings.token,
      method: settings.method,
      timeoutMs: settings.requestTimeoutMs,
    },
    key,
  );
}

function checkUnchanged(batch: KtokenBatch, settings: KtokenSettings): void {
  const changed = (['token', 'chainId', 'decimals', 'method', 'mode'] as const).filter(
    (field) => String(batch[field]).toLowerCase() !== String(settings[field]).toLowerCase(),
  );
  if (changed.length === 0) return;
  throw new PayoutError(
    'KTOKEN_SETTINGS_CHANGED',
    `the KToken batch for ${batch.month} was planned with other ${changed.map((f) => `ktoken.${f}`).join(', ')} than cred.json has now`,
    {
      suggestions: [
        `A batch is sent as it was planned: put back ${changed.map((f) => `${f} ${String(batch[f])}`).join(', ')} to finish it; new settings apply from the next month.`,
      ],
    },
  );
}

const pendingOf = (batch: KtokenBatch) =>
  [...batch.entries.values()].filter((entry) => entry.status === 'pending');

export async function runKtoken(
  instance: Instance,
  runtime: Runtime,
  options: KtokenOptions,
): Promise<KtokenResult> {
  const month = monthOf(options.month).name;
  const settings = ktokenSettings(instance.config);
  const store = ledgerStore(instance, runtime);
  const state = store.read().state;
  const existing = state.ktoken.batches.get(batchIdFor(month));
  // A batch is sent as planned; once nothing is pending, new settings do not matter to it.
  if (existing !== undefined && pendingOf(existing).length > 0) checkUnchanged(existing, settings);
  const plan = existing === undefined ? planKtoken(state, month, settings) : undefined;
  const transfers = (plan?.event.entries ?? (existing ? pendingOf(existing) : [])).map((e) => ({
    to: e.address,
    amount: BigInt(e.amount),
  }));
  const direct = settings.mode === 'direct' && transfers.length > 0;
  let chain: KtokenChain | undefined;
  try {
    if (direct) chain = await connectChain(settings, runtime, true);
    if (chain?.sender === null && options.dryRun !== true) throw chainErrors.keyMissing();
    if (chain !== undefined && plan !== undefined) await chain.preflight(transfers);
    if (options.dryRun === true) {
      const preview = plan === undefined ? state : applyEvent(state, plan.event, runtime.nowMs());
      const batch = preview.ktoken.batches.get(batchIdFor(month)) as KtokenBatch;
      return result('dry-run', month, settings, batchReport(preview, batch, settings.symbol));
    }
    if (plan !== undefined)
      await store.append((fresh) =>
        fresh.ktoken.batches.has(batchIdFor(month))
          ? []
          : [planKtoken(fresh, month, settings).event],
      );
    const submitted =
      chain === undefined
        ? { sent: [], recovered: [] }
        : await submitBatch(store, chain, batchIdFor(month), {
            ...settings.submit,
            sleep: runtime.sleep,
            nowMs: runtime.nowMs,
            progress: (message) => runtime.reporter.progress(message),
          });
    const action: KtokenAction =
      plan !== undefined
        ? 'planned'
        : direct
          ? 'continued'
          : transfers.length === 0
            ? 'complete'
            : 'awaiting-confirmation';
    const after = store.read().state;
    const written = writeAll(instance, month, settings, after);
    const rows = (list: readonly SentTokens[]) =>
      list.map((sent) => sentRow(after, settings, sent));
    return {
      ...result(action, month, settings, null),
      ...written,
      sent: rows(submitted.sent),
      recovered: rows(submitted.recovered),
    };
  } catch (error) {
    if (options.dryRun !== true) writeIfPlanned(instance, runtime, month, settings);
    throw error;
  } finally {
    chain?.close();
  }
}

function result(
  action: KtokenAction,
  month: string,
  settings: KtokenSettings,
  batch: BatchReport | null,
): KtokenResult {
  return {
    action,
    month,
    mode: settings.mode,
    batch,
    sent: [],
    recovered: [],
    files: [],
    health: null,
  };
}

function sentRow(state: LedgerState, settings: KtokenSettings, sent: SentTokens): SentRow {
  return {
    identity: state.identities.get(sent.identityId)?.name ?? sent.identityId,
    address: sent.address,
    amount: formatTokens(sent.amount, settings.decimals),
    hash: sent.hash,
    blockNumber: sent.blockNumber,
  };
}

/** After a failure, the files still show what was recorded (if the batch exists at all). */
function writeIfPlanned(
  instance: Instance,
  runtime: Runtime,
  month: string,
  settings: KtokenSettings,
) {
  try {
    if (ledgerStore(instance, runtime).read().state.ktoken.batches.has(batchIdFor(month)))
      writeAll(instance, month, settings, ledgerStore(instance, runtime).read().state);
  } catch {
    // The failure that brought us here is the one to report.
  }
}

/** Rewrites every output file of `month` from the ledger state `state`. */
export function writeAll(
  instance: Instance,
  month: string,
  settings: KtokenSettings,
  state: LedgerState,
) {
  const written = writeBatchFiles(instance, state, month, settings);
  const health = writeHealthFiles(instance, state, month, settings);
  return {
    batch: written.report,
    health: health.health,
    files: [...written.files, ...health.files],
  };
}

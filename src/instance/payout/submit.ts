/**
 * `cred payout submit --month M`: files one Open Collective expense per payment of the month's
 * final payout, and records each in the ledger (`expense.file`, with Open Collective's id) right
 * after it is created. Open Collective has no idempotency key, so before creating anything the
 * run lists the expenses already tagged with the run and records any it finds instead of
 * creating them again; after a failure that leaves it unknown whether an expense was created
 * (a timeout, a dropped connection, a 5xx), it looks the reference up before trying again. A
 * crash between creating and recording is repaired the same way by the next run. Under
 * `--dry-run` it reads Open Collective but sends no mutation and writes nothing; it returns the
 * mutations it would send, emails masked.
 */
import path from 'node:path';
import { LedgerError, PayoutError } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import { listExpenses, readViewer } from '../../ledger/opencollective/api.js';
import type { OpenCollectiveClient } from '../../ledger/opencollective/client.js';
import { maskEmails } from '../../ledger/opencollective/errors.js';
import { runTag } from '../../ledger/opencollective/expenseInput.js';
import { paymentsDue } from '../../ledger/handlers/payouts.js';
import { withFileLock } from '../../ledger/lock.js';
import { activePayout, amountOf, type LedgerState, type PayoutRecord } from '../../ledger/state.js';
import type { Instance, Runtime } from '../instance.js';
import { ledgerStore } from '../ledgerStore.js';
import {
  checkCurrency,
  openCollectiveClient,
  openCollectiveSettings,
  type ClientOverrides,
} from './openCollective.js';
import { readPayees } from './payees.js';
import { Filer, type SentOperation, type SubmitLine } from './filer.js';
import { monthOf, reportFiles, runPayout, writeReport } from './payout.js';
import { planPayments } from './submitPlan.js';

export type { SentOperation, SubmitLine, SubmitOutcome } from './filer.js';
export { MASKED_EMAIL } from './filer.js';

export interface SubmitOptions {
  readonly month: string;
  readonly dryRun?: boolean;
  readonly overrides?: ClientOverrides;
}

export interface SubmitResult {
  readonly month: string;
  readonly proposalId: string;
  readonly currency: string;
  readonly dryRun: boolean;
  readonly lines: readonly SubmitLine[];
  /** Under --dry-run: exactly the mutations a real run would send (emails masked). */
  readonly operations: readonly SentOperation[];
  /** Requests made to Open Collective, and the waits asked for to stay within its limits. */
  readonly requests: number;
  readonly waitsMs: readonly number[];
  readonly files: readonly string[];
}

export async function submitPayout(
  instance: Instance,
  runtime: Runtime,
  options: SubmitOptions,
): Promise<SubmitResult> {
  const month = monthOf(options.month);
  openCollectiveSettings(instance);
  const client = openCollectiveClient(instance, runtime, {
    requireToken: true,
    overrides: options.overrides,
  });
  if (options.dryRun === true) return submitLocked(instance, runtime, client, month.name, true);
  try {
    return await withFileLock(
      path.join(instance.paths.data, 'payout-submit'),
      () => submitLocked(instance, runtime, client, month.name, false),
      { timeoutMs: 0 },
    );
  } catch (error) {
    if (!(error instanceof LedgerError && error.code === 'ledger_locked')) throw error;
    throw new PayoutError(
      'PAYOUT_SUBMIT_RUNNING',
      'another "cred payout submit" is running for this instance (data/payout-submit.lock)',
      { suggestions: ['Let it finish; if no cred process runs, remove data/payout-submit.lock.'] },
    );
  }
}

async function submitLocked(
  instance: Instance,
  runtime: Runtime,
  client: OpenCollectiveClient,
  month: string,
  dryRun: boolean,
): Promise<SubmitResult> {
  const settings = openCollectiveSettings(instance);
  const { state, payout } = await finalPayout(instance, runtime, month, dryRun);
  const final = payout.status === 'final';
  const payments = final ? new Map(payout.payments) : paymentsDue(state, payout);
  const owed = (id: IdentityId) =>
    amountOf(state.owed, id) + (final ? 0n : amountOf(payout.shares, id));
  const payees = readPayees(instance, state);
  if (payees.unknownKeys.length > 0) {
    runtime.reporter.warn(
      `payees.json: ${payees.unknownKeys.map(maskEmails).join(', ')} name(s) no identity; ignored`,
    );
  }
  const { viewer, collective } = await readViewer(client, settings.collective);
  checkCurrency(instance, collective.currency, `collective ${collective.slug}`);
  const planned = planPayments({
    state,
    payout,
    payments,
    owed,
    settings,
    community: instance.config.name,
    viewer,
    payees,
    ledgerHead: ledgerStore(instance, runtime).read().finalHeads.get(payout.id) ?? null,
  });
  const toFile = planned.filter((p) => p.existing === undefined && p.route.kind !== 'skip');
  const found =
    toFile.length === 0
      ? []
      : await listExpenses(client, collective.slug, { tag: runTag(payout.id) });
  const filer = new Filer(instance, runtime, client, payout, collective.slug, dryRun);
  const lines: SubmitLine[] = [];
  for (const payment of planned) {
    lines.push(await filer.handle(payment, found));
  }
  if (!dryRun) writeReport(instance, runtime, month);
  return {
    month,
    proposalId: payout.id,
    currency: payout.currency,
    dryRun,
    lines,
    operations: filer.operations,
    requests: client.pacer.requestCount,
    waitsMs: [...client.pacer.waits],
    files: dryRun ? [] : reportFiles(instance, month),
  };
}

/** The month's payout, finalized first when its review period is over. */
async function finalPayout(
  instance: Instance,
  runtime: Runtime,
  month: string,
  dryRun: boolean,
): Promise<{ state: LedgerState; payout: PayoutRecord }> {
  const store = ledgerStore(instance, runtime);
  let state = store.read().state;
  let payout = activePayout(state, month);
  if (payout === undefined) {
    throw new PayoutError('PAYOUT_NOT_FOUND', `no payout for ${month} in the ledger`, {
      suggestions: [`Propose one: "cred payout --month ${month} --revenue ...".`],
    });
  }
  if (payout.status === 'proposed') {
    if (runtime.nowMs() < payout.reviewEndsMs) {
      throw new PayoutError(
        'PAYOUT_UNDER_REVIEW',
        `${month}'s payout is under review until ${new Date(payout.reviewEndsMs).toISOString()}`,
        {
          suggestions: [
            `Wait for the review to end, or finalize now: "cred payout --month ${month} --finalize".`,
          ],
        },
      );
    }
    if (!dryRun) {
      await runPayout(instance, runtime, { month });
      state = store.read().state;
      payout = activePayout(state, month) as PayoutRecord;
    }
  }
  return { state, payout };
}

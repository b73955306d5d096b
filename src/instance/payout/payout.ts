/**
 * `cred payout --month M`: the monthly procedure. Records new accounts, makes sure the scores
 * are current, plans the month under the ledger lock (so the plan sees the latest balances),
 * records the weekly cred it used and the proposal, and writes the public report. Run again
 * after the review period (or with `--finalize`), it finalizes the proposal: shares become owed
 * and payments are fixed. Nothing is written under `--dry-run`.
 */
import path from 'node:path';
import { PayoutError } from '../../core/errors.js';
import { DAY_MS, type MonthRange } from '../../core/weeks.js';
import { monthOf } from '../month.js';
import type { LedgerEvent } from '../../ledger/events.js';
import { paymentsDue } from '../../ledger/handlers/payouts.js';
import { planPayout, type PayoutPlan } from '../../ledger/payout/plan.js';
import { activePayout, type LedgerState, type PayoutRecord } from '../../ledger/state.js';
import { canonicalJsonFile } from '../../core/canonicalJson.js';
import { writeFileAtomic } from '../files.js';
import { freshScores } from '../score/freshScores.js';
import { governanceSettings } from '../governance/config.js';
import {
  blockedReason,
  decisionEvents,
  lineDomainsJson,
  splitJson,
  splitPlanner,
} from '../governance/payout.js';
import { gatherIdentityProposals } from '../graphs.js';
import type { Instance, Runtime } from '../instance.js';
import { ledgerStore } from '../ledgerStore.js';
import { applyEvent } from '../../ledger/apply.js';
import { proposalEvents } from '../../ledger/proposals.js';
import { payoutInput, weeklyCredEvent } from './input.js';
import { payoutMarkdown } from './markdown.js';
import { payoutReport, type PayoutReport } from './report.js';
import { payoutSettings } from './config.js';
import { refuseChangedRatio, refuseChangedRevenue, resolveRevenue } from './revenue.js';
import type { ScoresFile } from '../score/credOutput.js';

export { monthOf };

export interface PayoutOptions {
  readonly month: string;
  readonly revenue?: string;
  readonly ratio?: string;
  readonly finalize?: boolean;
  readonly dryRun?: boolean;
}

export type PayoutAction =
  | 'proposed'
  | 'finalized'
  | 'proposed-and-finalized'
  | 'under-review'
  | 'already-final'
  | 'blocked'
  | 'dry-run';

export interface PayoutResult {
  readonly action: PayoutAction;
  readonly report: PayoutReport | null;
  readonly plan: PayoutPlan | null;
  readonly files: readonly string[];
  /** Why the proposal cannot be finalized (action "blocked"): an upheld objection. */
  readonly blocked?: string;
}

export async function runPayout(
  instance: Instance,
  runtime: Runtime,
  options: PayoutOptions,
): Promise<PayoutResult> {
  const month = monthOf(options.month);
  const settings = payoutSettings(instance.config);
  const store = ledgerStore(instance, runtime);
  const existing = activePayout(store.read().state, month.name);
  if (existing !== undefined) {
    refuseChangedRevenue(existing, options.revenue, instance.config.currency);
    refuseChangedRatio(existing, options.ratio);
  }
  if (existing?.status === 'final')
    return reported(instance, runtime, 'already-final', month, null);
  if (existing !== undefined)
    return finalizeIfDue(instance, runtime, month, options.finalize === true);
  refuseUnfinishedMonth(month, runtime.nowMs());
  const revenue = await resolveRevenue(instance, runtime, options.revenue, month);
  const proposals = await gatherIdentityProposals(instance, runtime);
  const { scores } = await freshScores(instance, runtime);
  const planSplit = await splitPlanner(instance, runtime, scores);
  const parameters = {
    month,
    revenue,
    ratio: options.ratio ?? settings.ratio,
    settings,
    currency: instance.config.currency,
  };
  // New accounts become identities in the same append as the proposal, so a plan that fails
  // leaves the ledger as it was.
  const prepare = (state: LedgerState) => {
    const creations = proposalEvents(state, proposals);
    const withIdentities = creations.reduce(
      (next, event) => applyEvent(next, event, runtime.nowMs()),
      state,
    );
    const plan = planPayout(
      payoutInput(withIdentities, scores, {
        ...parameters,
        split: planSplit(withIdentities, month.name),
      }),
    );
    return { creations, withIdentities, plan };
  };
  if (options.dryRun === true)
    return { action: 'dry-run', report: null, plan: prepare(store.read().state).plan, files: [] };
  let plan: PayoutPlan | undefined;
  await store.append((state) => {
    const prepared = prepare(state);
    plan = prepared.plan;
    const reviewEndsMs = runtime.nowMs() + settings.reviewDays * DAY_MS;
    return [
      ...prepared.creations,
      ...weeklyCredEvent(prepared.withIdentities, scores, runtime.nowMs()),
      proposeEvent(prepared.withIdentities, prepared.plan, scores, reviewEndsMs),
    ];
  });
  if (options.finalize === true || settings.reviewDays === 0) {
    const finalized = await finalizeIfDue(instance, runtime, month, true);
    return { ...finalized, action: 'proposed-and-finalized', plan: plan ?? null };
  }
  return reported(instance, runtime, 'proposed', month, plan ?? null);
}

function reported(
  instance: Instance,
  runtime: Runtime,
  action: PayoutAction,
  month: MonthRange,
  plan: PayoutPlan | null,
): PayoutResult {
  return {
    action,
    report: writeReport(instance, runtime, month.name),
    plan,
    files: reportFiles(instance, month.name),
  };
}

function refuseUnfinishedMonth(month: MonthRange, nowMs: number): void {
  if (month.endMs <= nowMs) return;
  throw new PayoutError(
    'PAYOUT_MONTH_NOT_OVER',
    `${month.name} is not over yet: its cred is still changing`,
    {
      suggestions: [
        `Propose it once the month has ended (after ${new Date(month.endMs).toISOString().slice(0, 10)}).`,
      ],
    },
  );
}

async function finalizeIfDue(
  instance: Instance,
  runtime: Runtime,
  month: MonthRange,
  force: boolean,
): Promise<PayoutResult> {
  let finalized = false;
  let blocked: string | null = null;
  const governance = governanceSettings(instance.config);
  await ledgerStore(instance, runtime).append((state) => {
    const payout = activePayout(state, month.name);
    if (payout === undefined || payout.status !== 'proposed') return [];
    const reviewOver = runtime.nowMs() >= payout.reviewEndsMs;
    if (!force && !reviewOver) return [];
    if (!reviewOver) checkNoOpenObjections(state, payout);
    const decided = decisionEvents(state, payout, governance, runtime.nowMs());
    blocked = blockedReason(decided.state, payout);
    if (blocked !== null) return decided.events;
    finalized = true;
    const due = paymentsDue(decided.state, decided.state.payouts.get(payout.id) ?? payout);
    const payments = Object.fromEntries([...due].map(([id, amount]) => [id, amount.toString()]));
    return [...decided.events, { type: 'payout.finalize', proposalId: payout.id, payments }];
  });
  return {
    action: finalized ? 'finalized' : blocked !== null ? 'blocked' : 'under-review',
    report: writeReport(instance, runtime, month.name),
    plan: null,
    files: reportFiles(instance, month.name),
    ...(blocked === null ? {} : { blocked }),
  };
}

/** Finalizing early (--finalize) is refused while objections wait for the review's end. */
function checkNoOpenObjections(state: LedgerState, payout: PayoutRecord): void {
  const open = state.objections.filter((o) => o.proposalId === payout.id && o.status === 'open');
  if (open.size === 0) return;
  throw new PayoutError(
    'PAYOUT_OBJECTIONS_OPEN',
    `${payout.month} has ${open.size} open objection(s); they are decided when the review ends, at ${new Date(payout.reviewEndsMs).toISOString()}`,
    { suggestions: [`Run "cred payout --month ${payout.month}" again after that.`] },
  );
}

function proposeEvent(
  state: LedgerState,
  plan: PayoutPlan,
  scores: ScoresFile,
  reviewEndsMs: number,
): LedgerEvent {
  const count = state.payouts.count((payout) => payout.month === plan.month);
  return {
    type: 'payout.propose',
    proposalId: `payout-${plan.month}-${count + 1}`,
    month: plan.month,
    currency: plan.currency,
    revenue: plan.revenue.toString(),
    ratio: plan.ratio,
    pool: plan.pool.toString(),
    minimum: plan.minimum.toString(),
    policy: plan.policy,
    algorithm: scores.algorithm,
    graphDigest: scores.inputs.graphDigest,
    weightsDigest: scores.inputs.weightsDigest,
    reviewEndsMs,
    ...splitJson(plan),
    lines: plan.lines.map((line) => ({
      identityId: line.identityId,
      cred: line.cred,
      share: line.share.toString(),
      owedBefore: line.owedBefore.toString(),
      payment: line.payment.toString(),
      status: line.status,
      ...(line.reason === undefined ? {} : { reason: line.reason }),
      ...lineDomainsJson(line),
    })),
  };
}

export function reportFiles(instance: Instance, month: string): string[] {
  return ['json', 'md'].map((extension) =>
    path.join(instance.paths.payouts, `${month}.${extension}`),
  );
}

/** Writes the month's report (JSON and Markdown) from the ledger; returns it. */
export function writeReport(instance: Instance, runtime: Runtime, month: string): PayoutReport {
  const ledger = ledgerStore(instance, runtime).read();
  const payout =
    activePayout(ledger.state, month) ??
    ledger.state.payouts.filter((p) => p.month === month).last();
  if (payout === undefined)
    throw new PayoutError('PAYOUT_NOT_FOUND', `no payout for ${month} in the ledger`, {
      suggestions: [`Propose one: "cred payout --month ${month} --revenue ...".`],
    });
  const report = payoutReport(ledger, payout);
  const [json, markdown] = reportFiles(instance, month) as [string, string];
  writeFileAtomic(json, canonicalJsonFile(report));
  writeFileAtomic(markdown, `${payoutMarkdown(report)}\n`);
  return report;
}

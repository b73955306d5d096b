/**
 * What the payout job asks of governance: the domain split to plan a month with (fixed shares
 * or the budget box's split, and each domain's weekly cred), and, once the review period is
 * over, the decisions of the open objections and whether they blocked the proposal. The groups
 * are those of cred.json at the decision, written into it.
 */
import { applyEvent } from '../../ledger/apply.js';
import type { EventOf, PayoutLineJson } from '../../ledger/events.js';
import type { PayoutLine, PayoutPlan } from '../../ledger/payout/plan.js';
import type { DomainSplitInput } from '../../ledger/payout/domainSplit.js';
import type { LedgerState, PayoutRecord } from '../../ledger/state.js';
import { tallyObjection } from '../../ledger/tally.js';
import { findIdentity } from '../../ledger/views.js';
import type { ScoresFile } from '../score/credOutput.js';
import { budgetView } from './budget.js';
import { governanceSettings, type GovernanceSettings } from './config.js';
import { splitWeeklyCred } from './domains.js';
import type { Instance, Runtime } from '../instance.js';

/** The proposal's record of a domain split (payout.propose `split`), if the plan has one. */
export function splitJson(plan: PayoutPlan): { split?: EventOf<'payout.propose'>['split'] } {
  if (plan.split === undefined) return {};
  const domains = Object.fromEntries(
    plan.split.domains.map((d) => [d.id, { weight: d.weight, amount: d.amount.toString() }]),
  );
  return { split: { type: plan.split.type, domains } };
}

/** A line's cred and share per domain, as the proposal records them. */
export function lineDomainsJson(line: PayoutLine): { domains?: PayoutLineJson['domains'] } {
  if (line.domains === undefined) return {};
  return {
    domains: Object.fromEntries(
      line.domains.map((d) => [d.domain, { cred: d.cred, share: d.share.toString() }]),
    ),
  };
}

export type SplitPlanner = (state: LedgerState, month: string) => DomainSplitInput | undefined;

/** How to split a month among domains given the ledger state; undefined without a split. */
export async function splitPlanner(
  instance: Instance,
  runtime: Runtime,
  scores: ScoresFile,
): Promise<SplitPlanner> {
  const settings = governanceSettings(instance.config);
  const split = settings.split;
  const weeklyFor = await splitWeeklyCred(instance, runtime, scores);
  if (split === undefined || weeklyFor === undefined) return () => undefined;
  return (state, month) => ({
    type: split.type,
    domains:
      split.type === 'fixed'
        ? Object.entries(split.shares).map(([id, weight]) => ({ id, weight }))
        : budgetView(state, settings, month).items.map(({ id, share }) => ({ id, weight: share })),
    weeklyByDomain: weeklyFor(state),
  });
}

/** The declared groups as identity ids, resolved against the ledger. */
function declaredGroups(state: LedgerState, settings: GovernanceSettings) {
  const resolve = (refs: readonly string[]) => refs.map((ref) => findIdentity(state, ref).id);
  return {
    maintainers: resolve(settings.maintainers),
    funders: resolve(settings.funders),
    blockingShare: settings.blockingShare,
  };
}

/**
 * The decisions of `payout`'s open objections, and the state once they are applied (to plan
 * the finalization on). Each is derived from the votes, as the ledger will check.
 */
export function decisionEvents(
  state: LedgerState,
  payout: PayoutRecord,
  settings: GovernanceSettings,
  timestampMs: number,
): { events: EventOf<'objection.decide'>[]; state: LedgerState } {
  const open = [...state.objections.values()].filter(
    (o) => o.proposalId === payout.id && o.status === 'open',
  );
  if (open.length === 0) return { events: [], state };
  const groups = declaredGroups(state, settings);
  const events: EventOf<'objection.decide'>[] = [];
  let current = state;
  for (const objection of open) {
    const event: EventOf<'objection.decide'> = {
      type: 'objection.decide',
      objectionId: objection.id,
      ...tallyObjection(current, objection, groups),
    };
    current = applyEvent(current, event, timestampMs);
    events.push(event);
  }
  return { events, state: current };
}

/** Why a proposal cannot be finalized after its objections were decided, or null. */
export function blockedReason(state: LedgerState, payout: PayoutRecord): string | null {
  const mine = [...state.objections.values()].filter((o) => o.proposalId === payout.id);
  const weights = mine.find((o) => o.line === null && o.status !== 'dismissed');
  if (weights !== undefined)
    return `the objection to the weights (${weights.id}) was ${weights.status}`;
  const current = state.payouts.get(payout.id);
  if (current !== undefined && current.shares.size === 0 && current.pool > 0n)
    return 'objections removed every line';
  return null;
}

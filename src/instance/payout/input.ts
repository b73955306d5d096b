/**
 * From ledger state and scores to a payout plan's input, and the weekly cred to record with
 * a proposal: only completed weeks, only values that changed since the ledger last recorded
 * them, so the ledger holds every week's cred a payout used without repeating itself.
 */
import type { IdentityId } from '../../core/identity.js';
import { WEEK_MS, type MonthRange } from '../../core/weeks.js';
import type { LedgerEvent } from '../../ledger/events.js';
import type { DomainSplitInput } from '../../ledger/payout/domainSplit.js';
import type { WeeklyCred } from '../../ledger/payout/monthlyCred.js';
import type { PayoutInput } from '../../ledger/payout/plan.js';
import type { LedgerState } from '../../ledger/state.js';
import type { ScoresFile } from '../score/credOutput.js';
import type { PayoutSettings } from './config.js';

export interface PayoutParameters {
  readonly month: MonthRange;
  readonly revenue: bigint;
  readonly ratio: string;
  readonly currency: string;
  readonly settings: PayoutSettings;
  /** Split among domains first (governance.split); by cred alone when absent. */
  readonly split?: DomainSplitInput | undefined;
}

export function weeklyFromScores(scores: ScoresFile, state: LedgerState): WeeklyCred {
  const byIdentity = new Map<IdentityId, readonly number[]>();
  for (const row of scores.identities) {
    const identity = state.identities.get(row.id as IdentityId);
    if (identity !== undefined && identity.mergedInto === null)
      byIdentity.set(identity.id, row.cred);
  }
  return { weekStartsMs: scores.weeks.map((week) => Date.parse(`${week}T00:00:00Z`)), byIdentity };
}

export function payoutInput(
  state: LedgerState,
  scores: ScoresFile,
  parameters: PayoutParameters,
): PayoutInput {
  const { month } = parameters;
  const identities = [...state.identities.values()]
    .filter((identity) => identity.mergedInto === null)
    .map(({ id, name, kind, active }) => ({ id, name, kind, active }));
  return {
    month,
    currency: parameters.currency,
    revenue: parameters.revenue,
    ratio: parameters.ratio,
    minimum: parameters.settings.minimum,
    policy: parameters.settings.policy,
    weekly: weeklyFromScores(scores, state),
    identities,
    exclusions: new Map(state.exclusions.get(month.name) ?? []),
    owed: new Map(state.owed),
    ...(parameters.split === undefined ? {} : { split: parameters.split }),
    earnedBefore: (fromMs) => {
      const earned = new Map<IdentityId, bigint>();
      for (const distribution of state.distributions.values()) {
        const startMs = Date.parse(`${distribution.month}-01T00:00:00Z`);
        if (startMs >= month.startMs || startMs < fromMs) continue;
        for (const [id, amount] of distribution.amounts)
          earned.set(id, (earned.get(id) ?? 0n) + amount);
      }
      return earned;
    },
  };
}

/** A `cred.weeks` event with the completed weeks' values that differ from the ledger's. */
export function weeklyCredEvent(
  state: LedgerState,
  scores: ScoresFile,
  nowMs: number,
): LedgerEvent[] {
  const weeks: Record<string, Record<string, number>> = {};
  scores.weeks.forEach((week, index) => {
    if (Date.parse(`${week}T00:00:00Z`) + WEEK_MS > nowMs) return;
    const recorded = state.weeklyCred.get(week);
    for (const row of scores.identities) {
      const identity = state.identities.get(row.id as IdentityId);
      if (identity === undefined || identity.mergedInto !== null) continue;
      const value = row.cred[index] ?? 0;
      const before = recorded?.get(identity.id);
      if (value === before || (value === 0 && before === undefined)) continue;
      (weeks[week] ??= {})[identity.id] = value;
    }
  });
  if (Object.keys(weeks).length === 0) return [];
  return [
    {
      type: 'cred.weeks',
      algorithm: scores.algorithm,
      graphDigest: scores.inputs.graphDigest,
      weightsDigest: scores.inputs.weightsDigest,
      weeks,
    },
  ];
}

/**
 * The payout side of a what-if: for one month and revenue, each identity's share and payment
 * with the old weights and with the new ones. Both plans use the ledger as it is (what each
 * identity is owed, exclusions, the policy in cred.json) and the same planning as
 * `cred payout`, so the only difference between the two sides is the weights.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import type { IdentityId } from '../../core/identity.js';
import { planPayout, type PayoutPlan } from '../../ledger/payout/plan.js';
import type { ScoresFile } from '../score/credOutput.js';
import type { Instance, Runtime } from '../instance.js';
import { readLedgerForViewing } from '../ledgerStore.js';
import { monthOf } from '../payout/payout.js';
import { payoutSettings } from '../payout/config.js';
import { payoutInput } from '../payout/input.js';
import { resolveRevenue } from '../payout/revenue.js';

/** Payout amounts before and after a weight change for one month, in minor units. */
export interface PayoutComparison {
  readonly month: string;
  readonly currency: string;
  readonly revenueMinorUnits: string;
  readonly poolMinorUnits: string;
  /** Identities with a share or payment on either side, largest change of share first. */
  readonly amounts: readonly {
    readonly id: string;
    readonly name: string;
    readonly shareBeforeMinorUnits: string;
    readonly shareAfterMinorUnits: string;
    /** Payment this month (owed + share when that reaches the minimum, else 0). */
    readonly beforeMinorUnits: string;
    readonly afterMinorUnits: string;
  }[];
}

export interface PayoutWhatIf {
  readonly month: string;
  /** As `cred payout --revenue`: an amount, or "opencollective". */
  readonly revenue: string;
}

export async function comparePayouts(
  instance: Instance,
  runtime: Runtime,
  scores: { readonly before: ScoresFile; readonly after: ScoresFile },
  whatIf: PayoutWhatIf,
): Promise<PayoutComparison> {
  const month = monthOf(whatIf.month);
  const settings = payoutSettings(instance.config);
  const revenue = await resolveRevenue(instance, runtime, whatIf.revenue, month);
  const state = readLedgerForViewing(instance, runtime).state;
  const parameters = {
    month,
    revenue,
    ratio: settings.ratio,
    settings,
    currency: instance.config.currency,
  };
  const before = planPayout(payoutInput(state, scores.before, parameters));
  const after = planPayout(payoutInput(state, scores.after, parameters));
  return {
    month: month.name,
    currency: instance.config.currency,
    revenueMinorUnits: revenue.toString(),
    poolMinorUnits: after.pool.toString(),
    amounts: compareLines(before, after),
  };
}

function compareLines(before: PayoutPlan, after: PayoutPlan): PayoutComparison['amounts'] {
  const old = new Map(before.lines.map((line) => [line.identityId, line]));
  const now = new Map(after.lines.map((line) => [line.identityId, line]));
  const ids = [...new Set<IdentityId>([...old.keys(), ...now.keys()])];
  const rows = ids.map((id) => {
    const a = old.get(id);
    const b = now.get(id);
    return {
      id,
      name: (b ?? a)?.name ?? id,
      shareBefore: a?.share ?? 0n,
      shareAfter: b?.share ?? 0n,
      paidBefore: a?.payment ?? 0n,
      paidAfter: b?.payment ?? 0n,
    };
  });
  const change = (row: (typeof rows)[number]) => {
    const delta = row.shareAfter - row.shareBefore;
    return delta < 0n ? -delta : delta;
  };
  return rows
    .filter((row) => row.shareBefore + row.shareAfter + row.paidBefore + row.paidAfter > 0n)
    .sort((a, b) => {
      const order = change(b) - change(a);
      return order > 0n ? 1 : order < 0n ? -1 : compareStrings(a.id, b.id);
    })
    .map((row) => ({
      id: row.id,
      name: row.name,
      shareBeforeMinorUnits: row.shareBefore.toString(),
      shareAfterMinorUnits: row.shareAfter.toString(),
      beforeMinorUnits: row.paidBefore.toString(),
      afterMinorUnits: row.paidAfter.toString(),
    }));
}

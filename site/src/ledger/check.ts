/**
 * The figures the emitted JSON shows, checked against what the verified ledger lines give
 * (derive.ts): the all-time totals, each proposal's month, status, revenue, pool and payments,
 * and every payout line's cred, share and payment, in a month's table or a contributor's
 * history. A line's share is checked unless an upheld objection redistributed the shares (the
 * report then shows shares the ledger's rules recomputed); its payment always is: the proposed
 * one, or once final the one fixed by payout.finalize. Fields the check does not know are
 * ignored, so the emitted data can grow columns.
 */
import type { SitePayoutSummary } from '../../../src/instance/site/ledgerFormat.js';
import type { DerivedLedger, DerivedProposal, DerivedTotals } from './derive.js';
import { fromMinorUnits, minorUnits } from './money.js';

export interface FigureMismatch {
  /** What the figure is: "paid", "2026-10 pool", "2026-10 payment of Ada". */
  readonly figure: string;
  readonly shown: string;
  /** What the verified lines give, written as the figure is. */
  readonly derived: string;
}

function decimalsOf(text: string): number {
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
}

/** A mismatch when amount text `shown` is not `derived` minor units. */
function amountCheck(figure: string, shown: string, derived: bigint): FigureMismatch[] {
  let value: bigint | null;
  try {
    value = minorUnits(shown);
  } catch {
    value = null;
  }
  return value === derived
    ? []
    : [{ figure, shown, derived: fromMinorUnits(derived, decimalsOf(shown)) }];
}

function textCheck(figure: string, shown: string, derived: string): FigureMismatch[] {
  return shown === derived ? [] : [{ figure, shown, derived }];
}

/** The totals data/ledger.json shows that differ from the derived ones. */
export function totalsMismatches(
  shown: Readonly<Record<keyof DerivedTotals, string>>,
  derived: DerivedTotals,
): FigureMismatch[] {
  return (['distributed', 'paid', 'pending', 'owed'] as const).flatMap((figure) =>
    amountCheck(figure, shown[figure], derived[figure]),
  );
}

/** The payment of identity `id` that the verified lines give for `proposal`. */
function paymentOf(proposal: DerivedProposal, id: string): bigint {
  if (proposal.status === 'final') return proposal.payments?.get(id) ?? 0n;
  return proposal.lines.get(id)?.payment ?? 0n;
}

/** A proposal's row of the Ledger view against the verified lines. */
export function summaryMismatches(
  summary: SitePayoutSummary,
  derived: DerivedLedger,
): FigureMismatch[] {
  const proposal = derived.proposals.get(summary.id);
  const name = `${summary.month} (${summary.id})`;
  if (proposal === undefined) {
    return [{ figure: `payout ${name}`, shown: 'listed', derived: 'not in the ledger' }];
  }
  let payments = 0n;
  for (const id of proposal.lines.keys()) payments += paymentOf(proposal, id);
  return [
    ...textCheck(`${name} month`, summary.month, proposal.month),
    ...textCheck(`${name} status`, summary.status, proposal.status),
    ...amountCheck(`${name} revenue`, summary.revenue, proposal.revenue),
    ...amountCheck(`${name} pool`, summary.pool, proposal.pool),
    ...amountCheck(`${name} payments`, summary.totals.payments, payments),
    ...textCheck(`${name} lines`, String(summary.lineCount), String(proposal.lines.size)),
  ];
}

/** One payout line as a table shows it. */
export interface ShownLine {
  readonly id: string;
  readonly name: string;
  /** Cred in the site's integer units. */
  readonly credUnits: number;
  readonly share: string;
  readonly payment: string;
}

/** A payout line against the verified lines; `units` turns cred into the site's units. */
export function lineMismatches(
  proposalId: string,
  line: ShownLine,
  derived: DerivedLedger,
  units: (cred: number) => number,
): FigureMismatch[] {
  const proposal = derived.proposals.get(proposalId);
  const proposed = proposal?.lines.get(line.id);
  const what = `${proposalId} line of ${line.name}`;
  if (proposal === undefined || proposed === undefined) {
    return [{ figure: what, shown: 'listed', derived: 'not in the ledger' }];
  }
  return [
    ...textCheck(`${what}: cred`, String(line.credUnits), String(units(proposed.cred))),
    ...(proposal.sharesChanged && proposal.status !== 'withdrawn'
      ? []
      : amountCheck(`${what}: earned`, line.share, proposed.share)),
    ...amountCheck(`${what}: payment`, line.payment, paymentOf(proposal, line.id)),
  ];
}

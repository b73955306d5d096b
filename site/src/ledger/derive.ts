/**
 * The ledger's totals derived in the reader's browser from the verified lines of
 * data/ledger.jsonl, to check the figures data/ledger.json shows: a total that does not follow
 * from the verified chain is shown as a failure, never next to "Verified". The rules are the
 * ledger's money rules (docs/formats.md): a distribution and a finalized payout's pool add to
 * what is distributed; filing an expense moves its amount from owed to pending; its outcome
 * pays it or returns it to owed. So owed = distributed - paid - pending.
 */
import { forEachLedgerLine } from '../../../src/core/ledgerChain.js';
import { minorUnits } from './money.js';

export interface DerivedTotals {
  readonly distributed: bigint;
  readonly paid: bigint;
  readonly pending: bigint;
  readonly owed: bigint;
}

interface Event {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** Totals of the first `lines` lines of `text` (those that verified), in minor units. */
export function deriveTotals(text: string, lines: number): DerivedTotals {
  const pools = new Map<string, bigint>();
  const filed = new Map<string, bigint>();
  let distributed = 0n;
  let paid = 0n;
  let pending = 0n;
  forEachLedgerLine(text, (line, number) => {
    if (number > lines) return;
    const event = (JSON.parse(line) as { event: Event }).event;
    if (event.type === 'payout.propose')
      pools.set(String(event.proposalId), BigInt(String(event.pool)));
    else if (event.type === 'payout.finalize')
      distributed += pools.get(String(event.proposalId)) ?? 0n;
    else if (event.type === 'grain.distribute') {
      for (const amount of Object.values(event.amounts as Record<string, string>))
        distributed += BigInt(amount);
    } else if (event.type === 'expense.file') {
      const amount = BigInt(String(event.amount));
      filed.set(String(event.reference), amount);
      pending += amount;
    } else if (event.type === 'expense.settle') {
      const amount = filed.get(String(event.reference)) ?? 0n;
      pending -= amount;
      if (event.outcome === 'paid') paid += amount;
    }
  });
  return { distributed, paid, pending, owed: distributed - paid - pending };
}

export interface FigureMismatch {
  readonly figure: string;
  readonly shown: string;
  readonly derived: bigint;
}

/** The totals data/ledger.json shows that differ from the derived ones. */
export function totalsMismatches(
  shown: Readonly<Record<keyof DerivedTotals, string>>,
  derived: DerivedTotals,
): FigureMismatch[] {
  return (['distributed', 'paid', 'pending', 'owed'] as const).flatMap((figure) => {
    let value: bigint | null;
    try {
      value = minorUnits(shown[figure]);
    } catch {
      value = null;
    }
    return value === derived[figure]
      ? []
      : [{ figure, shown: shown[figure], derived: derived[figure] }];
  });
}

/** The line of the verified chain whose hash is `pasted`, or null. */
export function lineOfHead(hashes: readonly string[], pasted: string): number | null {
  const hash = pasted.trim().toLowerCase();
  const index = hashes.indexOf(hash);
  return index === -1 ? null : index + 1;
}

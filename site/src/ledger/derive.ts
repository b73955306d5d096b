/**
 * What the verified lines of data/ledger.jsonl say, derived in the reader's browser to check
 * the figures the emitted JSON shows: a figure that does not follow from the verified chain is
 * shown as a failure, never next to "Verified". The rules are the ledger's money rules
 * (docs/formats.md): a distribution and a finalized payout's pool add to what is distributed;
 * filing an expense moves its amount from owed to pending; its outcome pays it or returns it to
 * owed, so owed = distributed - paid - pending. Per proposal: its month, revenue, pool and
 * status, each line's cred, share and payment as proposed, and the payments fixed at
 * finalization (the ledger re-derives them and refuses others).
 */
export interface DerivedTotals {
  readonly distributed: bigint;
  readonly paid: bigint;
  readonly pending: bigint;
  readonly owed: bigint;
}

export interface DerivedLine {
  readonly cred: number;
  readonly share: bigint;
  readonly payment: bigint;
}

export interface DerivedProposal {
  readonly month: string;
  readonly revenue: bigint;
  readonly pool: bigint;
  status: 'proposed' | 'withdrawn' | 'final';
  /** Lines as proposed, by identity id. */
  readonly lines: Map<string, DerivedLine>;
  /** Payments fixed by payout.finalize, by identity id (absent: nothing paid). */
  payments: Map<string, bigint> | null;
  /** An upheld or blocked objection removed a line and redistributed the shares. */
  sharesChanged: boolean;
}

/** Everything derived, as the worker posts it (maps survive structured cloning). */
export interface DerivedLedger {
  readonly totals: DerivedTotals;
  readonly proposals: Map<string, DerivedProposal>;
}

interface Event {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** Accumulates the facts of verified lines, one event at a time, in chain order. */
export class LedgerFacts {
  private readonly pools = new Map<string, bigint>();
  private readonly filed = new Map<string, bigint>();
  private readonly objections = new Map<string, string>();
  readonly proposals = new Map<string, DerivedProposal>();
  private distributed = 0n;
  private paid = 0n;
  private pending = 0n;

  /** Adds the event of a verified line's text. */
  addLine(text: string): void {
    this.add((JSON.parse(text) as { event: Event }).event);
  }

  add(event: Event): void {
    const id = String(event.proposalId);
    if (event.type === 'payout.propose') this.propose(id, event);
    else if (event.type === 'payout.withdraw') this.setStatus(id, 'withdrawn');
    else if (event.type === 'payout.finalize') {
      this.distributed += this.pools.get(id) ?? 0n;
      this.setStatus(id, 'final');
      const payments = Object.entries(event.payments as Record<string, string>);
      const proposal = this.proposals.get(id);
      if (proposal !== undefined)
        proposal.payments = new Map(payments.map(([who, amount]) => [who, BigInt(amount)]));
    } else if (event.type === 'objection.raise' && event.line !== null) {
      this.objections.set(String(event.objectionId), id);
    } else if (event.type === 'objection.decide' && event.outcome !== 'dismissed') {
      const proposal = this.proposals.get(this.objections.get(String(event.objectionId)) ?? '');
      if (proposal !== undefined) proposal.sharesChanged = true;
    } else if (event.type === 'grain.distribute') {
      for (const amount of Object.values(event.amounts as Record<string, string>))
        this.distributed += BigInt(amount);
    } else if (event.type === 'expense.file') {
      const amount = BigInt(String(event.amount));
      this.filed.set(String(event.reference), amount);
      this.pending += amount;
    } else if (event.type === 'expense.settle') {
      const amount = this.filed.get(String(event.reference)) ?? 0n;
      this.pending -= amount;
      if (event.outcome === 'paid') this.paid += amount;
    }
  }

  private propose(id: string, event: Event): void {
    const pool = BigInt(String(event.pool));
    this.pools.set(id, pool);
    const lines = event.lines as {
      identityId: string;
      cred: number;
      share: string;
      payment: string;
    }[];
    this.proposals.set(id, {
      month: String(event.month),
      revenue: BigInt(String(event.revenue)),
      pool,
      status: 'proposed',
      lines: new Map(
        lines.map((line) => [
          line.identityId,
          { cred: line.cred, share: BigInt(line.share), payment: BigInt(line.payment) },
        ]),
      ),
      payments: null,
      sharesChanged: false,
    });
  }

  private setStatus(id: string, status: DerivedProposal['status']): void {
    const proposal = this.proposals.get(id);
    if (proposal !== undefined) proposal.status = status;
  }

  result(): DerivedLedger {
    const { distributed, paid, pending } = this;
    return {
      totals: { distributed, paid, pending, owed: distributed - paid - pending },
      proposals: this.proposals,
    };
  }
}

/** The line of the verified chain whose hash is `pasted`, or null. */
export function lineOfHead(hashes: readonly string[], pasted: string): number | null {
  const hash = pasted.trim().toLowerCase();
  const index = hashes.indexOf(hash);
  return index === -1 ? null : index + 1;
}

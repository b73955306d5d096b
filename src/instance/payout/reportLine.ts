/**
 * One line of a month's public report: what the final plan allocated to a payee, what was
 * filed for it and with which outcome, what Open Collective reported paid, and what the ledger
 * still owes. Each word means one thing: "allocated" is the plan, "filed" an expense recorded
 * in the ledger, "paid" an expense Open Collective reported paid (`cred payout sync`), "owed"
 * what the collective still owes. All of it comes from the ledger, so the report agrees with
 * `cred ledger balances` for the month it shows (docs/payouts.md, "The public report").
 */
import type { IdentityId } from '../../core/identity.js';
import type { PayoutLineJson } from '../../ledger/events.js';
import type { ReplayedLedger } from '../../ledger/replay.js';
import {
  amountOf,
  type ExpenseRecord,
  type ObjectionRecord,
  type PayoutRecord,
  type SkipRecord,
} from '../../ledger/state.js';

export interface ReportLine {
  readonly identity: string;
  readonly id: string;
  readonly cred: number;
  /** This month's share of the pool. */
  readonly share: string;
  /** Owed from earlier months (not filed) when the month was finalized. */
  readonly owedBefore: string;
  /** The final plan's amount to pay this month: share plus owed before, when >= the minimum. */
  readonly allocated: string;
  /** The expenses filed for this line, whatever their outcome. */
  readonly filed: string;
  /** The expenses Open Collective reported paid (recorded by `cred payout sync`). */
  readonly paid: string;
  /** What the ledger still owes for this month and before: owed before + share - paid. */
  readonly owedAfter: string;
  /** Not allocated this month (below the minimum): owed before + share - allocated. */
  readonly carried: string;
  /** The same as `allocated` (its name in the first reports). */
  readonly payment: string;
  readonly status: string;
  readonly reason?: string;
  /** The share proposed, when an upheld objection changed it (docs/governance.md). */
  readonly proposedShare?: string;
  /** With a domain split: cred and proposed share in each domain. */
  readonly domains?: readonly { domain: string; cred: number; share: string }[];
  readonly expenses: readonly {
    reference: string;
    amount: string;
    status: string;
    externalId: string | null;
  }[];
}

export interface LineContext {
  readonly payout: PayoutRecord;
  readonly ledger: ReplayedLedger;
  readonly expenses: readonly ExpenseRecord[];
  readonly skip: SkipRecord | undefined;
  readonly removedBy: ObjectionRecord | undefined;
  readonly money: (amount: bigint) => string;
}

export function reportLine(line: PayoutLineJson, context: LineContext): ReportLine {
  const { payout, money, expenses } = context;
  const id = line.identityId as IdentityId;
  const final = payout.status === 'final';
  const proposed = BigInt(line.share);
  const share = payout.status === 'withdrawn' ? proposed : amountOf(payout.shares, id);
  const owedBefore = final ? amountOf(payout.owedAtFinalize, id) : BigInt(line.owedBefore);
  const allocated = final ? amountOf(payout.payments, id) : BigInt(line.payment);
  const sum = (list: readonly ExpenseRecord[]) => list.reduce((acc, e) => acc + e.amount, 0n);
  const paid = sum(expenses.filter((e) => e.status === 'paid'));
  const owedAfter = payout.status === 'withdrawn' ? owedBefore : owedBefore + share - paid;
  return {
    identity: context.ledger.state.identities.get(id)?.name ?? id,
    id,
    cred: line.cred,
    share: money(share),
    owedBefore: money(owedBefore),
    allocated: money(allocated),
    filed: money(sum(expenses)),
    paid: money(paid),
    owedAfter: money(owedAfter),
    carried: money(owedBefore + share - allocated),
    payment: money(allocated),
    ...lineStatus(line, context, allocated),
    ...(share === proposed ? {} : { proposedShare: money(proposed) }),
    ...(line.domains === undefined
      ? {}
      : {
          domains: Object.entries(line.domains).map(([domain, part]) => ({
            domain,
            cred: part.cred,
            share: money(BigInt(part.share)),
          })),
        }),
    expenses: expenses.map((e) => ({
      reference: e.reference,
      amount: money(e.amount),
      status: e.status,
      externalId: e.externalId,
    })),
  };
}

/**
 * A line's status in one word, and why when it is owed: removed, excluded, inactive and
 * carried (below the minimum) as planned; an allocated line is then "allocated" until an
 * expense is filed, "filed" until Open Collective settles it, "paid", or "owed" again (skipped
 * at submission, or its expense rejected, declined or expired).
 */
function lineStatus(
  line: PayoutLineJson,
  context: LineContext,
  allocated: bigint,
): { status: string; reason?: string } {
  const { removedBy, payout, expenses, skip } = context;
  if (removedBy !== undefined)
    return {
      status: 'removed',
      reason: `objection ${removedBy.id} ${removedBy.status}: ${removedBy.reason}`,
    };
  const planned = {
    ...(line.reason === undefined ? {} : { reason: line.reason }),
  };
  if (payout.status !== 'final')
    return { status: line.status === 'paid' ? 'allocated' : line.status, ...planned };
  if (allocated === 0n)
    return { status: line.status === 'paid' ? 'carried' : line.status, ...planned };
  const expense = expenses[expenses.length - 1];
  if (expense === undefined)
    return skip === undefined
      ? { status: 'allocated', reason: 'not filed yet ("cred payout submit")' }
      : { status: 'owed', reason: `skipped at submission: ${skip.reason}` };
  if (expense.status === 'paid' || expense.status === 'filed') return { status: expense.status };
  return {
    status: 'owed',
    reason: `expense ${expense.status} on Open Collective; the amount is owed again`,
  };
}

/**
 * The public report of a month's payout (output/payouts/YYYY-MM.json and .md), built from the
 * ledger alone: the proposal as recorded, its status, the payments fixed at finalization, and
 * each expense filed with its outcome. Funders compare it with the ledger (its head hash is in
 * the report); contributors see their cred and share, what the plan allocated them, what was
 * filed and paid, and what is still owed (reportLine.ts).
 */
import { compareStrings } from '../../core/canonicalJson.js';
import { minorUnitDigits } from '../../core/currency.js';
import type { IdentityId } from '../../core/identity.js';
import { expenseReference } from '../../ledger/opencollective/expenseInput.js';
import { toDecimal } from '../../ledger/money.js';
import type { ReplayedLedger } from '../../ledger/replay.js';
import type { ExpenseRecord, PayoutRecord } from '../../ledger/state.js';
import { governanceReport, removedLines, type GovernanceReport } from '../governance/report.js';
import { reportLine, type ReportLine } from './reportLine.js';

export type { ReportLine } from './reportLine.js';

export const PAYOUT_REPORT_FORMAT = { type: 'cred/payout-report', version: 2 } as const;

export interface PayoutReport {
  readonly type: 'cred/payout-report';
  readonly version: 2;
  readonly month: string;
  readonly proposalId: string;
  readonly status: string;
  readonly currency: string;
  readonly revenue: string;
  readonly ratio: string;
  readonly pool: string;
  readonly minimum: string;
  readonly policy: Readonly<Record<string, unknown>>;
  readonly reviewEnds: string;
  readonly inputs: { algorithm: string; graphDigest: string; weightsDigest: string };
  readonly ledger: { lines: number; headHash: string };
  /** The ledger head right after finalization: a funder keeps it and checks it later. */
  readonly finalization?: { line: number; headHash: string };
  /**
   * Exact sums of the lines: `allocated`, `filed`, `paid` and `owedAfter` say what happened;
   * `payments` (= allocated) and `carried` keep the names of the first reports.
   */
  readonly totals: {
    cred: number;
    shares: string;
    allocated: string;
    filed: string;
    paid: string;
    owedAfter: string;
    payments: string;
    carried: string;
  };
  readonly lines: readonly ReportLine[];
  readonly exclusions: readonly { identity: string; reason: string }[];
  /** Domain split and objections, when the month had any. */
  readonly governance?: GovernanceReport;
}

export function payoutReport(ledger: ReplayedLedger, payout: PayoutRecord): PayoutReport {
  const { state } = ledger;
  const proposal = payout.proposal;
  const digits = minorUnitDigits(proposal.currency);
  const money = (amount: bigint) => toDecimal(amount, digits);
  const expensesOf = expensesByIdentity(
    [...state.expenses.values()].filter((e) => e.distributionId === payout.id),
  );
  const removed = removedLines(state, payout);
  const lines = proposal.lines.map((line) => {
    const id = line.identityId as IdentityId;
    return reportLine(line, {
      payout,
      ledger,
      expenses: expensesOf.get(id) ?? [],
      skip: state.skipped.get(expenseReference(payout.id, id)),
      removedBy: removed.get(id),
      money,
    });
  });
  const governance = governanceReport(state, payout, money);
  const total = (pick: (line: ReportLine) => string) =>
    money(lines.reduce((sum, line) => sum + toMinor(pick(line), digits), 0n));
  return {
    ...PAYOUT_REPORT_FORMAT,
    month: proposal.month,
    proposalId: payout.id,
    status: payout.status,
    currency: proposal.currency,
    revenue: money(BigInt(proposal.revenue)),
    ratio: proposal.ratio,
    pool: money(BigInt(proposal.pool)),
    minimum: money(BigInt(proposal.minimum)),
    policy: { ...proposal.policy },
    reviewEnds: new Date(proposal.reviewEndsMs).toISOString(),
    inputs: {
      algorithm: proposal.algorithm,
      graphDigest: proposal.graphDigest,
      weightsDigest: proposal.weightsDigest,
    },
    ledger: { lines: ledger.lineCount, headHash: ledger.headHash },
    ...finalizationOf(ledger, payout.id),
    totals: {
      cred: lines.reduce(
        (acc, line) =>
          acc + (line.status === 'excluded' || line.status === 'inactive' ? 0 : line.cred),
        0,
      ),
      shares: total((line) => line.share),
      allocated: total((line) => line.allocated),
      filed: total((line) => line.filed),
      paid: total((line) => line.paid),
      owedAfter: total((line) => line.owedAfter),
      payments: total((line) => line.payment),
      carried: total((line) => line.carried),
    },
    lines,
    exclusions: lines
      .filter((line) => line.status === 'excluded')
      .map((line) => ({ identity: line.identity, reason: line.reason ?? '' })),
    ...(governance === undefined ? {} : { governance }),
  };
}

function finalizationOf(ledger: ReplayedLedger, proposalId: string) {
  const head = ledger.finalHeads.get(proposalId);
  return head === undefined ? {} : { finalization: { line: head.line, headHash: head.hash } };
}

/** Minor units of a decimal string written by `toDecimal`. */
function toMinor(text: string, digits: number): bigint {
  const [whole, fraction = ''] = text.split('.');
  return (
    BigInt(whole as string) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0')
  );
}

function expensesByIdentity(expenses: readonly ExpenseRecord[]): Map<IdentityId, ExpenseRecord[]> {
  const result = new Map<IdentityId, ExpenseRecord[]>();
  for (const expense of [...expenses].sort((a, b) => compareStrings(a.reference, b.reference))) {
    result.set(expense.identityId, [...(result.get(expense.identityId) ?? []), expense]);
  }
  return result;
}

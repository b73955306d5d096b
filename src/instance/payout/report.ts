/**
 * The public report of a month's payout (output/payouts/YYYY-MM.json and .md), built from the
 * ledger alone: the proposal as recorded, its status, the payments fixed at finalization, and
 * each expense filed with its outcome. Funders compare it with the ledger (its head hash is in
 * the report); contributors see their cred, share, what they carried and what they were paid.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import { minorUnitDigits } from '../../core/currency.js';
import type { IdentityId } from '../../core/identity.js';
import type { PayoutLineJson } from '../../ledger/events.js';
import { toDecimal } from '../../ledger/money.js';
import type { ReplayedLedger } from '../../ledger/replay.js';
import {
  amountOf,
  type ExpenseRecord,
  type ObjectionRecord,
  type PayoutRecord,
} from '../../ledger/state.js';
import { governanceReport, removedLines, type GovernanceReport } from '../governance/report.js';

export const PAYOUT_REPORT_FORMAT = { type: 'cred/payout-report', version: 1 } as const;

export interface ReportLine {
  readonly identity: string;
  readonly id: string;
  readonly cred: number;
  readonly share: string;
  readonly owedBefore: string;
  readonly payment: string;
  readonly owedAfter: string;
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

export interface PayoutReport {
  readonly type: 'cred/payout-report';
  readonly version: 1;
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
  readonly totals: { cred: number; shares: string; payments: string; carried: string };
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
  const lines = proposal.lines.map((line) =>
    reportLine(line, payout, ledger, expensesOf, money, removed.get(line.identityId as IdentityId)),
  );
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
      payments: total((line) => line.payment),
      carried: total((line) => line.owedAfter),
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

function reportLine(
  line: PayoutLineJson,
  payout: PayoutRecord,
  ledger: ReplayedLedger,
  expensesOf: ReadonlyMap<IdentityId, ExpenseRecord[]>,
  money: (amount: bigint) => string,
  removedBy: ObjectionRecord | undefined,
): ReportLine {
  const id = line.identityId as IdentityId;
  const final = payout.status === 'final';
  const proposed = BigInt(line.share);
  const share = payout.status === 'withdrawn' ? proposed : amountOf(payout.shares, id);
  const owedBefore = final ? amountOf(payout.owedAtFinalize, id) : BigInt(line.owedBefore);
  const payment = final ? amountOf(payout.payments, id) : BigInt(line.payment);
  return {
    identity: ledger.state.identities.get(id)?.name ?? id,
    id,
    cred: line.cred,
    share: money(share),
    owedBefore: money(owedBefore),
    payment: money(payment),
    owedAfter: money(owedBefore + share - payment),
    ...lineStatus(line, final, payment, removedBy),
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
    expenses: (expensesOf.get(id) ?? []).map((e) => ({
      reference: e.reference,
      amount: money(e.amount),
      status: e.status,
      externalId: e.externalId,
    })),
  };
}

/** Minor units of a decimal string written by `toDecimal`. */
function toMinor(text: string, digits: number): bigint {
  const [whole, fraction = ''] = text.split('.');
  return (
    BigInt(whole as string) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0')
  );
}

function lineStatus(
  line: PayoutLineJson,
  final: boolean,
  payment: bigint,
  removedBy: ObjectionRecord | undefined,
): { status: string; reason?: string } {
  if (removedBy !== undefined)
    return {
      status: 'removed',
      reason: `objection ${removedBy.id} ${removedBy.status}: ${removedBy.reason}`,
    };
  return {
    status: final ? finalStatus(line.status, payment) : line.status,
    ...(line.reason === undefined ? {} : { reason: line.reason }),
  };
}

/** At finalization a line is paid exactly when it got a payment, whatever was proposed. */
function finalStatus(proposed: string, payment: bigint): string {
  if (payment > 0n) return 'paid';
  return proposed === 'paid' ? 'carried' : proposed;
}

function expensesByIdentity(expenses: readonly ExpenseRecord[]): Map<IdentityId, ExpenseRecord[]> {
  const result = new Map<IdentityId, ExpenseRecord[]>();
  for (const expense of [...expenses].sort((a, b) => compareStrings(a.reference, b.reference))) {
    result.set(expense.identityId, [...(result.get(expense.identityId) ?? []), expense]);
  }
  return result;
}

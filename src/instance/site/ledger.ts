/**
 * The ledger's explorer data (siteLedgerFormat.ts) from the replayed ledger: every payout
 * proposal through `payoutReport` (the same function that writes the public reports, so the
 * explorer shows the report's numbers, with expense statuses as of now), balances through the
 * ledger's views, exclusions and expenses from its state. Nothing about payouts is re-derived
 * here: what the ledger's rules decided is what is shown.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import { minorUnitDigits } from '../../core/currency.js';
import { toDecimal } from '../../ledger/money.js';
import type { ReplayedLedger } from '../../ledger/replay.js';
import type { ExpenseRecord, PayoutRecord } from '../../ledger/state.js';
import { identityRows } from '../../ledger/views.js';
import { payoutReport, type ReportLine } from '../payout/report.js';
import {
  SITE_LEDGER_FORMATS,
  type SiteAccountLine,
  type SiteAccounts,
  type SiteExpense,
  type SiteLedger,
  type SitePayout,
  type SitePayoutSummary,
  type SitePublishedReport,
} from './ledgerFormat.js';

export interface LedgerSiteOptions {
  readonly currency: string;
  /** Cred per unit (the leaderboard's quantum). */
  readonly quantum: number;
  /** Identity ids in leaderboard order. */
  readonly identityOrder: readonly string[];
  /** The published reports copied into the site, by proposal id. */
  readonly reports: ReadonlyMap<string, SitePublishedReport>;
  /** The ledger file's path under data/. */
  readonly chainFile: string;
  readonly accountsPerFile: number;
}

export interface LedgerSiteData {
  readonly ledger: SiteLedger;
  readonly payouts: readonly SitePayout[];
  /** data/ledger/accounts/<n>.json by n. */
  readonly accounts: ReadonlyMap<number, SiteAccounts>;
}

/** Proposals by month, then by their number (payout-YYYY-MM-N). */
function comparePayouts(a: PayoutRecord, b: PayoutRecord): number {
  const number = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1));
  return compareStrings(a.month, b.month) || number(a.id) - number(b.id);
}

/** What every part of the ledger data needs. */
interface Context {
  readonly ledger: ReplayedLedger;
  readonly refs: ReturnType<typeof identityRefs>;
  readonly units: (cred: number) => number;
  readonly money: (amount: bigint) => string;
  readonly expenseOf: (reference: string, status: string, externalId: string | null) => SiteExpense;
  /** Payout history lines by identity ref. */
  readonly histories: Map<number, SiteAccountLine[]>;
}

export function buildLedgerData(
  ledger: ReplayedLedger,
  options: LedgerSiteOptions,
): LedgerSiteData {
  const { state } = ledger;
  const digits = minorUnitDigits(options.currency);
  const money = (amount: bigint) => toDecimal(amount, digits);
  const context: Context = {
    ledger,
    refs: identityRefs(ledger, options.identityOrder),
    units: (cred) => Math.round(cred / options.quantum),
    money,
    expenseOf: (reference, status, externalId) =>
      siteExpense(state.expenses.get(reference), reference, status, externalId, money),
    histories: new Map(),
  };
  const proposals = [...state.payouts.values()]
    .sort(comparePayouts)
    .map((record, index) => proposalData(context, record, index, options.reports));
  const { refs } = context;
  const ledgerData: SiteLedger = {
    ...SITE_LEDGER_FORMATS.ledger,
    currency: options.currency,
    chain: {
      file: options.chainFile,
      lines: ledger.lineCount,
      headHash: ledger.headHash,
      tornLine: ledger.torn?.line ?? null,
    },
    totals: ledgerTotals(ledger, money),
    payouts: proposals.map(({ summary }) => summary),
    others: refs.others,
    balances: balances(ledger, refs.of, context.units, money),
    exclusions: [...state.exclusions.entries()]
      .flatMap(([month, reasons]) =>
        [...reasons].map(([id, reason]) => ({ month, identity: refs.of(id), reason })),
      )
      .sort((a, b) => compareStrings(a.month, b.month) || a.identity - b.identity),
    otherExpenses: [...state.expenses.values()]
      .filter((expense) => !state.payouts.has(expense.distributionId))
      .sort((a, b) => compareStrings(a.reference, b.reference))
      .map((expense) => ({
        ...context.expenseOf(expense.reference, expense.status, expense.externalId),
        identity: refs.of(expense.identityId),
        distribution: expense.distributionId,
      })),
    accountsPerFile: options.accountsPerFile,
  };
  return {
    ledger: ledgerData,
    payouts: proposals.map(({ payout }) => payout),
    accounts: groupAccounts(context.histories, options.accountsPerFile),
  };
}

/**
 * A proposal's summary and lines, from its report as `cred payout` writes it; adds the lines
 * that moved money to the identities' histories.
 */
function proposalData(
  context: Context,
  record: PayoutRecord,
  index: number,
  reports: ReadonlyMap<string, SitePublishedReport>,
): { summary: SitePayoutSummary; payout: SitePayout } {
  const { refs, units } = context;
  const report = payoutReport(context.ledger, record);
  const expenses: (readonly [number, SiteExpense])[] = [];
  const byStatus: Record<string, number> = {};
  report.lines.forEach((line, row) => {
    const filed = line.expenses.map((e) => context.expenseOf(e.reference, e.status, e.externalId));
    for (const expense of filed) {
      expenses.push([row, expense]);
      byStatus[expense.status] = (byStatus[expense.status] ?? 0) + 1;
    }
    if (!movedMoney(line) && filed.length === 0) return;
    const ref = refs.of(line.id);
    const history = context.histories.get(ref) ?? [];
    history.push([
      index,
      units(line.cred),
      line.share,
      line.owedBefore,
      line.payment,
      line.carried,
      line.status,
      line.reason ?? null,
      filed,
    ]);
    context.histories.set(ref, history);
  });
  const summary: SitePayoutSummary = {
    id: record.id,
    month: report.month,
    status: report.status,
    currency: report.currency,
    revenue: report.revenue,
    ratio: report.ratio,
    pool: report.pool,
    minimum: report.minimum,
    policy: report.policy,
    reviewEnds: report.reviewEnds,
    inputs: report.inputs,
    totals: { ...report.totals, cred: units(report.totals.cred) },
    lineCount: report.lines.length,
    paidCount: report.lines.filter((line) => /[1-9]/.test(line.payment)).length,
    expenses: byStatus,
    report: reports.get(record.id) ?? null,
    file: `ledger/${record.id}.json`,
  };
  const payout: SitePayout = {
    ...SITE_LEDGER_FORMATS.payout,
    id: record.id,
    month: record.month,
    currency: report.currency,
    lines: payoutColumns(report.lines, refs.of, units),
    expenses,
  };
  return { summary, payout };
}

/** Leaderboard indices of identities; the others get indices after the leaderboard's. */
function identityRefs(ledger: ReplayedLedger, order: readonly string[]) {
  const position = new Map(order.map((id, index) => [id, index]));
  const others = [...ledger.state.identities.values()]
    .filter((identity) => !position.has(identity.id))
    .sort((a, b) => compareStrings(a.id, b.id));
  others.forEach((identity, k) => position.set(identity.id, order.length + k));
  return {
    others: { id: others.map((i) => i.id as string), name: others.map((i) => i.name) },
    of: (id: string): number => {
      const ref = position.get(id);
      if (ref === undefined) throw new Error(`ledger: identity ${id} is not in the ledger`);
      return ref;
    },
  };
}

/** A line that moved money, was excluded or left out as inactive (zero lines are not history). */
function movedMoney(line: ReportLine): boolean {
  return (
    line.status === 'excluded' ||
    line.status === 'inactive' ||
    [line.share, line.owedBefore, line.payment].some((amount) => /[1-9]/.test(amount))
  );
}

function siteExpense(
  record: ExpenseRecord | undefined,
  reference: string,
  status: string,
  externalId: string | null,
  money: (amount: bigint) => string,
): SiteExpense {
  return {
    reference,
    amount: money(record?.amount ?? 0n),
    status,
    platform: record?.platform ?? 'unknown',
    externalId,
  };
}

function payoutColumns(
  lines: readonly ReportLine[],
  ref: (id: string) => number,
  units: (cred: number) => number,
): SitePayout['lines'] {
  return {
    identity: lines.map((line) => ref(line.id)),
    cred: lines.map((line) => units(line.cred)),
    share: lines.map((line) => line.share),
    owedBefore: lines.map((line) => line.owedBefore),
    payment: lines.map((line) => line.payment),
    owedAfter: lines.map((line) => line.carried),
    status: lines.map((line) => line.status),
    reason: lines.flatMap((line, row) =>
      line.reason === undefined ? [] : [[row, line.reason] as const],
    ),
  };
}

function ledgerTotals(ledger: ReplayedLedger, money: (amount: bigint) => string) {
  const { state } = ledger;
  const sum = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n);
  return {
    distributed: money(state.distributed),
    paid: money(state.paidTotal),
    owed: money(sum(state.owed.values())),
    pending: money(sum(state.pending.values())),
  };
}

function balances(
  ledger: ReplayedLedger,
  ref: (id: string) => number,
  units: (cred: number) => number,
  money: (amount: bigint) => string,
): SiteLedger['balances'] {
  const rows = identityRows(ledger.state)
    .filter(
      (row) => row.owed !== '0' || row.pending !== '0' || row.paid !== '0' || row.lifetimeCred > 0,
    )
    .map((row) => ({ ...row, ref: ref(row.id) }))
    .sort((a, b) => a.ref - b.ref);
  const decimal = (text: string) => money(BigInt(text));
  return {
    identity: rows.map((row) => row.ref),
    owed: rows.map((row) => decimal(row.owed)),
    pending: rows.map((row) => decimal(row.pending)),
    paid: rows.map((row) => decimal(row.paid)),
    lifetimeCred: rows.map((row) => units(row.lifetimeCred)),
  };
}

function groupAccounts(
  histories: ReadonlyMap<number, SiteAccountLine[]>,
  size: number,
): Map<number, SiteAccounts> {
  const groups = new Map<number, SiteAccounts['accounts'][number][]>();
  for (const [identity, lines] of [...histories].sort(([a], [b]) => a - b)) {
    const group = Math.floor(identity / size);
    const list = groups.get(group);
    if (list === undefined) groups.set(group, [{ identity, lines }]);
    else list.push({ identity, lines });
  }
  return new Map(
    [...groups].map(([group, accounts]) => [group, { ...SITE_LEDGER_FORMATS.accounts, accounts }]),
  );
}

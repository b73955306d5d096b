/**
 * Describing payout proposals: their policy, their public report, their URL, and the cells of
 * a payout line (the same in a month's table and in a contributor's history).
 */
import type {
  SiteExpense,
  SiteLedger,
  SitePayoutSummary,
} from '../../../src/instance/site/ledgerFormat.js';
import { h, type Child } from '../dom.js';
import { href } from '../route.js';
import { formatAmount } from './money.js';

export function describePolicy(policy: Readonly<Record<string, unknown>>): string {
  if (policy.type === 'recent') return `recent (discount ${String(policy.discount)} per week)`;
  if (policy.type === 'balanced') {
    const months = Number(policy.lookbackMonths);
    return `balanced (${months === 0 ? 'all time' : `${months} months`})`;
  }
  return typeof policy.type === 'string' ? policy.type : 'unknown';
}

/** Links to a month's published report, or a dash. */
export function reportLinks(payout: SitePayoutSummary): Child[] {
  const { report } = payout;
  if (report === null) return [document.createTextNode('–')];
  return [
    ...(report.md === null
      ? []
      : [h('a', { href: report.md, class: 'report-md' }, 'report'), ' · ']),
    h('a', { href: report.json, class: 'report-json' }, 'JSON'),
  ];
}

/** `#/ledger/<month>` for a month's last proposal, `#/ledger/<id>` for an earlier one. */
export function payoutHref(ledger: SiteLedger, payout: SitePayoutSummary): string {
  const last = ledger.payouts.filter((p) => p.month === payout.month).at(-1);
  return href('ledger', last?.id === payout.id ? payout.month : payout.id);
}

/** Headers of the cells `lineCells` makes. */
export const LINE_HEADERS = [
  'cred',
  'earned',
  'owed before',
  'payment',
  'carried',
  'status',
  'expenses',
] as const;

export interface LineValues {
  readonly cred: string;
  readonly share: string;
  readonly owedBefore: string;
  readonly payment: string;
  readonly owedAfter: string;
  readonly status: string;
  readonly reason: string | null | undefined;
  readonly expenses: readonly SiteExpense[];
}

/** A payout line's cells: cred, amounts, status (with its reason) and the expenses filed. */
export function lineCells(line: LineValues): HTMLElement[] {
  const amount = (text: string) => h('td', { class: 'num' }, formatAmount(text));
  return [
    h('td', { class: 'num' }, line.cred),
    amount(line.share),
    amount(line.owedBefore),
    amount(line.payment),
    amount(line.owedAfter),
    h(
      'td',
      {},
      line.status,
      line.reason === null || line.reason === undefined ? '' : `: ${line.reason}`,
    ),
    h(
      'td',
      {},
      ...line.expenses.map((e) =>
        h(
          'span',
          { class: `pill expense-${e.status}`, title: e.reference },
          `${e.status} ${formatAmount(e.amount)}${e.externalId === null ? '' : ` ${e.externalId}`}`,
        ),
      ),
    ),
  ];
}

/** Terminal rendering of a month's payout: its state, then one row per contributor. */
import type { PayoutResult } from '../instance/payout/payout.js';
import type { PayoutReport } from '../instance/payout/report.js';
import { minorUnitDigits } from '../core/currency.js';
import { toDecimal } from '../ledger/money.js';
import type { PayoutPlan } from '../ledger/payout/plan.js';
import { fixed, renderTable } from './table.js';

const ACTIONS: Record<PayoutResult['action'], string> = {
  proposed: 'Proposed',
  finalized: 'Finalized',
  'proposed-and-finalized': 'Proposed and finalized',
  'under-review': 'Under review',
  'already-final': 'Already final',
  blocked: 'Blocked by an objection',
  'dry-run': 'Dry run (nothing written)',
};

export function formatPayout(result: PayoutResult): string {
  if (result.report !== null) {
    const text = formatReport(result.action, result.report, result.files);
    if (result.blocked === undefined) return text;
    return `${text}\n${result.blocked}: withdraw it ("cred payout withdraw") and propose again.`;
  }
  if (result.plan !== null) return formatPlan(result.plan);
  return ACTIONS[result.action];
}

function formatReport(
  action: PayoutResult['action'],
  report: PayoutReport,
  files: readonly string[],
): string {
  const table = renderTable(report.lines, [
    { header: 'contributor', value: (line) => line.identity },
    { header: 'cred', value: (line) => fixed(line.cred), align: 'right' },
    { header: 'share', value: (line) => line.share, align: 'right' },
    { header: 'owed before', value: (line) => line.owedBefore, align: 'right' },
    { header: 'allocated', value: (line) => line.allocated, align: 'right' },
    { header: 'filed', value: (line) => line.filed, align: 'right' },
    { header: 'paid', value: (line) => line.paid, align: 'right' },
    { header: 'owed after', value: (line) => line.owedAfter, align: 'right' },
    { header: 'status', value: (line) => [line.status, line.reason].filter(Boolean).join('; ') },
  ]);
  const { totals } = report;
  const review =
    report.status === 'proposed'
      ? ` (review until ${report.reviewEnds}; then run again or pass --finalize)`
      : '';
  return [
    `${ACTIONS[action]}: ${report.month} is ${report.status}${review}`,
    `revenue ${report.revenue} ${report.currency} x ${report.ratio} = ${report.pool} ${report.currency} by cred`,
    `allocated ${totals.allocated}, filed ${totals.filed}, paid ${totals.paid}, owed after ${totals.owedAfter} (carried below the minimum ${totals.carried})`,
    '',
    table,
    '',
    ...files.map((file) => `wrote ${file}`),
  ].join('\n');
}

function formatPlan(plan: PayoutPlan): string {
  const money = (amount: bigint) => toDecimal(amount, minorUnitDigits(plan.currency));
  return [
    `Dry run for ${plan.month}: ${money(plan.pool)} ${plan.currency} by cred (nothing written)`,
    renderTable(plan.lines, [
      { header: 'contributor', value: (line) => line.name },
      { header: 'cred', value: (line) => fixed(line.cred), align: 'right' },
      { header: 'share', value: (line) => money(line.share), align: 'right' },
      { header: 'allocated', value: (line) => money(line.payment), align: 'right' },
      { header: 'carried', value: (line) => money(line.owedAfter), align: 'right' },
      { header: 'status', value: (line) => [line.status, line.reason].filter(Boolean).join('; ') },
    ]),
  ].join('\n');
}

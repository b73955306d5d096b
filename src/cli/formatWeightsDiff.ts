/** Terminal rendering of a what-if: weight settings that differ and cred per identity. */
import type { Json } from '../core/canonicalJson.js';
import type { WeightsDiffReport } from '../instance/weights/diff.js';
import { minorUnitDigits } from '../core/currency.js';
import { toDecimal } from '../ledger/money.js';
import { fixed, renderTable } from './table.js';

export function formatWeightsDiff(report: WeightsDiffReport, limit: number): string {
  const rows = report.identities.slice(0, limit);
  const table = renderTable(rows, [
    { header: '#', value: (row) => String(rows.indexOf(row) + 1), align: 'right' },
    { header: 'identity', value: (row) => row.name },
    { header: 'cred before', value: (row) => fixed(row.before.cred), align: 'right' },
    { header: 'cred after', value: (row) => fixed(row.after.cred), align: 'right' },
    { header: 'change', value: (row) => signed(row.change), align: 'right' },
    {
      header: 'change %',
      value: (row) =>
        row.relativeChange === null ? 'new' : `${signed(100 * row.relativeChange, 1)}%`,
      align: 'right',
    },
    {
      header: 'share before → after',
      value: (row) => `${fixed(100 * row.before.share, 1)}% → ${fixed(100 * row.after.share, 1)}%`,
      align: 'right',
    },
  ]);
  const changes =
    report.weightChanges.length === 0
      ? ['weights: no setting differs']
      : [
          `weights: ${report.weightChanges.length} setting(s) differ`,
          ...report.weightChanges.map(
            (change) => `  ${change.field}: ${show(change.before)} → ${show(change.after)}`,
          ),
        ];
  // Changes below a billionth of the total are rounding, not effects of the weights.
  const noise = 1e-9 * Math.max(report.before.totalCred, report.after.totalCred);
  const moved = report.identities.filter((row) => Math.abs(row.change) > noise).length;
  return [
    `before: ${report.before.files.join(', ') || '(plugin defaults)'}`,
    `after:  ${report.after.files.join(', ') || '(plugin defaults)'}`,
    ...changes,
    '',
    table,
    '',
    `${moved} of ${report.identities.length} identities with cred change (${report.algorithm}); ` +
      `total cred ${fixed(report.before.totalCred)} → ${fixed(report.after.totalCred)}`,
    ...payouts(report),
    '(what-if: nothing written)',
  ].join('\n');
}

function payouts(report: WeightsDiffReport): string[] {
  const comparison = report.payouts;
  if (comparison === null) return [];
  const money = (minor: string) => toDecimal(BigInt(minor), minorUnitDigits(comparison.currency));
  const table = renderTable(comparison.amounts, [
    { header: 'identity', value: (row) => row.name },
    {
      header: 'share before → after',
      value: (row) => `${money(row.shareBeforeMinorUnits)} → ${money(row.shareAfterMinorUnits)}`,
      align: 'right',
    },
    {
      header: 'paid before → after',
      value: (row) => `${money(row.beforeMinorUnits)} → ${money(row.afterMinorUnits)}`,
      align: 'right',
    },
  ]);
  return [
    '',
    `payout ${comparison.month}: ${money(comparison.poolMinorUnits)} ${comparison.currency} by cred (revenue ${money(comparison.revenueMinorUnits)})`,
    table,
  ];
}

function signed(value: number, digits = 2): string {
  return `${value > 0 ? '+' : ''}${fixed(value, digits)}`;
}

function show(value: Json | null): string {
  if (value === null) return '(unset)';
  if (typeof value === 'object' && !Array.isArray(value) && 'forwards' in value) {
    return `${String(value.forwards)}/${String(value.backwards)}`;
  }
  return JSON.stringify(value);
}

/** Terminal rendering of a what-if: weight settings that differ and cred per identity. */
import type { Json } from '../core/canonicalJson.js';
import type { WeightsDiffReport } from '../instance/weightsDiff.js';
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
    '(what-if: nothing written)',
  ].join('\n');
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

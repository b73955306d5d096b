/** Terminal rendering of identities, balances and ledger lines. */
import type { RepairResult } from '../ledger/store.js';
import { minorUnitDigits } from '../core/currency.js';
import type { BalancesReport, VerifyReport } from '../instance/ledger/jobs.js';
import type { IdentityChange } from '../instance/identities.js';
import type { LedgerLine } from '../ledger/line.js';
import { toDecimal } from '../ledger/money.js';
import type { IdentityRow } from '../ledger/views.js';
import { fixed, renderTable } from './table.js';

export function money(minorUnits: string, currency: string): string {
  return `${toDecimal(BigInt(minorUnits), minorUnitDigits(currency))} ${currency}`;
}

export function formatIdentityTable(rows: readonly IdentityRow[], currency: string): string {
  if (rows.length === 0)
    return 'No identities yet: "cred load" records one per account the plugins see.';
  return renderTable(rows, [
    { header: 'identity', value: (row) => row.name },
    { header: 'type', value: (row) => row.type },
    {
      header: 'active',
      value: (row) =>
        row.mergedInto !== null ? `merged into ${row.mergedInto}` : row.active ? 'yes' : 'no',
    },
    { header: 'accounts', value: (row) => String(row.aliases.length), align: 'right' },
    { header: 'cred', value: (row) => fixed(row.lifetimeCred), align: 'right' },
    {
      header: 'owed',
      value: (row) => money((BigInt(row.owed) + BigInt(row.pending)).toString(), currency),
      align: 'right',
    },
    { header: 'paid', value: (row) => money(row.paid, currency), align: 'right' },
  ]);
}

export function formatIdentity(row: IdentityRow, currency: string): string {
  const lines = [
    `${row.name} (${row.type}, id ${row.id})`,
    `  status:        ${row.mergedInto !== null ? `merged into ${row.mergedInto}` : row.active ? 'active for payouts' : 'inactive (no payouts)'}`,
    `  accounts:      ${row.aliases.length === 0 ? '(none)' : row.aliases.join('\n                 ')}`,
    `  open collective: ${row.openCollective ?? '(not set)'}`,
    `  ethereum:      ${row.ethereum ?? '(not set)'}`,
    `  lifetime cred: ${fixed(row.lifetimeCred)}`,
    `  owed:          ${money(row.owed, currency)} (+ ${money(row.pending, currency)} filed, awaiting payment)`,
    `  paid to date:  ${money(row.paid, currency)}`,
  ];
  for (const exclusion of row.exclusions)
    lines.push(`  excluded ${exclusion.month}: ${exclusion.reason}`);
  return lines.join('\n');
}

export function formatChange(change: IdentityChange, currency: string): string {
  return `Recorded ${change.event.type}.\n${formatIdentity(change.identity, currency)}`;
}

export function formatBalances(report: BalancesReport): string {
  const { currency } = report;
  const table =
    report.identities.length === 0
      ? 'No one has cred, money owed or payments recorded yet ("--all" lists every identity).'
      : formatIdentityTable(report.identities, currency);
  return [
    table,
    '',
    `distributed ${money(report.distributed, currency)}, paid ${money(report.paid, currency)}, owed ${money((BigInt(report.distributed) - BigInt(report.paid)).toString(), currency)}`,
  ].join('\n');
}

export function formatLedgerLines(lines: readonly LedgerLine[]): string {
  if (lines.length === 0) return 'The ledger is empty.';
  return renderTable(lines, [
    { header: 'seq', value: (line) => String(line.seq), align: 'right' },
    {
      header: 'time',
      value: (line) => new Date(line.timestampMs).toISOString().replace('.000Z', 'Z'),
    },
    { header: 'event', value: (line) => line.event.type },
    { header: 'details', value: (line) => summarize(line) },
  ]);
}

function summarize(line: LedgerLine): string {
  const { type: _type, ...rest } = line.event;
  const text = JSON.stringify(rest);
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}

export function formatRepair(result: RepairResult): string {
  if (result.backup === null) return 'Nothing to repair: every line is complete and in place.';
  return [
    ...result.actions.map((action) => `Repaired: ${action}.`),
    `Removed ${result.removedBytes} bytes; the file as it was is kept in ${result.backup}.`,
    'Run "cred ledger verify" to check the repaired ledger.',
  ].join('\n');
}

export function formatVerify(report: VerifyReport): string {
  return [
    `${report.file}: ${report.lines} lines verified; head ${report.headHash}`,
    ...report.anchors.map(
      (anchor) =>
        `  ${anchor.source}${anchor.month === null ? '' : ` (${anchor.month})`}: head ${anchor.hash} is line ${anchor.foundAt}`,
    ),
  ].join('\n');
}

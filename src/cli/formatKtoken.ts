/** Terminal rendering of KToken results: a month's batch, a quota, confirmations, health. */
import type { EventOf } from '../ledger/events.js';
import type { BatchReport } from '../ledger/ktoken/batchFiles.js';
import type { KtokenHealth } from '../ledger/ktoken/health.js';
import { formatTokens } from '../ledger/ktoken/units.js';
import type { KtokenResult } from '../instance/ktoken/ktoken.js';
import type { ConfirmResult } from '../instance/ktoken/actions.js';
import { renderTable } from './table.js';

const ACTIONS: Record<KtokenResult['action'], string> = {
  planned: 'Planned',
  continued: 'Continued',
  complete: 'Complete: every recipient was sent its tokens',
  'awaiting-confirmation': 'Awaiting sending and confirmation',
  'dry-run': 'Dry run (nothing written, nothing sent)',
};

const MODES: Record<KtokenResult['mode'], string> = {
  batch: 'send the CSV by hand, then "cred ktoken confirm --month M --tx HASH..."',
  safe: 'import the Safe file in Transaction Builder, sign, execute, then "cred ktoken confirm"',
  direct: 'sent directly',
};

function batchTable(batch: BatchReport): string {
  return renderTable(batch.entries, [
    { header: 'recipient', value: (entry) => entry.identity },
    { header: 'address', value: (entry) => entry.address },
    { header: batch.symbol, value: (entry) => entry.amount, align: 'right' },
    { header: 'status', value: (entry) => entry.status },
    { header: 'transaction', value: (entry) => entry.hash ?? '' },
  ]);
}

export function formatKtoken(result: KtokenResult): string {
  const batch = result.batch;
  const lines = [
    `${ACTIONS[result.action]}: KToken for ${result.month} (mode ${result.mode}: ${MODES[result.mode]})`,
  ];
  if (batch !== null) {
    lines.push(
      `${batch.totals.month} ${batch.symbol} for ${batch.month} by ${batch.basis.type === 'quota' ? 'the approved quota' : `${batch.basis.ratePerCred} per cred`}; sent ${batch.totals.sent}, pending ${batch.totals.pending}`,
      '',
      batch.entries.length === 0 ? '(no recipient with an address)' : batchTable(batch),
    );
    if (batch.kept.length > 0)
      lines.push(
        '',
        'Kept owed:',
        ...batch.kept.map((k) => `  ${k.identity}: ${k.amount} ${batch.symbol} (${k.reason})`),
      );
  }
  const sent = [...result.recovered, ...result.sent];
  if (sent.length > 0)
    lines.push(
      '',
      `Sent this run: ${result.sent.length}; found delivered by an earlier run: ${result.recovered.length}`,
    );
  if (result.health !== null) lines.push('', ...result.health.notes.map((note) => `• ${note}`));
  if (result.files.length > 0) lines.push('', ...result.files.map((file) => `wrote ${file}`));
  return lines.join('\n');
}

export function formatQuota(
  event: EventOf<'ktoken.quota'>,
  decimals: number,
  symbol: string,
): string {
  return `Recorded the ${event.cycle} quota: ${formatTokens(BigInt(event.amount), decimals)} ${symbol}, approved by ${event.approvedBy.join(', ')}${event.reference === null ? '' : ` (${event.reference})`}.`;
}

export function formatConfirm(result: ConfirmResult): string {
  const lines = [`Confirmed ${result.confirmed.length} KToken transfer(s) for ${result.month}.`];
  for (const c of result.confirmed) lines.push(`  ${c.identity}: ${c.amount} (${c.hash})`);
  if (result.alreadyRecorded > 0)
    lines.push(`${result.alreadyRecorded} transfer(s) were already recorded as delivered.`);
  if (result.unmatched.length > 0) {
    lines.push('Transfers that match no pending recipient and amount (not recorded):');
    for (const u of result.unmatched) lines.push(`  ${u.to}: ${u.amount} (${u.hash})`);
  }
  lines.push(...result.files.map((file) => `wrote ${file}`));
  return lines.join('\n');
}

export function formatHealth(result: { health: KtokenHealth; files: readonly string[] }): string {
  return [
    `KToken distribution health, ${result.health.month}:`,
    ...result.health.notes.map((note) => `• ${note}`),
    '',
    ...result.files.map((file) => `wrote ${file}`),
  ].join('\n');
}

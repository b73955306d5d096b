/** Terminal rendering of `cred payout submit` and `cred payout sync`. */
import { canonicalJson } from '../core/canonicalJson.js';
import type { SubmitResult } from '../instance/payout/submit.js';
import type { SyncResult } from '../instance/payout/sync.js';
import { renderTable } from './table.js';

const OUTCOMES: Record<SubmitResult['lines'][number]['outcome'], string> = {
  filed: 'filed',
  recorded: 'found on Open Collective, recorded',
  'already-filed': 'already filed',
  skipped: 'skipped',
  'would-file': 'would file',
  'would-record': 'would record (already on Open Collective)',
};

export function formatSubmit(result: SubmitResult): string {
  const table = renderTable(result.lines, [
    { header: 'contributor', value: (line) => line.identity },
    { header: 'amount', value: (line) => line.amount, align: 'right' },
    { header: 'via', value: (line) => line.route },
    { header: 'payee', value: (line) => line.payee ?? '-' },
    { header: 'expense', value: (line) => line.externalId ?? '-' },
    {
      header: 'outcome',
      value: (line) => [OUTCOMES[line.outcome], line.reason].filter(Boolean).join(': '),
    },
  ]);
  const count = (outcome: string) => result.lines.filter((l) => l.outcome === outcome).length;
  const waited = result.waitsMs.reduce((sum, ms) => sum + ms, 0);
  const summary = result.dryRun
    ? `Dry run for ${result.month} (${result.proposalId}): ${result.operations.length} mutation(s) would be sent; nothing was sent or written`
    : `${result.month} (${result.proposalId}): filed ${count('filed')}, recorded ${count('recorded')} found on Open Collective, ` +
      `${count('already-filed')} already filed, ${count('skipped')} skipped`;
  return [
    summary,
    `${result.requests} request(s) to Open Collective; ${result.waitsMs.length} wait(s), ${Math.round(waited / 1000)} s in all`,
    '',
    table,
    ...operations(result),
    ...result.files.map((file) => `wrote ${file}`),
  ].join('\n');
}

function operations(result: SubmitResult): string[] {
  if (!result.dryRun || result.operations.length === 0) return [];
  return [
    '',
    'Mutations that would be sent, in order (variables as JSON):',
    ...result.operations.flatMap((op) => ['', `${op.operation}`, canonicalJson(op.variables, 2)]),
  ];
}

export function formatSync(result: SyncResult): string {
  const table = renderTable(result.lines, [
    { header: 'contributor', value: (line) => line.identity },
    { header: 'amount', value: (line) => line.amount, align: 'right' },
    { header: 'expense', value: (line) => line.externalId ?? '-' },
    { header: 'on Open Collective', value: (line) => line.openCollectiveStatus ?? 'not found' },
    { header: 'ledger', value: (line) => `${line.status}${line.changed ? ' (now)' : ''}` },
  ]);
  return [
    `${result.month} (${result.proposalId}): ${result.lines.length} expense(s), ${result.settled} settled now`,
    '',
    result.lines.length === 0 ? 'No expense was filed for this month.' : table,
    '',
    ...result.files.map((file) => `wrote ${file}`),
  ].join('\n');
}

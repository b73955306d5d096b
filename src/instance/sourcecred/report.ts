/**
 * The import report, output/import/sourcecred.md: what came over from SourceCred and what did
 * not, in tables a maintainer can check against the old instance. Amounts are shown in minor
 * units and in atto-grain, exactly as the ledger records them.
 */
import type { ImportResult } from './result.js';

const table = (head: readonly string[], rows: readonly (readonly string[])[]): string[] =>
  rows.length === 0
    ? ['(none)']
    : [
        `| ${head.join(' | ')} |`,
        `|${head.map(() => '---').join('|')}|`,
        ...rows.map((row) => `| ${row.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`),
      ];

export function importReportMarkdown(result: ImportResult): string {
  const counts = Object.entries(result.counts).sort(([a], [b]) => (a < b ? -1 : 1));
  const lines = [
    '# Import from SourceCred',
    '',
    `Ledger SHA-256: \`${result.sha256}\` (check: \`sha256sum data/ledger.json\` in the old instance).`,
    `Looks like SourceCred ${result.sourcecredVersion}. ${result.credEvents} cred ledger events written.`,
    `Weeks now start on Sunday (cred.json "weekStart": "sunday"), as SourceCred cut them.`,
    '',
    '## Counts',
    '',
    ...table(
      ['what', 'count'],
      counts.map(([what, count]) => [what, String(count)]),
    ),
    '',
    '## Identities',
    '',
    `${result.identities.live} identities (${result.identities.active} active), ${result.identities.merged} merged into others.`,
    '',
    ...table(
      ['SourceCred name', 'cred name'],
      result.renamed.map((rename) => [rename.sourcecred, rename.cred]),
    ),
    '',
    '## Aliases by platform',
    '',
    ...table(
      ['platform', 'aliases', 'claimed by'],
      Object.entries(result.aliasesByPlatform)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([platform, count]) => [
          platform,
          String(count),
          result.credPlatforms.includes(platform)
            ? `cred's ${platform} plugin, on its next load (by login)`
            : 'kept as foreign/' + platform + '/… for a later plugin',
        ]),
    ),
    '',
    '## Merges',
    '',
    ...table(
      ['base', 'merged into it'],
      result.merges.map((merge) => [merge.base, merge.target]),
    ),
    '',
    ...balanceSection(result),
    ...weightSection(result),
    '## Not imported',
    '',
    ...table(
      ['what', 'why'],
      [...result.initiatives.skipped, ...result.notImported].map((item) => [item.what, item.why]),
    ),
    '',
  ];
  return lines.join('\n');
}

function balanceSection(result: ImportResult): string[] {
  return [
    '## Opening balances',
    '',
    `Rule: ${result.balances.rule}.`,
    `Lifetime paid = SourceCred's \`paid\`; owed = SourceCred's \`balance\`; merged identities are folded into their base.`,
    `Totals: paid ${result.balances.paid}, owed ${result.balances.owed} (${result.balances.currency} minor units); rounding dropped ${result.balances.dustAttoGrain} atto-grain in all.`,
    '',
    ...table(
      ['identity', 'paid', 'owed', 'paid (atto-grain)', 'owed (atto-grain)'],
      result.balances.identities.map((row) => [
        row.name,
        row.paid,
        row.owed,
        row.paidAttoGrain,
        row.owedAttoGrain,
      ]),
    ),
    '',
    `${result.payoutAddresses} identities have an Ethereum payout address (KToken/EVM).`,
    '',
  ];
}

function weightSection(result: ImportResult): string[] {
  return [
    '## Weights',
    '',
    ...table(
      ['kind', 'SourceCred key', 'value', 'cred key', 'not mapped because'],
      result.weights.map((row) => [
        row.kind,
        row.sourcecred,
        row.value,
        row.cred ?? '',
        row.reason ?? '',
      ]),
    ),
    '',
    `## Initiatives`,
    '',
    `${result.initiatives.records} \`files\` records written.`,
    '',
  ];
}

/**
 * What the demo prints at the end: the month's payout in a few lines (pool, allocated, filed,
 * paid, owed, carried, excluded and why), the top earners, the ledger's head, where the report
 * and the explorer are, and how to look. Built from the public report and the ledger check
 * alone, as anyone reading the instance would see it.
 */
import path from 'node:path';
import { fixed, renderTable } from '../cli/table.js';
import type { VerifyReport } from '../instance/ledger/jobs.js';
import type { PayoutReport, ReportLine } from '../instance/payout/report.js';

export interface SummaryInput {
  readonly root: string;
  readonly report: PayoutReport;
  readonly ledger: VerifyReport;
  /** Files of the month's report, and the explorer's folder. */
  readonly reportFiles: readonly string[];
  readonly site: string;
}

const TOP = 12;

function cents(text: string): number {
  return Math.round(Number(text) * 100);
}

/** Seconds per kind of step ("load 12.3 s, decisions (17) 8.1 s, ..."). */
export function timingLine(
  timings: readonly { args: readonly string[]; seconds: number }[],
): string {
  const groups = new Map<string, { count: number; seconds: number }>();
  for (const { args, seconds } of timings) {
    const name =
      args[0] === 'identity' || args[1] === 'exclude' ? 'decisions' : (args[0] as string);
    const group = groups.get(name) ?? { count: 0, seconds: 0 };
    groups.set(name, { count: group.count + 1, seconds: group.seconds + seconds });
  }
  return [...groups]
    .map(
      ([name, { count, seconds }]) =>
        `${name}${count > 1 ? ` (${count})` : ''} ${seconds.toFixed(1)} s`,
    )
    .join(', ');
}

/** What the excluded would have been paid: their cred's part of the pool. */
function excludedShare(report: PayoutReport): string {
  const excluded = report.lines.filter((line) => line.status === 'excluded');
  const cred = excluded.reduce((sum, line) => sum + line.cred, 0);
  const share = (Number(report.pool) * cred) / (report.totals.cred + cred);
  return `${fixed(cred)} cred in ${report.month}, about ${fixed(share)} ${report.currency} of the pool`;
}

/** What happened to the month's payments on Open Collective, from the report. */
function expenseLines(report: PayoutReport): string[] {
  const expenses = report.lines.flatMap((line) => line.expenses);
  if (expenses.length === 0) return [];
  const count = (status: string) => expenses.filter((e) => e.status === status).length;
  const unfiled = report.lines.filter(
    (line) => cents(line.allocated) > 0 && line.expenses.length === 0,
  ).length;
  return [
    `Open Collective: ${expenses.length} expenses filed; ${count('paid')} paid, ${count('filed')} awaiting the payee` +
      (unfiled === 0
        ? '.'
        : `; ${unfiled} payee(s) with no account or email: not filed, still owed.`),
  ];
}

export function demoSummary(input: SummaryInput): string {
  const { report } = input;
  const shown = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
  };
  const lines = report.lines;
  const allocated = lines.filter((line) => cents(line.allocated) > 0);
  const { totals } = report;
  const carried = lines.filter((line) => line.status === 'carried' && cents(line.owedAfter) > 0);
  const top = [...lines]
    .filter((line) => line.status !== 'excluded')
    .sort((a, b) => b.cred - a.cred || a.identity.localeCompare(b.identity))
    .slice(0, TOP);
  const money = (text: string) => `${text} ${report.currency}`;
  return [
    '',
    `== ${report.month}: what happened ==`,
    '',
    `Revenue ${money(report.revenue)} x ratio ${report.ratio} = ${money(report.pool)} split by cred among ${lines.length} contributors (policy ${String(report.policy.type)}).`,
    `Allocated ${money(totals.allocated)} to ${allocated.length}; ${money(totals.carried)} carried by ${carried.length} whose share is below the ${money(report.minimum)} minimum (owed in the ledger until it adds up).`,
    `Filed ${money(totals.filed)}; paid ${money(totals.paid)} as Open Collective reported it; owed after the month ${money(totals.owedAfter)}.`,
    ...(report.exclusions.length === 0
      ? []
      : [
          `Excluded: ${report.exclusions.map((e) => e.identity).join(', ')} (${excludedShare(report)}): ${report.exclusions[0]!.reason}.`,
        ]),
    ...expenseLines(report),
    '',
    `Top ${top.length} by cred in ${report.month}:`,
    renderTable(top, [
      { header: 'contributor', value: (line: ReportLine) => line.identity },
      { header: 'cred', value: (line) => fixed(line.cred), align: 'right' },
      { header: 'share', value: (line) => line.share, align: 'right' },
      { header: 'allocated', value: (line) => line.allocated, align: 'right' },
      { header: 'paid', value: (line) => line.paid, align: 'right' },
      { header: 'owed after', value: (line) => line.owedAfter, align: 'right' },
      { header: 'status', value: (line) => line.status },
    ]).replace(/^/gm, '  '),
    '',
    `Ledger: ${shown(path.join(input.root, 'data', 'ledger.jsonl'))}, ${input.ledger.lines} lines, verified; head ${input.ledger.headHash}`,
    `Report: ${input.reportFiles.map(shown).join(', ')}`,
    `Explorer: ${shown(input.site)}/ (a static site)`,
    '',
    'To look around:',
    `  npx cred serve --instance ${shown(input.root)}      # the explorer at http://127.0.0.1:6006`,
    `  npx cred identity list --instance ${shown(input.root)}`,
    `  npx cred explain ${top[0]?.identity ?? 'NAME'} --instance ${shown(input.root)}`,
    `  npx cred ledger verify --instance ${shown(input.root)}`,
    '',
  ].join('\n');
}

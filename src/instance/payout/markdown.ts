/** The Markdown form of a payout report, for the collective's readers and funders. */
import { governanceMarkdown } from '../governance/markdown.js';
import type { PayoutReport, ReportLine } from './report.js';

export function payoutMarkdown(report: PayoutReport): string {
  const { currency } = report;
  const money = (amount: string) => `${amount} ${currency}`;
  const status =
    report.status === 'final'
      ? 'Final.'
      : report.status === 'withdrawn'
        ? 'Withdrawn.'
        : `Proposed; open for review until ${report.reviewEnds}.`;
  const count = (pick: (line: ReportLine) => string) =>
    report.lines.filter((line) => pick(line) !== zero(pick(line))).length;
  const { totals } = report;
  return [
    `# Payout ${report.month}`,
    '',
    status,
    '',
    `- Revenue: ${money(report.revenue)}; payout ratio ${report.ratio}; split by cred: ${money(report.pool)}`,
    `- Split policy: ${describePolicy(report.policy)}; minimum payment ${money(report.minimum)}`,
    `- Allocated by the plan: ${money(totals.allocated)} to ${count((l) => l.allocated)} contributors; below the minimum, carried to later months: ${money(totals.carried)}`,
    `- Filed as expenses: ${money(totals.filed)} for ${count((l) => l.filed)} contributors; paid, as Open Collective reported it (\`cred payout sync\`): ${money(totals.paid)} to ${count((l) => l.paid)} contributors`,
    `- Owed after this month (what the ledger still owes these contributors): ${money(totals.owedAfter)}`,
    `- Cred computed by ${report.inputs.algorithm}; graph ${report.inputs.graphDigest}; weights ${report.inputs.weightsDigest}`,
    ...(report.finalization === undefined
      ? []
      : [
          `- Ledger head at finalization: line ${report.finalization.line}, ${report.finalization.headHash} (check with \`cred ledger verify --head\`)`,
        ]),
    `- Ledger at writing: ${report.ledger.lines} lines, head ${report.ledger.headHash} (check with \`cred ledger verify\`)`,
    '',
    '| contributor | cred | share | owed before | allocated | filed | paid | owed after | status |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...report.lines.map(row),
    '',
    ...governanceMarkdown(report),
    ...exclusions(report),
  ].join('\n');
}

function row(line: ReportLine): string {
  const expense = line.expenses
    .map(
      (e) =>
        `expense ${e.externalId ?? e.reference}${e.status === line.status ? '' : ` ${e.status}`}`,
    )
    .join(', ');
  const proposed = line.proposedShare === undefined ? undefined : `proposed ${line.proposedShare}`;
  const status = [line.status, line.reason, proposed, expense]
    .filter((part) => part !== undefined && part !== '')
    .join('; ');
  const amounts = [
    line.share,
    line.owedBefore,
    line.allocated,
    line.filed,
    line.paid,
    line.owedAfter,
  ];
  return `| ${line.identity} | ${line.cred.toFixed(2)} | ${amounts.join(' | ')} | ${status} |`;
}

function exclusions(report: PayoutReport): string[] {
  if (report.exclusions.length === 0) return ['No exclusions this month.', ''];
  return ['## Exclusions', '', ...report.exclusions.map((e) => `- ${e.identity}: ${e.reason}`), ''];
}

function describePolicy(policy: Readonly<Record<string, unknown>>): string {
  if (policy.type === 'recent')
    return policy.halfLifeDays === undefined
      ? `recent (discount ${String(policy.discount)} per week)`
      : `recent (half-life ${String(policy.halfLifeDays)} days)`;
  if (policy.type === 'balanced')
    return `balanced (${policy.lookbackMonths === 0 ? 'all time' : `${String(policy.lookbackMonths)} months`})`;
  return "proportional to this month's cred";
}

function zero(amount: string): string {
  return amount.replace(/[1-9]/g, '0');
}

/** The Markdown of a report's governance part: the domain split and the objections. */
import type { PayoutReport, ReportLine } from '../payout/report.js';
import type { ObjectionReport } from './report.js';

export function governanceMarkdown(report: PayoutReport): string[] {
  const governance = report.governance;
  if (governance === undefined) return [];
  const money = (amount: string) => `${amount} ${report.currency}`;
  const split =
    governance.split === null
      ? []
      : [
          `## Domains (${governance.split.type === 'budget' ? 'budget box' : 'fixed shares'})`,
          '',
          '| domain | weight | part of the pool |',
          '| --- | ---: | ---: |',
          ...governance.split.domains.map(
            (d) => `| ${d.id} | ${d.weight.toFixed(4)} | ${money(d.amount)} |`,
          ),
          '',
          'Shares per domain, as proposed:',
          '',
          ...report.lines.filter((line) => line.domains !== undefined).map(domainLine),
          '',
        ];
  const objections =
    governance.objections.length === 0
      ? []
      : ['## Objections', '', ...governance.objections.flatMap(objection)];
  return [...split, ...objections];
}

function domainLine(line: ReportLine): string {
  const parts = (line.domains ?? []).map(
    (d) => `${d.domain} ${d.share} (cred ${d.cred.toFixed(2)})`,
  );
  return `- ${line.identity}: ${parts.join('; ')}`;
}

function objection(o: ObjectionReport): string[] {
  const target = o.line === null ? 'the weights (the whole proposal)' : `the line of ${o.line}`;
  const votes = o.votes.map((v) => `${v.voter} ${v.vote}`).join(', ');
  const head = [
    `### ${o.id}: ${o.status}`,
    '',
    `${o.by} objected to ${target} on ${o.raised}: ${o.reason}`,
    '',
    `Votes: ${votes === '' ? 'none' : votes}.`,
    '',
  ];
  if (o.decision === null) return [...head, 'Open: decided when the review period ends.', ''];
  const d = o.decision;
  const reached = d.outcome === 'blocked' ? 'blocked by' : 'groups at the blocking share:';
  const blocked = d.blockedBy.length === 0 ? '' : `; ${reached} ${d.blockedBy.join(', ')}`;
  return [
    ...head,
    `Decision: ${d.outcome} (cred for upholding ${d.majority.uphold.toFixed(2)}, for dismissing ${d.majority.dismiss.toFixed(2)}${blocked}; a group blocks at ${d.blockingShare} of its weight).`,
    '',
    '| group | members | weight | uphold | dismiss |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(d.groups).map(
      ([group, t]) =>
        `| ${group}${t.names.length > 0 ? ` (${t.names.join(', ')})` : ''} | ${t.members} | ${t.weight.toFixed(2)}${t.equalWeights ? ' (1 each)' : ''} | ${t.uphold.toFixed(2)} | ${t.dismiss.toFixed(2)} |`,
    ),
    '',
  ];
}

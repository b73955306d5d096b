/** Terminal rendering of governance: cred per domain, the budget box, objections and votes. */
import type { BudgetView, BudgetVoteResult } from '../instance/governance/budget.js';
import type { DomainsReport } from '../instance/governance/domains.js';
import type { ReviewActionResult } from '../instance/governance/review.js';
import { fixed, renderTable } from './table.js';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export function formatDomains(report: DomainsReport, top = 3): string {
  const period = report.month === null ? 'all weeks' : report.month;
  const table = renderTable(report.domains, [
    { header: 'domain', value: (d) => `${'  '.repeat(d.depth)}${d.name} (${d.id})` },
    { header: 'own cred', value: (d) => fixed(d.ownCred), align: 'right' },
    { header: 'with children', value: (d) => fixed(d.totalCred), align: 'right' },
    {
      header: 'share',
      value: (d) => (report.totalCred > 0 ? percent(d.totalCred / report.totalCred) : '-'),
      align: 'right',
    },
    {
      header: 'top contributors',
      value: (d) =>
        d.contributors
          .slice(0, top)
          .map((c) => `${c.name} ${fixed(c.cred)}`)
          .join(', '),
    },
  ]);
  return [`Cred per domain, ${period} (a domain's cred counts in its parents):`, '', table].join(
    '\n',
  );
}

export function formatBudget(view: BudgetView): string {
  const items = renderTable(view.items, [
    { header: 'item', value: (item) => `${item.name} (${item.id})` },
    { header: 'budget', value: (item) => percent(item.share), align: 'right' },
  ]);
  const pairs =
    view.pairs.length === 0
      ? ['No votes yet: every item gets an equal share.']
      : [
          renderTable(view.pairs, [
            { header: 'pair', value: (p) => `${p.a} vs ${p.b}` },
            { header: `cred for first`, value: (p) => fixed(p.forA), align: 'right' },
            { header: `cred for second`, value: (p) => fixed(p.forB), align: 'right' },
          ]),
        ];
  return [
    `Budget box for ${view.month}: ${view.voters.length} voter(s), damping ${view.damping}`,
    '',
    items,
    '',
    ...pairs,
  ].join('\n');
}

export function formatBudgetVote(result: BudgetVoteResult): string {
  return [`Recorded ${result.voter}'s ballot.`, '', formatBudget(result.budget)].join('\n');
}

export function formatReviewAction(result: ReviewActionResult): string {
  const o = result.objection;
  const target = o.line === null ? 'the weights' : `the line of ${o.line}`;
  const votes = o.votes.map(({ voter, vote }) => `${voter} ${vote}`).join(', ');
  return [
    `${o.id} (${o.status}) against ${target}: ${o.reason}`,
    `votes so far: ${votes}`,
    `decided when the review ends, at ${result.reviewEnds}, by "cred payout --month ..."`,
  ].join('\n');
}

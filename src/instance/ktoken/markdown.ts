/** The Markdown form of a month's KToken distribution health, for the committee. */
import type { KtokenHealth } from '../../ledger/ktoken/health.js';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export function healthMarkdown(health: KtokenHealth): string {
  const { figures, symbol } = health;
  const amount = (text: string | null) => (text === null ? '(none)' : `${text} ${symbol}`);
  const weeks = health.weeks.map((w) => `| ${w.week} | ${percent(w.share)} |`);
  return [
    `# KToken distribution health, ${health.month}`,
    '',
    ...health.notes.map((note) => `- ${note}`),
    '',
    '## Figures',
    '',
    '| | |',
    '| --- | ---: |',
    `| approved quota | ${amount(figures.approved)} |`,
    `| planned | ${amount(figures.planned)} |`,
    `| sent | ${amount(figures.sent)} |`,
    `| awaiting sending or confirmation | ${amount(figures.pending)} |`,
    `| kept (no usable address) | ${amount(figures.kept)} |`,
    `| not yet distributed | ${amount(figures.undistributed)} |`,
    `| recipients | ${health.recipients} |`,
    `| largest share | ${health.top === null ? '-' : `${percent(health.top.share)} (${health.top.identity})`} |`,
    `| Gini coefficient | ${health.gini === null ? '-' : health.gini.toFixed(3)} |`,
    `| busiest week | ${health.busiestWeek === null ? '-' : `${health.busiestWeek.week}, ${percent(health.busiestWeek.share)} of the month's cred`} |`,
    '',
    ...(weeks.length === 0
      ? []
      : ['## Cred by week', '', '| week | share of the month |', '| --- | ---: |', ...weeks, '']),
    ...(health.quota?.reference ? [`Committee decision: ${health.quota.reference}`, ''] : []),
  ].join('\n');
}

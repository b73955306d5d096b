/** Terminal rendering of `cred score`: a leaderboard with weekly sparklines. */
import type { ScoreReport } from '../instance/score/score.js';
import { fixed, renderTable, sparkline } from './table.js';

const EARNED_THRESHOLD = 0.005;

export function formatScore(report: ScoreReport, limit: number): string {
  const { scores } = report;
  // Cred that rounds to 0.00 on screen is not "earned": floating dust from the power iteration.
  const ranked = [...scores.identities]
    .filter((row) => row.totalCred >= EARNED_THRESHOLD)
    .sort((a, b) => b.totalCred - a.totalCred);
  const shown = ranked.slice(0, limit);
  const weeklyMax = Math.max(0, ...shown.flatMap((row) => row.cred.slice(-26)));
  const total = scores.totalCred;
  const table = renderTable(shown, [
    { header: '#', value: (row) => String(ranked.indexOf(row) + 1), align: 'right' },
    { header: 'identity', value: (row) => row.name },
    { header: 'type', value: (row) => row.type },
    { header: 'cred', value: (row) => fixed(row.totalCred), align: 'right' },
    {
      header: 'share',
      value: (row) => `${fixed(total > 0 ? (100 * row.totalCred) / total : 0, 1)}%`,
      align: 'right',
    },
    { header: 'weekly', value: (row) => sparkline(row.cred.slice(-26), weeklyMax) },
  ]);
  const { iterations, residual, converged, warmStart } = scores.convergence;
  const weeks =
    scores.weeks.length === 0
      ? 'no weeks'
      : `${scores.weeks[0]} .. ${scores.weeks.at(-1)} (${scores.weeks.length} weeks)`;
  return [
    table,
    '',
    scores.algorithm === 'openrank'
      ? `${ranked.length} of ${scores.identities.length} identities earned cred (OpenRank); developers hold ${fixed(total)} of ${fixed(scores.totalMint)} OpenRank over all months`
      : `${ranked.length} of ${scores.identities.length} identities earned cred; total ${fixed(total)} = mint ${fixed(scores.totalMint)}`,
    `weeks ${weeks}; ${converged ? 'converged' : 'NOT CONVERGED'} after ${iterations} iterations${warmStart === true ? ' (warm start)' : ''} (residual ${residual.toExponential(2)})`,
    report.file === null
      ? '(dry run: nothing written)'
      : `wrote ${report.file} in ${report.seconds} s`,
  ].join('\n');
}

/**
 * Progress lines for a long scoring run. On a large graph `cred score` computes for seconds
 * after "CredRank over ..." (17 s at ten million edges; OpenRank about 4 s at a million), and
 * the maintainer waiting should see that it moves:
 * - CredRank: the Markov process once built, then the step count and the last step's change,
 *   which falls as the iteration converges;
 * - OpenRank: each month as it is solved, out of how many.
 * At most one line a second, counted from when the observer is made, so a run that ends
 * within a second (every small instance) prints nothing more than before.
 */
import type { CredRankObserver } from '../../core/credrank/credRank.js';
import type { MonthObserver } from '../../core/openrank/openRank.js';
import { isoDate } from '../../core/weeks.js';
import type { ProgressReporter } from '../../core/plugin.js';

export const PROGRESS_INTERVAL_MS = 1000;

/** A reporter that lets a line through at most once a second, counted from when it is made. */
function throttled(reporter: ProgressReporter, now: () => number): (line: () => string) => void {
  let lastMs = now();
  return (line) => {
    const atMs = now();
    if (atMs - lastMs < PROGRESS_INTERVAL_MS) return;
    lastMs = atMs;
    reporter.progress(line());
  };
}

export function credRankProgress(
  reporter: ProgressReporter,
  now: () => number = () => performance.now(),
): CredRankObserver {
  const tell = throttled(reporter, now);
  return {
    built: (nodes, transitions) =>
      tell(() => `score: the walk has ${nodes} nodes and ${transitions} transitions`),
    step: (iterations, change) =>
      tell(() => `score: step ${iterations}, change ${change.toExponential(2)}`),
  };
}

/** OpenRank solves month by month: the month reached, and its iterations. */
export function openRankProgress(
  reporter: ProgressReporter,
  now: () => number = () => performance.now(),
): MonthObserver {
  const tell = throttled(reporter, now);
  return (done, count, month) =>
    tell(
      () =>
        `score: OpenRank month ${isoDate(month.startMs).slice(0, 7)} solved ` +
        `(${done} of ${count}, ${month.iterations} iterations)`,
    );
}

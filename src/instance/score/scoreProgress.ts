/**
 * Progress lines for a long CredRank run. On a large graph `cred score` computes for seconds
 * after "CredRank over ..." (17 s at ten million edges), and the maintainer waiting should see
 * that it moves: the Markov process once built, then the step count and the last step's
 * change, which falls as the iteration converges. At most
 * one line a second, counted from when the observer is made, so a run that ends within a
 * second (every small instance) prints nothing more than before.
 */
import type { CredRankObserver } from '../../core/credrank/credRank.js';
import type { ProgressReporter } from '../../core/plugin.js';

export const PROGRESS_INTERVAL_MS = 1000;

export function credRankProgress(
  reporter: ProgressReporter,
  now: () => number = () => performance.now(),
): CredRankObserver {
  let lastMs = now();
  const tell = (message: () => string): void => {
    const atMs = now();
    if (atMs - lastMs < PROGRESS_INTERVAL_MS) return;
    lastMs = atMs;
    reporter.progress(message());
  };
  return {
    built: (nodes, transitions) =>
      tell(() => `score: the walk has ${nodes} nodes and ${transitions} transitions`),
    step: (iterations, change) =>
      tell(() => `score: step ${iterations}, change ${change.toExponential(2)}`),
  };
}

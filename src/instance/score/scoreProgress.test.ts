import { describe, expect, it } from 'vitest';
import type { ProgressReporter } from '../../core/plugin.js';
import type { OpenRankMonth } from '../../core/openrank/openRank.js';
import { credRankProgress, openRankProgress, PROGRESS_INTERVAL_MS } from './scoreProgress.js';

/** A reporter that keeps its lines, and a clock the test moves. */
function recorded(): { reporter: ProgressReporter; lines: string[]; clock: { ms: number } } {
  const lines: string[] = [];
  return {
    reporter: { progress: (message) => lines.push(message), warn: () => {} },
    lines,
    clock: { ms: 0 },
  };
}

describe('instance/score/scoreProgress', () => {
  it('a run that ends within the first second prints nothing', () => {
    const { reporter, lines, clock } = recorded();
    const observer = credRankProgress(reporter, () => clock.ms);
    observer.built?.(1000, 5000);
    for (let step = 1; step <= 30; step++) {
      clock.ms += 20;
      observer.step?.(step, 10 ** -step);
    }
    expect(clock.ms).toBeLessThan(PROGRESS_INTERVAL_MS);
    expect(lines).toEqual([]);
  });

  it('a long run prints the built walk and then at most one step a second', () => {
    const { reporter, lines, clock } = recorded();
    const observer = credRankProgress(reporter, () => clock.ms);
    clock.ms = 1500;
    observer.built?.(3_349_333, 24_000_000);
    for (let step = 1; step <= 20; step++) {
      clock.ms += 240;
      observer.step?.(step, 2 ** -step);
    }
    expect(lines).toEqual([
      'score: the walk has 3349333 nodes and 24000000 transitions',
      'score: step 5, change 3.13e-2',
      'score: step 10, change 9.77e-4',
      'score: step 15, change 3.05e-5',
      'score: step 20, change 9.54e-7',
    ]);
  });

  it('OpenRank prints the month it solved, at most once a second', () => {
    const { reporter, lines, clock } = recorded();
    const observe = openRankProgress(reporter, () => clock.ms);
    const month = (m: number): OpenRankMonth => ({
      startMs: Date.UTC(2026, m, 1),
      nodes: 10,
      initialValue: 1,
      value: 1,
      reactionValue: 0,
      iterations: 20 + m,
      residual: 1e-12,
      converged: true,
    });
    for (let m = 0; m < 12; m++) {
      clock.ms += 400;
      observe(m + 1, 12, month(m));
    }
    expect(lines).toEqual([
      'score: OpenRank month 2026-03 solved (3 of 12, 22 iterations)',
      'score: OpenRank month 2026-06 solved (6 of 12, 25 iterations)',
      'score: OpenRank month 2026-09 solved (9 of 12, 28 iterations)',
      'score: OpenRank month 2026-12 solved (12 of 12, 31 iterations)',
    ]);
  });
});

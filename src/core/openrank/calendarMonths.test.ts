import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEEK_MS, weekFractionWithin } from '../weeks.js';
import {
  daysInMonth,
  monthNumber,
  monthStartMs,
  spreadMonthsOverWeeks,
  weekCover,
} from './calendarMonths.js';

const FC = { seed: 20261123, numRuns: 300 };

/** What payouts do: a month's cred is the sum of weekly cred prorated by days in the month. */
function payoutMonth(weekly: Float64Array, firstWeekMs: number, month: number): number {
  let total = 0;
  weekly.forEach((value, w) => {
    const startMs = firstWeekMs + w * WEEK_MS;
    total += value * weekFractionWithin(startMs, monthStartMs(month), monthStartMs(month + 1));
  });
  return total;
}

describe('core/openrank/calendarMonths', () => {
  it('monthNumber(time), monthStartMs(month) and daysInMonth(month) agree with the calendar', () => {
    const feb2028 = monthNumber(Date.UTC(2028, 1, 29, 23, 59));
    expect(monthStartMs(feb2028)).toBe(Date.UTC(2028, 1, 1));
    expect(daysInMonth(feb2028)).toBe(29);
    expect(daysInMonth(monthNumber(Date.UTC(2026, 1, 3)))).toBe(28);
    expect(monthStartMs(monthNumber(Date.UTC(2026, 11, 31)) + 1)).toBe(Date.UTC(2027, 0, 1));
  });

  it('spreadMonthsOverWeeks(cover, monthly) gives payouts back every month exactly, never negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2020 * 12, max: 2035 * 12 }),
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), {
          minLength: 1,
          maxLength: 14,
        }),
        (firstMonth, values) => {
          const cover = weekCover(firstMonth, values.length);
          const weekly = spreadMonthsOverWeeks(cover, Float64Array.from(values));
          values.forEach((value, m) => {
            const back = payoutMonth(weekly, cover.firstWeekMs, firstMonth + m);
            expect(Math.abs(back - value)).toBeLessThanOrEqual(1e-9 * Math.max(1, value));
          });
          expect(payoutMonth(weekly, cover.firstWeekMs, firstMonth - 1)).toBe(0);
          expect(payoutMonth(weekly, cover.firstWeekMs, firstMonth + values.length)).toBe(0);
          for (const value of weekly) expect(value).toBeGreaterThanOrEqual(0);
        },
      ),
      FC,
    );
  });

  it('spreadMonthsOverWeeks(cover, monthly) keeps a steady daily rate steady across month ends', () => {
    const first = monthNumber(Date.UTC(2026, 0, 1));
    const cover = weekCover(first, 12);
    const monthly = Float64Array.from({ length: 12 }, (_, m) => 3 * daysInMonth(first + m));
    const weekly = spreadMonthsOverWeeks(cover, monthly);
    // Weeks of February to November are all 7 * 3. January and December absorb the days of
    // their outer weeks (which straddle months outside the year and get 0).
    weekly.forEach((value, w) => {
      const m = cover.monthOfWeek[w] as number;
      if (m >= 1 && m <= 10) expect(value).toBeCloseTo(21, 9);
    });
    expect(weekly[0]).toBe(0);
    expect(weekly.at(-1)).toBe(0);
  });

  it('weekCover(first, 0) has no weeks', () => {
    expect(weekCover(0, 0).weekCount).toBe(0);
    expect(spreadMonthsOverWeeks(weekCover(0, 0), new Float64Array(0))).toHaveLength(0);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  isoDate,
  isoWeekName,
  parseIsoWeek,
  parseMonth,
  weekFractionWithin,
  weekStartMs,
  weekStartsBetween,
  WEEK_MS,
} from './weeks.js';

describe('core/weeks', () => {
  it('weekStartMs(t) is the Monday 00:00 UTC at or before t', () => {
    expect(isoDate(weekStartMs(Date.UTC(2026, 10, 20, 13)))).toBe('2026-11-16');
    expect(weekStartMs(Date.UTC(2026, 10, 16))).toBe(Date.UTC(2026, 10, 16));
    expect(isoDate(weekStartMs(Date.UTC(2026, 10, 15, 23, 59)))).toBe('2026-11-09');
    expect(isoDate(weekStartMs(Date.UTC(1969, 11, 31)))).toBe('1969-12-29');
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 4e12 }), (t) => {
        const start = weekStartMs(t);
        expect(start).toBeLessThanOrEqual(t);
        expect(t - start).toBeLessThan(WEEK_MS);
        expect(new Date(start).getUTCDay()).toBe(1);
      }),
      { seed: 3 },
    );
  });

  it('isoWeekName(t) follows ISO 8601 week numbering across year ends', () => {
    expect(isoWeekName(Date.UTC(2026, 10, 20))).toBe('2026-W47');
    expect(isoWeekName(Date.UTC(2021, 0, 3))).toBe('2020-W53');
    expect(isoWeekName(Date.UTC(2024, 11, 30))).toBe('2025-W01');
    expect(parseIsoWeek('2025-W01')).toBe(Date.UTC(2024, 11, 30));
    expect(parseIsoWeek('2025-W53')).toBeUndefined();
    expect(parseIsoWeek('2026-W53')).toBe(Date.UTC(2026, 11, 28));
    expect(parseIsoWeek('2026-47')).toBeUndefined();
  });

  it('weekStartMs(t, "sunday") is the Sunday 00:00 UTC at or before t, a day before Monday weeks', () => {
    expect(isoDate(weekStartMs(Date.UTC(2026, 10, 20, 13), 'sunday'))).toBe('2026-11-15');
    expect(isoDate(weekStartMs(Date.UTC(2026, 10, 15, 23, 59), 'sunday'))).toBe('2026-11-15');
    expect(isoDate(weekStartMs(Date.UTC(2026, 10, 14, 23, 59), 'sunday'))).toBe('2026-11-08');
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 4e12 }), (t) => {
        const start = weekStartMs(t, 'sunday');
        expect(t - start).toBeGreaterThanOrEqual(0);
        expect(t - start).toBeLessThan(WEEK_MS);
        expect(new Date(start).getUTCDay()).toBe(0);
        // A Sunday week is the Monday week of the same instant one day later, a day earlier.
        expect(start).toBe(weekStartMs(t + DAY_MS) - DAY_MS);
        expect(parseIsoWeek(isoWeekName(t, 'sunday'), 'sunday')).toBe(start);
      }),
      { seed: 4 },
    );
    expect(isoWeekName(Date.UTC(2026, 10, 15), 'sunday')).toBe('2026-W47');
    expect(
      weekStartsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 11), 'sunday').map(isoDate),
    ).toEqual(['2025-12-28', '2026-01-04', '2026-01-11']);
  });

  it('weekStartsBetween(a, b) lists contiguous weeks, both ends included', () => {
    const weeks = weekStartsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 20));
    expect(weeks.map(isoDate)).toEqual(['2025-12-29', '2026-01-05', '2026-01-12', '2026-01-19']);
  });

  it('parseMonth(name) gives [start, end) and rejects malformed names', () => {
    expect(parseMonth('2026-10')).toEqual({
      name: '2026-10',
      startMs: Date.UTC(2026, 9, 1),
      endMs: Date.UTC(2026, 10, 1),
    });
    expect(parseMonth('2026-13')).toBeUndefined();
    expect(parseMonth('2026-1')).toBeUndefined();
  });

  it('weekFractionWithin(week, from, to) counts the days a week shares with a range', () => {
    const month = parseMonth('2026-10')!;
    // 2026-09-28 (Monday) has 4 of its days in October.
    expect(weekFractionWithin(Date.UTC(2026, 8, 28), month.startMs, month.endMs)).toBeCloseTo(
      4 / 7,
      12,
    );
    expect(weekFractionWithin(Date.UTC(2026, 9, 5), month.startMs, month.endMs)).toBe(1);
    expect(weekFractionWithin(Date.UTC(2026, 10, 2), month.startMs, month.endMs)).toBe(0);
    expect(weekFractionWithin(Date.UTC(2026, 9, 26), month.startMs, month.endMs)).toBeCloseTo(
      6 / 7,
      12,
    );
    expect(DAY_MS * 7).toBe(WEEK_MS);
  });
});

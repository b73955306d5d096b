/**
 * Calendar months (UTC) and how a month's value becomes weekly cred. OpenRank is monthly, but
 * every cred algorithm reports cred per identity per ISO week, and payouts turn weeks back into
 * a month by prorating each week by its days in the month:
 *
 *   monthly(M) = sum over weeks w of weekly(w) * days(w in M) / 7.
 *
 * A week inside one month can carry any value; a week that straddles two months feeds both. We
 * give a straddling week 7 * min(daily rate of either month) (daily rate = month's value / its
 * days; zero outside the computed months), then share what is left of each month equally among
 * its whole weeks (every month has at least three). Payouts then get back every month's value
 * exactly, no week is negative, and a steady rate stays steady across month ends
 * (docs/decisions/0302-openrank.md).
 */
import { DAY_MS, WEEK_MS, weekStartMs } from '../weeks.js';

/** Months since year 0 of the UTC month holding `timeMs` (year * 12 + month index). */
export function monthNumber(timeMs: number): number {
  const date = new Date(timeMs);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function monthStartMs(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1);
}

export function daysInMonth(month: number): number {
  return (monthStartMs(month + 1) - monthStartMs(month)) / DAY_MS;
}

/** How weeks cover a run of months: for each week, its first month and its days in it. */
export interface WeekCover {
  readonly firstMonth: number;
  readonly monthCount: number;
  readonly firstWeekMs: number;
  readonly weekCount: number;
  /** Month (relative to firstMonth; -1 before) holding each week's Monday. */
  readonly monthOfWeek: Int32Array;
  /** Days of each week in that month: 7 for a whole week, 1-6 for one that straddles. */
  readonly daysInFirst: Int8Array;
}

export function weekCover(firstMonth: number, monthCount: number): WeekCover {
  if (monthCount === 0) {
    return {
      firstMonth,
      monthCount,
      firstWeekMs: Number.NaN,
      weekCount: 0,
      monthOfWeek: new Int32Array(0),
      daysInFirst: new Int8Array(0),
    };
  }
  const firstWeekMs = weekStartMs(monthStartMs(firstMonth));
  const lastWeekMs = weekStartMs(monthStartMs(firstMonth + monthCount) - 1);
  const weekCount = (lastWeekMs - firstWeekMs) / WEEK_MS + 1;
  const monthOfWeek = new Int32Array(weekCount);
  const daysInFirst = new Int8Array(weekCount);
  for (let w = 0; w < weekCount; w++) {
    const startMs = firstWeekMs + w * WEEK_MS;
    const month = monthNumber(startMs);
    monthOfWeek[w] = month - firstMonth;
    daysInFirst[w] = Math.min(7, (monthStartMs(month + 1) - startMs) / DAY_MS);
  }
  return { firstMonth, monthCount, firstWeekMs, weekCount, monthOfWeek, daysInFirst };
}

/** Weekly values that payouts turn back into exactly `monthly` (one value per month). */
export function spreadMonthsOverWeeks(cover: WeekCover, monthly: Float64Array): Float64Array {
  const { monthCount, weekCount, monthOfWeek, daysInFirst } = cover;
  const weekly = new Float64Array(weekCount);
  const rate = (m: number): number =>
    m < 0 || m >= monthCount ? 0 : (monthly[m] as number) / daysInMonth(cover.firstMonth + m);
  const rest = Float64Array.from(monthly);
  const wholeWeeks = new Int32Array(monthCount);
  for (let w = 0; w < weekCount; w++) {
    const m = monthOfWeek[w] as number;
    const days = daysInFirst[w] as number;
    if (days === 7) {
      wholeWeeks[m] = (wholeWeeks[m] as number) + 1;
      continue;
    }
    const value = 7 * Math.min(rate(m), rate(m + 1));
    weekly[w] = value;
    if (m >= 0) rest[m] = (rest[m] as number) - (value * days) / 7;
    if (m + 1 < monthCount) rest[m + 1] = (rest[m + 1] as number) - (value * (7 - days)) / 7;
  }
  for (let w = 0; w < weekCount; w++) {
    if (daysInFirst[w] !== 7) continue;
    const m = monthOfWeek[w] as number;
    weekly[w] = Math.max(0, rest[m] as number) / (wholeWeeks[m] as number);
  }
  return weekly;
}

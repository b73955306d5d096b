/**
 * When the demo community lives: six months of history ending with the last complete month
 * before a fixed demo date. The date is fixed (not today) so every run generates the same
 * community and the demo's commands run at the same instants (`CRED_NOW`), giving the same
 * ledger byte for byte. Times are whole seconds, as the platforms send them.
 */
import { DAY_MS } from '../../core/weeks.js';
import type { Random } from './random.js';

/** The day the demo's maintainer runs the month (a Monday, the morning after the month). */
export const DEMO_DATE = '2026-11-02';

const HOUR_MS = 3_600_000;
const MONTH_COUNT = 6;

function monthStartMs(year: number, monthIndex: number): number {
  return Date.UTC(year, monthIndex, 1);
}

const demoMs = Date.parse(`${DEMO_DATE}T00:00:00Z`);
const lastMonthStart = new Date(demoMs);
const firstYear = lastMonthStart.getUTCFullYear();
const firstMonthIndex = lastMonthStart.getUTCMonth() - MONTH_COUNT;

/** Start of each month of history, oldest first, and the end of the last (exclusive). */
export const MONTH_STARTS_MS: readonly number[] = Array.from({ length: MONTH_COUNT + 1 }, (_, k) =>
  monthStartMs(firstYear, firstMonthIndex + k),
);
export const HISTORY_START_MS = MONTH_STARTS_MS[0] as number;
export const HISTORY_END_MS = MONTH_STARTS_MS[MONTH_COUNT] as number;

/** The months of history as YYYY-MM, oldest first; the demo pays the last one. */
export const MONTHS: readonly string[] = MONTH_STARTS_MS.slice(0, MONTH_COUNT).map((ms) =>
  new Date(ms).toISOString().slice(0, 7),
);
export const PAYOUT_MONTH = MONTHS[MONTH_COUNT - 1] as string;

/** The instant of the demo's `step`-th command: 09:00 UTC on the demo date, a minute apart. */
export function demoInstant(step: number): string {
  return new Date(Date.parse(`${DEMO_DATE}T09:00:00Z`) + step * 60_000).toISOString();
}

/** ISO 8601 UTC with second precision (`2026-10-05T14:03:00Z`). */
export function iso(timeMs: number): string {
  return `${new Date(Math.floor(timeMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** A moment in month `month` (index into MONTHS), during someone's waking hours. */
export function momentIn(random: Random, month: number): number {
  const start = MONTH_STARTS_MS[month] as number;
  const days = Math.round(((MONTH_STARTS_MS[month + 1] as number) - start) / DAY_MS);
  const day = start + random.int(0, days - 1) * DAY_MS;
  return day + random.int(1, 15) * HOUR_MS + random.int(0, 59) * 60_000;
}

/** A moment `minHours` to `maxHours` after `timeMs`, never past the end of the history. */
export function after(random: Random, timeMs: number, minHours: number, maxHours: number): number {
  const later = timeMs + random.int(minHours * 60, maxHours * 60) * 60_000;
  const latest = Math.max(timeMs + 60_000, HISTORY_END_MS - random.int(1, 60) * 60_000);
  return Math.min(later, latest);
}

/**
 * Calendar weeks: ISO weeks starting Monday 00:00 UTC, half-open [start, start + 7 days).
 * CredRank places each edge in the week of its timestamp; payouts prorate weeks by the days
 * they share with a month. SourceCred used Sunday weeks (d3.utcWeek); cred uses ISO weeks so
 * that a week has one unambiguous name ("2026-W47") across tools and locales.
 */

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday after the epoch. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

/** Start (Monday 00:00 UTC) of the week holding `timeMs`. */
export function weekStartMs(timeMs: number): number {
  return Math.floor((timeMs - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS;
}

/** Week starts from the week of `fromMs` to the week of `toMs`, inclusive. */
export function weekStartsBetween(fromMs: number, toMs: number): number[] {
  const weeks: number[] = [];
  for (let week = weekStartMs(fromMs); week <= weekStartMs(toMs); week += WEEK_MS) {
    weeks.push(week);
  }
  return weeks;
}

/** `YYYY-MM-DD` of a UTC time. */
export function isoDate(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}

/** ISO week name, e.g. "2026-W47", of the week holding `timeMs`. */
export function isoWeekName(timeMs: number): string {
  // The ISO year of a week is the year of its Thursday.
  const thursdayMs = weekStartMs(timeMs) + 3 * DAY_MS;
  const year = new Date(thursdayMs).getUTCFullYear();
  const firstThursdayMs = weekStartMs(Date.UTC(year, 0, 4)) + 3 * DAY_MS;
  const week = Math.round((thursdayMs - firstThursdayMs) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Parses "2026-W47" to its Monday; undefined when malformed or out of range. */
export function parseIsoWeek(name: string): number | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(name);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  const startMs = weekStartMs(Date.UTC(year, 0, 4)) + (week - 1) * WEEK_MS;
  return week >= 1 && isoWeekName(startMs) === name ? startMs : undefined;
}

/** A calendar month, "YYYY-MM", as [startMs, endMs). */
export interface MonthRange {
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** Parses "YYYY-MM"; undefined when malformed. */
export function parseMonth(name: string): MonthRange | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(name);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return { name, startMs: Date.UTC(year, month - 1, 1), endMs: Date.UTC(year, month, 1) };
}

/** The share (0..1) of the week starting `weekStart` whose days fall in [fromMs, toMs). */
export function weekFractionWithin(weekStart: number, fromMs: number, toMs: number): number {
  const overlapMs = Math.min(weekStart + WEEK_MS, toMs) - Math.max(weekStart, fromMs);
  return overlapMs <= 0 ? 0 : overlapMs / WEEK_MS;
}

/**
 * Calendar weeks, half-open [start, start + 7 days). By default ISO weeks starting Monday
 * 00:00 UTC, so that a week has one unambiguous name ("2026-W47") across tools and locales;
 * an instance may set `weekStart: "sunday"` in cred.json to cut weeks as SourceCred did
 * (d3.utcWeek, Sunday 00:00 UTC), which is what an imported SourceCred community needs for its
 * scores to continue unchanged (docs/import.md). CredRank places each edge in the week of its
 * timestamp; payouts prorate weeks by the days they share with a month. A Sunday week is named
 * after the ISO week of its Monday, which holds six of its seven days.
 */

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
export const WEEK_STARTS = ['monday', 'sunday'] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];
/** 1970-01-05, the first Monday after the epoch; 1970-01-04, the first Sunday. */
const FIRST_WEEK_MS: Readonly<Record<WeekStart, number>> = {
  monday: 4 * DAY_MS,
  sunday: 3 * DAY_MS,
};

/** Start (Monday, or Sunday with `weekStart` "sunday", 00:00 UTC) of the week holding `timeMs`. */
export function weekStartMs(timeMs: number, weekStart: WeekStart = 'monday'): number {
  const first = FIRST_WEEK_MS[weekStart];
  return Math.floor((timeMs - first) / WEEK_MS) * WEEK_MS + first;
}

/** Week starts from the week of `fromMs` to the week of `toMs`, inclusive. */
export function weekStartsBetween(
  fromMs: number,
  toMs: number,
  weekStart: WeekStart = 'monday',
): number[] {
  const weeks: number[] = [];
  const last = weekStartMs(toMs, weekStart);
  for (let week = weekStartMs(fromMs, weekStart); week <= last; week += WEEK_MS) {
    weeks.push(week);
  }
  return weeks;
}

/** `YYYY-MM-DD` of a UTC time. */
export function isoDate(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}

/**
 * ISO week name, e.g. "2026-W47", of the week holding `timeMs`; with `weekStart` "sunday", of
 * the Sunday week holding it (named after its Monday).
 */
export function isoWeekName(timeMs: number, weekStart: WeekStart = 'monday'): string {
  const mondayMs = weekStart === 'sunday' ? weekStartMs(timeMs, 'sunday') + DAY_MS : timeMs;
  // The ISO year of a week is the year of its Thursday.
  const thursdayMs = weekStartMs(mondayMs) + 3 * DAY_MS;
  const year = new Date(thursdayMs).getUTCFullYear();
  const firstThursdayMs = weekStartMs(Date.UTC(year, 0, 4)) + 3 * DAY_MS;
  const week = Math.round((thursdayMs - firstThursdayMs) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Parses "2026-W47" to its Monday (its Sunday before, with `weekStart` "sunday"). */
export function parseIsoWeek(name: string, weekStart: WeekStart = 'monday'): number | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(name);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  const startMs = weekStartMs(Date.UTC(year, 0, 4)) + (week - 1) * WEEK_MS;
  if (!(week >= 1 && isoWeekName(startMs) === name)) return undefined;
  return weekStart === 'sunday' ? startMs - DAY_MS : startMs;
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

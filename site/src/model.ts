/**
 * The leaderboard's data in memory: identities, their weekly cred (integer units), and the
 * periods one can rank by. A period's cred counts each week by the share of its days inside
 * the period (the proration payouts use), so a month here is the month a payout splits.
 * Pure functions over the decoded file: the views render what these return.
 */
import { compareStrings } from '../../src/core/canonicalJson.js';
import {
  isoWeekName,
  parseIsoWeek,
  parseMonth,
  weekFractionWithin,
  WEEK_MS,
  type WeekStart,
} from '../../src/core/weeks.js';
import type { SiteLeaderboard } from '../../src/instance/site/format.js';

export interface Model {
  readonly data: SiteLeaderboard;
  readonly count: number;
  readonly firstWeekMs: number;
  /** The instance's week start, read from its weeks (a Sunday first week: "sunday"). */
  readonly weekStart: WeekStart;
  /** All-time units per identity. */
  readonly totals: Float64Array;
  readonly nameLower: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Identities the ledger excludes from a payout: "month: reason" of the latest. */
  readonly excluded: ReadonlyMap<number, string>;
}

export type Period =
  | { readonly kind: 'all'; readonly name: 'all' }
  | {
      readonly kind: 'year' | 'month' | 'week';
      readonly name: string;
      readonly startMs: number;
      readonly endMs: number;
    };

export interface Filter {
  readonly period: Period;
  /** Plugin index, or -1 for all. */
  readonly plugin: number;
  /** Identity type index, or -1 for all. */
  readonly type: number;
  readonly query: string;
}

export interface Ranking {
  /** Identity indices, most cred first (ties by name, then id). */
  readonly order: Int32Array;
  /** Units per identity in the period (all identities, not only those shown). */
  readonly cred: Float64Array;
  /** Units of the ranked identities together. */
  readonly total: number;
}

export function buildModel(data: SiteLeaderboard): Model {
  const count = data.identities.id.length;
  const totals = new Float64Array(count);
  data.identities.cred.forEach((weeks, i) => {
    let sum = 0;
    for (let k = 1; k < weeks.length; k++) sum += weeks[k] as number;
    totals[i] = sum;
  });
  return {
    data,
    count,
    firstWeekMs: data.firstWeek === null ? Number.NaN : Date.parse(data.firstWeek),
    weekStart:
      data.firstWeek !== null && new Date(Date.parse(data.firstWeek)).getUTCDay() === 0
        ? 'sunday'
        : 'monday',
    totals,
    nameLower: data.identities.name.map((name) => name.toLowerCase()),
    indexOf: new Map(data.identities.id.map((id, i) => [id, i])),
    excluded: new Map(
      (data.excluded ?? []).map(([index, month, reason]) => [index, `${month}: ${reason}`]),
    ),
  };
}

export function weekStart(model: Model, week: number): number {
  return model.firstWeekMs + week * WEEK_MS;
}

/** Years, months and ISO weeks that hold scored weeks, newest first. */
export function periodChoices(model: Model): Record<'year' | 'month' | 'week', string[]> {
  const years = new Set<string>();
  const months = new Set<string>();
  const weeks: string[] = [];
  for (let t = 0; t < model.data.weekCount; t++) {
    const startMs = weekStart(model, t);
    for (const dayMs of [startMs, startMs + 6 * 86_400_000]) {
      const date = new Date(dayMs).toISOString();
      years.add(date.slice(0, 4));
      months.add(date.slice(0, 7));
    }
    weeks.push(isoWeekName(startMs, model.weekStart));
  }
  const newestFirst = (values: Iterable<string>) => [...values].sort(compareStrings).reverse();
  return { year: newestFirst(years), month: newestFirst(months), week: newestFirst(weeks) };
}

/**
 * The newest of `names` (newest first, all of one kind) that ends by the end of the last
 * scored week: the current month is nearly empty and would rank almost nobody. The newest
 * when none has ended.
 */
export function lastCompletedPeriod(model: Model, names: readonly string[]): string | undefined {
  const endMs = weekStart(model, model.data.weekCount);
  return (
    names.find((name) => {
      const period = parsePeriod(name);
      return period.kind !== 'all' && period.endMs <= endMs;
    }) ?? names[0]
  );
}

/** Parses "all", "2026", "2026-03" or "2026-W12"; anything else is all time. */
export function parsePeriod(text: string | null, weekStart?: WeekStart): Period {
  if (text !== null && /^\d{4}$/.test(text)) {
    const year = Number(text);
    return {
      kind: 'year',
      name: text,
      startMs: Date.UTC(year, 0, 1),
      endMs: Date.UTC(year + 1, 0, 1),
    };
  }
  const month = text === null ? undefined : parseMonth(text);
  if (month !== undefined) return { kind: 'month', ...month };
  const weekMs = text === null ? undefined : parseIsoWeek(text, weekStart);
  if (weekMs !== undefined) {
    return { kind: 'week', name: text as string, startMs: weekMs, endMs: weekMs + WEEK_MS };
  }
  return { kind: 'all', name: 'all' };
}

/** Share of each week inside the period (1 for all weeks of "all time"). */
export function periodFractions(model: Model, period: Period): Float64Array {
  const fractions = new Float64Array(model.data.weekCount);
  for (let t = 0; t < fractions.length; t++) {
    fractions[t] =
      period.kind === 'all'
        ? 1
        : weekFractionWithin(weekStart(model, t), period.startMs, period.endMs);
  }
  return fractions;
}

/** Units of every identity in the period. */
export function periodCred(model: Model, period: Period): Float64Array {
  if (period.kind === 'all') return model.totals;
  const fractions = periodFractions(model, period);
  const cred = new Float64Array(model.count);
  model.data.identities.cred.forEach((weeks, i) => {
    if (weeks.length === 0) return;
    const first = weeks[0] as number;
    let sum = 0;
    for (let k = 1; k < weeks.length; k++) {
      const fraction = fractions[first + k - 1] as number;
      if (fraction > 0) sum += (weeks[k] as number) * fraction;
    }
    cred[i] = sum;
  });
  return cred;
}

/** Identities matching the filter, ranked by cred in its period. */
export function rank(
  model: Model,
  filter: Filter,
  cred = periodCred(model, filter.period),
): Ranking {
  const { identities } = model.data;
  const query = filter.query.trim().toLowerCase();
  const matches: number[] = [];
  let total = 0;
  for (let i = 0; i < model.count; i++) {
    if (filter.type !== -1 && identities.type[i] !== filter.type) continue;
    if (
      filter.plugin !== -1 &&
      !(identities.plugins[i] as readonly number[]).includes(filter.plugin)
    ) {
      continue;
    }
    if (
      query !== '' &&
      !(model.nameLower[i] as string).includes(query) &&
      identities.id[i] !== query
    ) {
      continue;
    }
    matches.push(i);
    total += cred[i] as number;
  }
  matches.sort(
    (a, b) =>
      (cred[b] as number) - (cred[a] as number) ||
      compareStrings(identities.name[a] as string, identities.name[b] as string) ||
      compareStrings(identities.id[a] as string, identities.id[b] as string),
  );
  return { order: Int32Array.from(matches), cred, total };
}

/** Dense weekly units of one identity. */
export function weeklyUnits(model: Model, identity: number): Float64Array {
  const dense = new Float64Array(model.data.weekCount);
  const weeks = model.data.identities.cred[identity] as readonly number[];
  for (let k = 1; k < weeks.length; k++) dense[(weeks[0] as number) + k - 1] = weeks[k] as number;
  return dense;
}

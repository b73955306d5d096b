/**
 * The structured load report (core/plugin.ts `LoadReport`) in words, one line per source, for
 * the terminal: the same figures `cred load --json` carries, so the two never disagree. Also the
 * small helpers plugins use to fill it.
 */
import type { KindLoadReport, LoadReport, SourceLoadReport } from './plugin.js';

/** New, changed and unchanged items of one kind, counted as a load writes them. */
export type KindTally = { -readonly [K in keyof KindLoadReport]: KindLoadReport[K] };

/** How a read item compares with what the cache held: absent, different, or the same. */
export type Freshness = 'new' | 'changed' | 'unchanged';

export function freshness(before: string | undefined, after: string): Freshness {
  if (before === undefined) return 'new';
  return before === after ? 'unchanged' : 'changed';
}

/** The tally of `kind` in `tallies`, created empty on first use. */
export function tallyOf(tallies: Map<string, KindTally>, kind: string): KindTally {
  let tally = tallies.get(kind);
  if (tally === undefined) {
    tally = { kind, new: 0, changed: 0, unchanged: 0 };
    tallies.set(kind, tally);
  }
  return tally;
}

export function countItem(tallies: Map<string, KindTally>, kind: string, how: Freshness): void {
  tallyOf(tallies, kind)[how]++;
}

/** Lines for the terminal, one per source, e.g. "lamp: 4 requests (3 points); 2 new issues". */
export function describeLoadReport(report: LoadReport): string[] {
  const lines = report.sources.map(describeSource);
  const renewals = report.tokenRenewals ?? 0;
  if (renewals > 0) lines.push(`access token renewed ${times(renewals)} during the load`);
  return lines;
}

function describeSource(source: SourceLoadReport): string {
  const cost = source.cost === undefined ? '' : ` (${plural(source.cost, 'point')})`;
  const parts = [`${plural(source.requests, 'request')}${cost}`];
  const kinds = source.kinds.map(describeKind).filter((text) => text !== '');
  parts.push(kinds.length === 0 ? 'nothing new' : kinds.join(', '));
  const reactions = source.reactions;
  if (reactions !== undefined) {
    const ignored = Object.entries(reactions.notCounted).filter(([, n]) => n > 0);
    if (ignored.length > 0) {
      const list = ignored.map(([kind, n]) => `${n} ${kind}`).join(', ');
      parts.push(`reactions that carry no cred: ${list}`);
    }
  }
  const trouble: string[] = [];
  if (source.waits !== undefined && source.waits.count > 0) {
    trouble.push(`${plural(source.waits.count, 'rate-limit wait')} (${source.waits.seconds} s)`);
  }
  if ((source.retries ?? 0) > 0) trouble.push(plural(source.retries ?? 0, 'retry', 'retries'));
  if ((source.pageShrinks ?? 0) > 0) trouble.push(plural(source.pageShrinks ?? 0, 'smaller page'));
  if (trouble.length > 0) parts.push(trouble.join(', '));
  if (source.fullRefresh === true) parts.push('everything re-read (full refresh)');
  return `${source.source}: ${parts.join('; ')}`;
}

function describeKind(kind: KindLoadReport): string {
  const counts: string[] = [];
  if (kind.new > 0) counts.push(`${kind.new} new`);
  if (kind.changed > 0) counts.push(`${kind.changed} changed`);
  if (counts.length === 0) return '';
  const reread = kind.unchanged > 0 ? `, ${kind.unchanged} re-read unchanged` : '';
  return `${kind.kind} ${counts.join(' and ')}${reread}`;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

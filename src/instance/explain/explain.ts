/**
 * `cred explain IDENTITY [--week W]`: where an identity's cred came from. For one week (or all
 * weeks), the contributions and people whose flow it banked, each with its share and the
 * graph edges that carried it; flow that reached the identity in a neighbouring week and was
 * carried over by webbing says so. The shares add up to the cred of output/cred.json.
 */
import { explainCred } from '../../core/credrank/explain.js';
import {
  edgeFlows,
  inflowEdges,
  processEdges,
  type EdgeInflow,
} from '../../core/credrank/explainEdges.js';
import { ConfigError, UsageError } from '../../core/errors.js';
import { isoDate, isoWeekName, parseIsoWeek, weekStartMs, WEEK_MS } from '../../core/weeks.js';
import type { Identity } from '../../core/identity.js';
import { loadScoredInstance, type ScoredInstance } from './scores.js';
import { describeSource, edgeKinds, type SourceInfo } from './sources.js';
import type { Instance, Runtime } from '../instance.js';
import { instanceIdentities } from '../score/score.js';

export interface ExplainOptions {
  /** Identity id, name (any case) or account address. */
  readonly identity: string;
  /** "2026-W12" or a date in that week ("2026-03-18"); all weeks when absent. */
  readonly week?: string;
  /**
   * Describe only the first `limit` sources (the largest); the rest are counted and summed in
   * `unlisted`. A terminal table shows a few of an identity's tens of thousands of sources,
   * and describing all of them was most of the wait on a large graph. All when absent.
   */
  readonly limit?: number;
}

export interface ExplainedEdge {
  readonly address: string;
  readonly type: string;
  readonly relation: string;
  readonly cred: number;
}

export interface ExplainedSource extends SourceInfo {
  /** Monday of the week in which this flow reached the identity. */
  readonly entryWeek: string;
  /** True when it reached the identity in another week than the one explained. */
  readonly carried: boolean;
  readonly cred: number;
  /** cred / the explained cred. */
  readonly share: number;
  readonly edges: readonly ExplainedEdge[];
}

export interface ExplainReport {
  readonly identity: { readonly id: string; readonly name: string; readonly type: string };
  /** "2026-W12", or "all weeks". */
  readonly period: string;
  readonly fromWeek: string | null;
  readonly toWeek: string | null;
  readonly cred: number;
  /** Factor that made the shares add up exactly (1 up to the convergence residual). */
  readonly normalization: number;
  readonly sources: readonly ExplainedSource[];
  /** The sources left out by `limit`: how many, and their cred. Absent when none were. */
  readonly unlisted?: { readonly count: number; readonly cred: number };
}

export async function explainIdentity(
  instance: Instance,
  runtime: Runtime,
  options: ExplainOptions,
): Promise<ExplainReport> {
  // An unknown name fails at once, before the flow is recomputed (seconds on a large graph).
  const identities = await instanceIdentities(instance, runtime);
  findIdentityIndex(identities, options.identity);
  const scored = await loadScoredInstance(instance, runtime, { identities });
  const index = findIdentity(scored, options.identity);
  const identity = scored.identities[index]!;
  const weekCount = scored.result.weekStartsMs.length;
  const week = options.week === undefined ? undefined : weekIndex(scored, options.week);
  const [from, to] = week === undefined ? [0, weekCount] : [week, week + 1];
  const explanation = explainCred(scored.result, index, from, to);
  const edges = processEdges(
    scored.graph,
    scored.weights,
    scored.identities,
    scored.result.process,
  );
  const slot = scored.result.process.participants.indexOf(index);
  const groups: ReadonlyMap<string, readonly EdgeInflow[]> =
    inflowEdges(edges, edgeFlows(edges, scored.result), scored.result.process, slot).get(slot) ??
    new Map();
  const kind = edgeKinds(scored);
  const weekNames = scored.result.weekStartsMs.map((ms) => isoDate(ms));
  const weekName = (t: number) => weekNames[t] as string;
  const listed = explanation.sources.slice(0, options.limit ?? explanation.sources.length);
  const left = explanation.sources.slice(listed.length);
  const sources = listed.map((source): ExplainedSource => {
    const group = groups.get(`${source.node}:${source.entryWeek}`) ?? [];
    const carried = group.reduce((total, inflow) => total + inflow.flow, 0);
    return {
      ...describeSource(scored, source.node),
      entryWeek: weekName(source.entryWeek),
      carried: week !== undefined && source.entryWeek !== week,
      cred: source.cred,
      share: explanation.cred > 0 ? source.cred / explanation.cred : 0,
      edges: group.map((inflow) => {
        const address = edges.addressOf(inflow.edge);
        return {
          address,
          ...kind(address, inflow.forwards),
          cred: carried > 0 ? (source.cred * inflow.flow) / carried : 0,
        };
      }),
    };
  });
  return {
    identity: { id: identity.id, name: identity.name, type: identity.type },
    period:
      week === undefined
        ? 'all weeks'
        : isoWeekName(scored.result.weekStartsMs[week]!, scored.result.process.params.weekStart),
    fromWeek: weekCount === 0 ? null : weekName(from),
    toWeek: weekCount === 0 ? null : weekName(to - 1),
    cred: explanation.cred,
    normalization: explanation.normalization,
    sources,
    ...(left.length === 0
      ? {}
      : {
          unlisted: {
            count: left.length,
            cred: left.reduce((total, source) => total + source.cred, 0),
          },
        }),
  };
}

/** The index of an identity given by id, name (case-insensitive) or account address. */
export function findIdentity(scored: ScoredInstance, query: string): number {
  return findIdentityIndex(scored.identities, query);
}

function findIdentityIndex(identities: readonly Identity[], query: string): number {
  const lower = query.toLowerCase();
  const index = identities.findIndex(
    (identity) =>
      identity.id === query ||
      identity.name.toLowerCase() === lower ||
      identity.aliases.includes(query as never),
  );
  if (index !== -1) return index;
  const close = identities
    .filter((identity) => identity.name.toLowerCase().includes(lower.slice(0, 3)))
    .map((identity) => identity.name)
    .slice(0, 5);
  throw new ConfigError(
    'IDENTITY_NOT_FOUND',
    `no identity named "${query}" in the scores (output/cred.credscores)`,
    {
      suggestions: [
        close.length > 0
          ? `Did you mean ${close.map((name) => `"${name}"`).join(', ')}?`
          : 'Give an identity name, id or account address as "cred score" lists them.',
      ],
    },
  );
}

function weekIndex(scored: ScoredInstance, text: string): number {
  const day = scored.result.process.params.weekStart;
  const weekMs = /^\d{4}-W\d{2}$/.test(text)
    ? parseIsoWeek(text, day)
    : /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))
      ? weekStartMs(Date.parse(text), day)
      : undefined;
  const weeks = scored.result.weekStartsMs;
  const range =
    weeks.length === 0
      ? 'output/cred.credscores has no weeks'
      : `weeks run from ${isoWeekName(weeks[0]!, day)} to ${isoWeekName(weeks.at(-1)!, day)}`;
  if (weekMs === undefined) {
    throw new UsageError('WEEK_INVALID', `--week: expected "2026-W12" or a date, got "${text}"`, {
      suggestions: [`Give an ISO week or a YYYY-MM-DD date; ${range}.`],
    });
  }
  const index = weeks.length === 0 ? -1 : (weekMs - weeks[0]!) / WEEK_MS;
  if (index < 0 || index >= weeks.length) {
    throw new UsageError('WEEK_OUT_OF_RANGE', `--week: ${text} is outside the scored weeks`, {
      suggestions: [`Choose a week in range: ${range}.`],
    });
  }
  return index;
}

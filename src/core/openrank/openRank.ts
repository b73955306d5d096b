/**
 * OpenRank (X-lab's project-internal model) as a cred algorithm. Month by month (calendar
 * months, UTC), the developers, contributions and containers active that month exchange value
 * along activity and belonging edges until the fixed point of OR = r c + (1 - r) S OR, where a
 * node's initial value c is what it inherited from its last active month (attenuated for every
 * month without activity, by its kind; cleared to zero below a minimum) or, for a new node, its
 * default: a developer's and a container's are settings, a contribution's is its mint.
 * Reactions raise a contribution's initial value (reactionBoost.ts). Only developers' actions
 * make a node active. Implemented from the published formulas
 * (reference/opencollective-ktoken.md part C); the GPL engine was not read.
 *
 * The result has CredRank's shape: a developer's cred in a month is its OpenRank that month,
 * spread over ISO weeks so that payouts, which prorate weeks by their days in a month, get back
 * the monthly value exactly (calendarMonths.ts). Decision 0302 lists each rule with its source
 * (the KToken document, open-digger's documentation) and what is our adaptation.
 */
import type { Graph } from '../graph.js';
import type { Identity } from '../identity.js';
import type { Convergence, CredScores } from '../scores.js';
import type { Weights } from '../weights.js';
import { WEEK_MS } from '../weeks.js';
import { buildActivityGraph, type ActivityGraph, type Reaction } from './activityGraph.js';
import { daysInMonth, monthStartMs, spreadMonthsOverWeeks, weekCover } from './calendarMonths.js';
import { solveMonth, type History } from './monthSystem.js';
import { ReactionBoost } from './reactionBoost.js';
import { checkOpenRankParams, DEFAULT_OPENRANK_PARAMS, type OpenRankParams } from './params.js';

export interface OpenRankMonth {
  readonly startMs: number;
  readonly nodes: number;
  /** Sum of initial values c. */
  readonly initialValue: number;
  /** Sum of OpenRank over all of the month's nodes. */
  readonly value: number;
  /** Value the month's reactions added to contributions (after the cap). */
  readonly reactionValue: number;
  readonly iterations: number;
  readonly residual: number;
  readonly converged: boolean;
}

export interface OpenRankResult extends CredScores {
  readonly algorithm: 'openrank';
  /** First day (00:00 UTC) of each month, ascending and contiguous. */
  readonly monthStartsMs: readonly number[];
  /** Per identity, OpenRank in each month (0 in months it was not active). */
  readonly monthlyByIdentity: readonly Float64Array[];
  readonly months: readonly OpenRankMonth[];
}

/**
 * Told after each month is solved: months done, months in all, and the month's solution (for
 * a command to show progress on a large graph). Observing changes nothing computed.
 */
export type MonthObserver = (done: number, count: number, month: OpenRankMonth) => void;

export function computeOpenRank(
  graph: Graph,
  weights: Weights,
  identities: readonly Identity[],
  params: OpenRankParams = DEFAULT_OPENRANK_PARAMS,
  observe: MonthObserver = () => {},
): OpenRankResult {
  checkOpenRankParams(params);
  const activity = buildActivityGraph(graph, weights, identities, params);
  const span = monthSpan(activity);
  const monthlyByIdentity = identities.map(() => new Float64Array(span.count));
  const total = activity.identityCount + activity.contributions.length + activity.containers.length;
  const history: History = {
    value: new Float64Array(total),
    month: new Int32Array(total).fill(-1),
  };
  const local = new Int32Array(total).fill(-1);
  const byMonth = edgesByMonth(activity, span);
  const reactionsByMonth = groupReactions(activity.reactions, span);
  const boost = new ReactionBoost(activity, params.reactions);
  const pendingBoost = new Float64Array(activity.contributions.length);
  const capPerWeek = weights.reactions?.capPerWeek ?? Infinity;
  const months: OpenRankMonth[] = [];
  for (let m = 0; m < span.count; m++) {
    const month = span.first + m;
    const reactions = boost.month(
      reactionsByMonth[m] as Reaction[],
      (capPerWeek * daysInMonth(month)) / 7,
    );
    for (const [j, value] of reactions.added) pendingBoost[j] = (pendingBoost[j] as number) + value;
    const edges = byMonth.order.subarray(byMonth.start[m], byMonth.start[m + 1]);
    const solution = solveMonth(activity, { month, edges, pendingBoost }, history, params, local);
    let initialValue = 0;
    let value = 0;
    solution.nodes.forEach((g, v) => {
      const or = solution.value[v] as number;
      history.value[g] = or;
      history.month[g] = month;
      if (g < activity.identityCount) (monthlyByIdentity[g] as Float64Array)[m] = or;
      initialValue += solution.initial[v] as number;
      value += or;
    });
    const { iterations, residual, converged } = solution;
    const solved: OpenRankMonth = {
      startMs: monthStartMs(month),
      nodes: solution.nodes.length,
      initialValue,
      value,
      reactionValue: reactions.total,
      iterations,
      residual,
      converged,
    };
    months.push(solved);
    observe(m + 1, span.count, solved);
  }
  return toScores(span, monthlyByIdentity, months);
}

interface MonthSpan {
  readonly first: number;
  readonly count: number;
}

/** Months from the first to the last month with an activity edge or a reaction. */
function monthSpan(activity: ActivityGraph): MonthSpan {
  let first = Infinity;
  let last = -Infinity;
  for (const month of activity.activity.month) {
    if (month < first) first = month;
    if (month > last) last = month;
  }
  for (const { month } of activity.reactions) {
    if (month < first) first = month;
    if (month > last) last = month;
  }
  return first === Infinity ? { first: 0, count: 0 } : { first, count: last - first + 1 };
}

/** Activity edge ids sorted by month (counting sort): month m is order[start[m], start[m+1]). */
function edgesByMonth(activity: ActivityGraph, span: MonthSpan) {
  const { month, count } = activity.activity;
  const start = new Int32Array(span.count + 1);
  for (let e = 0; e < count; e++) start[(month[e] as number) - span.first + 1]! += 1;
  for (let m = 0; m < span.count; m++) start[m + 1]! += start[m] as number;
  const cursor = start.slice(0, span.count);
  const order = new Int32Array(count);
  for (let e = 0; e < count; e++) order[cursor[(month[e] as number) - span.first]!++] = e;
  return { start, order };
}

function groupReactions(reactions: readonly Reaction[], span: MonthSpan): Reaction[][] {
  const groups = Array.from({ length: span.count }, (): Reaction[] => []);
  for (const reaction of reactions) groups[reaction.month - span.first]?.push(reaction);
  return groups;
}

function toScores(
  span: MonthSpan,
  monthlyByIdentity: Float64Array[],
  months: OpenRankMonth[],
): OpenRankResult {
  const cover = weekCover(span.first, span.count);
  const credByIdentity = monthlyByIdentity.map((monthly) =>
    monthly.some((value) => value !== 0)
      ? spreadMonthsOverWeeks(cover, monthly)
      : new Float64Array(cover.weekCount),
  );
  const convergence: Convergence = {
    iterations: Math.max(0, ...months.map((month) => month.iterations)),
    residual: Math.max(0, ...months.map((month) => month.residual)),
    converged: months.every((month) => month.converged),
  };
  return {
    algorithm: 'openrank',
    weekStartsMs: Array.from(
      { length: cover.weekCount },
      (_, w) => cover.firstWeekMs + w * WEEK_MS,
    ),
    credByIdentity,
    totalMint: months.reduce((sum, month) => sum + month.value, 0),
    convergence,
    monthStartsMs: months.map((month) => month.startMs),
    monthlyByIdentity,
    months,
  };
}

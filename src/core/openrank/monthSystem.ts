/**
 * One month of OpenRank: the nodes active that month, their initial values, the transition
 * matrix S and the fixed point of
 *
 *   OR_v = r_v c_v + (1 - r_v) * sum over u -> v of S[v, u] OR_u
 *
 * (reference/opencollective-ktoken.md C1), found by iterating from OR = c. Every active node
 * sends all its value somewhere (S is column-stochastic), so with one retention for all nodes
 * the month's total is conserved: sum OR = sum c. With per-type retention (the documented
 * model's default), what is conserved is sum r/(1-r) OR = sum r/(1-r) c; the tests check both.
 *
 * Nodes have one global id: identity i is i, contribution j is I + j, container k is I + C + k.
 */
import { TransitionBuilder } from '../credrank/transitionBuilder.js';
import type { ActivityGraph } from './activityGraph.js';
import type { OpenRankParams, PerNodeKind } from './params.js';

/** What each node carries into later months: its last value and the month it had it. */
export interface History {
  readonly value: Float64Array;
  /** Month number of the last value, -1 when the node has none. */
  readonly month: Int32Array;
}

export interface MonthSolution {
  /** Global ids of the month's nodes. */
  readonly nodes: Int32Array;
  /** Initial value c of each node (inherited or default, plus what reactions added). */
  readonly initial: Float64Array;
  /** OpenRank of each node. */
  readonly value: Float64Array;
  readonly iterations: number;
  /** L1 change of the last step relative to the month's total initial value. */
  readonly residual: number;
  readonly converged: boolean;
}

export interface MonthInput {
  readonly month: number;
  /** Activity edge ids of this month. */
  readonly edges: Int32Array;
  /**
   * Per contribution, what reactions raised its initial value by and it has not yet carried
   * (reactionBoost.ts); the month's active contributions take it and it is set to 0.
   */
  readonly pendingBoost: Float64Array;
}

export function solveMonth(
  graph: ActivityGraph,
  input: MonthInput,
  history: History,
  params: OpenRankParams,
  local: Int32Array,
): MonthSolution {
  const nodes = indexMonth(graph, input, local);
  try {
    const initial = initialValues(graph, nodes, input, history, params);
    const transitions = buildTransitions(graph, input.edges, nodes, local, params.belongRatio);
    const retention = byKind(graph, nodes, params.retention);
    return { nodes, initial, ...iterate(transitions, retention, initial, params) };
  } finally {
    for (const g of nodes) local[g] = -1;
  }
}

/**
 * The month's nodes: developers and contributions of its activity edges (developers' actions
 * only: a reaction alone does not make a contribution active), and their containers.
 */
function indexMonth(graph: ActivityGraph, input: MonthInput, local: Int32Array): Int32Array {
  const list: number[] = [];
  const touch = (g: number): void => {
    if (local[g] !== -1) return;
    local[g] = list.length;
    list.push(g);
  };
  const I = graph.identityCount;
  const C = graph.contributions.length;
  const { identity, contribution } = graph.activity;
  for (const e of input.edges) {
    touch(identity[e] as number);
    touch(I + (contribution[e] as number));
  }
  const contributionsEnd = list.length;
  for (let v = 0; v < contributionsEnd; v++) {
    const g = list[v] as number;
    if (g >= I) touch(I + C + (graph.containerOf[g - I] as number));
  }
  return Int32Array.from(list);
}

function initialValues(
  graph: ActivityGraph,
  nodes: Int32Array,
  input: MonthInput,
  history: History,
  params: OpenRankParams,
): Float64Array {
  const I = graph.identityCount;
  const C = graph.contributions.length;
  const attenuation = byKind(graph, nodes, params.attenuationPerMonth);
  const initial = new Float64Array(nodes.length);
  nodes.forEach((g, v) => {
    const inherited = inheritedValue(history, g, input.month, attenuation[v] as number, params);
    if (inherited !== undefined) initial[v] = inherited;
    else if (g < I) initial[v] = params.initialValue.developer;
    else if (g < I + C) initial[v] = graph.defaultValue[g - I] as number;
    else initial[v] = params.initialValue.container;
    if (g >= I && g < I + C) {
      initial[v] = (initial[v] as number) + (input.pendingBoost[g - I] as number);
      input.pendingBoost[g - I] = 0;
    }
  });
  return initial;
}

/**
 * Last month's value, times `attenuation` for each month without activity in between; 0 when
 * an attenuated value is below the minimum (cleared, not reset to the default: open-digger's
 * "clear the value if it attenuates to a smaller one"); undefined when the node has no history,
 * or none within `historyMonths`.
 */
export function inheritedValue(
  history: History,
  g: number,
  month: number,
  attenuation: number,
  params: OpenRankParams,
): number | undefined {
  const last = history.month[g] as number;
  if (last < 0) return undefined;
  const idle = month - last - 1;
  if (params.historyMonths !== null && idle >= params.historyMonths) return undefined;
  if (idle === 0) return history.value[g] as number;
  const value = (history.value[g] as number) * attenuation ** idle;
  return value < params.minimumValue ? 0 : value;
}

/** One value per node of the month, by its kind (developer, contribution, container). */
function byKind(graph: ActivityGraph, nodes: Int32Array, values: PerNodeKind): Float64Array {
  const I = graph.identityCount;
  const C = graph.contributions.length;
  const { developer, contribution, container } = values;
  return Float64Array.from(nodes, (g) =>
    g < I ? developer : g < I + C ? contribution : container,
  );
}

/**
 * S over local indexes; each node's shares sum to 1. A developer sends everything to its
 * contributions (by activity weight toward them), a contribution 1 - belongRatio to its
 * developers (by weight toward them) and belongRatio to its container (everything when no
 * weight points to a developer), a container an equal share to each active contribution.
 */
function buildTransitions(
  graph: ActivityGraph,
  edges: Int32Array,
  nodes: Int32Array,
  local: Int32Array,
  belongRatio: number,
): TransitionBuilder {
  const I = graph.identityCount;
  const C = graph.contributions.length;
  const { identity, contribution, toContribution, toIdentity } = graph.activity;
  const n = nodes.length;
  const developerOut = new Float64Array(n);
  const developerDegree = new Int32Array(n);
  const contributionOut = new Float64Array(n);
  const members = new Int32Array(n);
  for (const e of edges) {
    const d = local[identity[e] as number] as number;
    const c = local[I + (contribution[e] as number)] as number;
    developerOut[d] = (developerOut[d] as number) + (toContribution[e] as number);
    developerDegree[d] = (developerDegree[d] as number) + 1;
    contributionOut[c] = (contributionOut[c] as number) + (toIdentity[e] as number);
  }
  const containerOf = (v: number): number =>
    local[I + C + (graph.containerOf[(nodes[v] as number) - I] as number)] as number;
  const t = new TransitionBuilder(n, 2 * edges.length + 2 * n);
  const add = (src: number, dst: number, share: number): void => t.add(src, dst, share);
  for (const e of edges) {
    const d = local[identity[e] as number] as number;
    const c = local[I + (contribution[e] as number)] as number;
    const out = developerOut[d] as number;
    // A developer whose edges all weigh 0 toward contributions shares equally among them.
    add(d, c, out > 0 ? (toContribution[e] as number) / out : 1 / (developerDegree[d] as number));
    const back = contributionOut[c] as number;
    if (back > 0) add(c, d, ((1 - belongRatio) * (toIdentity[e] as number)) / back);
  }
  for (let v = 0; v < n; v++) {
    const g = nodes[v] as number;
    if (g < I || g >= I + C) continue;
    const k = containerOf(v);
    members[k] = (members[k] as number) + 1;
    add(v, k, (contributionOut[v] as number) > 0 ? belongRatio : 1);
  }
  for (let v = 0; v < n; v++) {
    const g = nodes[v] as number;
    if (g >= I && g < I + C) add(containerOf(v), v, 1 / (members[containerOf(v)] as number));
  }
  return t;
}

function iterate(
  t: TransitionBuilder,
  retention: Float64Array,
  initial: Float64Array,
  params: OpenRankParams,
): Pick<MonthSolution, 'value' | 'iterations' | 'residual' | 'converged'> {
  const n = initial.length;
  const { inStart, inSource, inProbability: inShare } = t.toCsr();
  let total = 0;
  for (const c of initial) total += c;
  let current = Float64Array.from(initial);
  let next = new Float64Array(n);
  let residual = total > 0 ? Infinity : 0;
  let iterations = 0;
  while (iterations < params.maxIterations && residual >= params.tolerance) {
    let change = 0;
    for (let v = 0; v < n; v++) {
      let inflow = 0;
      const end = inStart[v + 1] as number;
      for (let k = inStart[v] as number; k < end; k++) {
        inflow += (current[inSource[k] as number] as number) * (inShare[k] as number);
      }
      const r = retention[v] as number;
      const value = r * (initial[v] as number) + (1 - r) * inflow;
      next[v] = value;
      change += Math.abs(value - (current[v] as number));
    }
    [current, next] = [next, current];
    residual = change / total;
    iterations++;
  }
  return { value: current, iterations, residual, converged: residual < params.tolerance };
}

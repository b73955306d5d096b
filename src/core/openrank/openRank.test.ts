import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Graph } from '../graph.js';
import {
  buildGraph,
  edge,
  identity,
  node,
  randomCommunity,
  TEST_WEIGHTS,
} from '../testing/graphs.js';
import { act as actOn, FEB, JAN, MAR, users, work } from '../testing/openRankGraphs.js';
import type { Weights } from '../weights.js';
import { buildActivityGraph } from './activityGraph.js';
import { computeOpenRank, type OpenRankMonth } from './openRank.js';
import { solveMonth } from './monthSystem.js';
import {
  DEFAULT_OPENRANK_PARAMS,
  flatOpenRankParams,
  OPEN_DIGGER_OPENRANK_PARAMS,
  type OpenRankParams,
} from './params.js';

const FC = { seed: 20261122, numRuns: 100 };

/** Activity edges weigh the same both ways; contributions mint 2. */
const WEIGHTS: Weights = {
  nodes: new Map([
    ['t/user', 0],
    ['t/contribution', 2],
  ]),
  edges: new Map([
    ['t/acts', { forwards: 1, backwards: 1 }],
    ['t/reacts', { forwards: 1, backwards: 0 }],
    ['t/references', { forwards: 1, backwards: 1 }],
  ]),
};

/** open-digger's documented model: attenuation 0.8 for every node kind. */
const EXACT: OpenRankParams = { ...OPEN_DIGGER_OPENRANK_PARAMS, tolerance: 1e-15 };
const UNIFORM: OpenRankParams = {
  ...EXACT,
  retention: { developer: 0.15, contribution: 0.15, container: 0.15 },
};

const contribution = (graph: Graph, key: string, timestampMs: number, weight?: number) =>
  work(graph, `contribution/${key}`, timestampMs, 'R', weight);

const act = (graph: Graph, user: string, key: string, timestampMs: number, weight = 1) =>
  actOn(graph, user, `contribution/${key}`, timestampMs, weight);

/** January: a (activity 2) and b (activity 1) work on issue i (mint 2) of repository R. */
function january(): Graph {
  const graph = new Graph();
  users(graph, 'a', 'b');
  contribution(graph, 'i', JAN);
  act(graph, 'a', 'i', JAN, 2);
  act(graph, 'b', 'i', JAN);
  return graph;
}

const AB = [identity('a', 't/user/a'), identity('b', 't/user/b')];

describe('core/openrank/openRank', () => {
  it('computeOpenRank(graph) matches the hand-solved fixed point of one month', () => {
    // Nodes a, b (developers, c = 1), i (c = 2), R (container, c = 1). S: i -> a 0.9 * 2/3,
    // i -> b 0.9 * 1/3, i -> R 0.1; a, b and R send all to i. Retention 0.15, i 0.8:
    //   a = 0.15 + 0.85 * 0.6 i = 0.15 + 0.51 i,   b = 0.15 + 0.255 i,   R = 0.15 + 0.085 i
    //   i = 0.8 * 2 + 0.2 (a + b + R) = 1.6 + 0.2 (0.45 + 0.85 i)  =>  0.83 i = 1.69
    // so i = 169/83, a = 98.64/83, b = 55.545/83, R = 26.815/83; total 350/83, not 5: with
    // per-type retention the total is not conserved, but sum r/(1-r) OR = sum r/(1-r) c is.
    const result = computeOpenRank(january(), WEIGHTS, AB, EXACT);
    const [a, b] = result.monthlyByIdentity;
    expect(a?.[0]).toBeCloseTo(98.64 / 83, 9);
    expect(b?.[0]).toBeCloseTo(55.545 / 83, 9);
    expect(result.months[0]?.value).toBeCloseTo(350 / 83, 9);
    expect(result.months[0]?.initialValue).toBe(5);
    const w = (r: number) => r / (1 - r);
    const weighted = w(0.15) * ((98.64 + 55.545 + 26.815) / 83) + w(0.8) * (169 / 83);
    expect(weighted).toBeCloseTo(w(0.15) * 3 + w(0.8) * 2, 12);
    expect(result.monthStartsMs).toEqual([Date.UTC(2026, 0, 1)]);
    expect(result.convergence.converged).toBe(true);
  });

  it('computeOpenRank(graph) with one retention conserves the month total (hand-solved)', () => {
    // Same month, retention 0.15 everywhere: i = 0.3 + 0.85 (0.45 + 0.85 i) => i = 91/37,
    // a = 0.15 + 0.51 * 91/37 = 51.96/37; a + b + R + i = 5 = sum of c.
    const result = computeOpenRank(january(), WEIGHTS, AB, UNIFORM);
    expect(result.monthlyByIdentity[0]?.[0]).toBeCloseTo(51.96 / 37, 9);
    expect(result.months[0]?.value).toBeCloseTo(5, 12);
  });

  it('computeOpenRank(graph) spreads a month over its weeks so that payouts get it back', () => {
    // January 2026 starts on a Thursday: the week of Dec 29 and that of Jan 26 straddle months
    // with no value and get 0; the three whole weeks share the month's value.
    const result = computeOpenRank(january(), WEIGHTS, AB, EXACT);
    const a = 98.64 / 83;
    expect(result.weekStartsMs).toEqual([29, 36, 43, 50, 57].map((d) => Date.UTC(2025, 11, d)));
    const weekly = [...(result.credByIdentity[0] as Float64Array)];
    expect(weekly[0]).toBe(0);
    expect(weekly[4]).toBe(0);
    for (const value of weekly.slice(1, 4)) expect(value).toBeCloseTo(a / 3, 12);
  });

  it('computeOpenRank(graph) inherits, attenuates and forgets as hand-solved over three months', () => {
    // February: a works on j (mint 2 * 1.5 = 3) in R. a inherits A0 and R inherits R0:
    //   j = 2.4 + 0.2 (0.15 (A0 + R0) + 0.85 j)  =>  j = (2.4 + 0.03 (A0 + R0)) / 0.83
    //   a = 0.15 A0 + 0.765 j,   R1 = 0.15 R0 + 0.085 j
    // March: b comments on i again. b and i were idle in February: c_b = 0.8 B0, c_i = 0.8 I0;
    // R was active: c_R = R1. i = (0.8 c_i + 0.03 (c_b + c_R)) / 0.83, b = 0.15 c_b + 0.765 i.
    const graph = january();
    contribution(graph, 'j', FEB, 1.5);
    act(graph, 'a', 'j', FEB);
    act(graph, 'b', 'i', MAR);
    const result = computeOpenRank(graph, WEIGHTS, AB, EXACT);
    const [A0, B0, R0, I0] = [98.64 / 83, 55.545 / 83, 26.815 / 83, 169 / 83];
    const j = (2.4 + 0.03 * (A0 + R0)) / 0.83;
    const R1 = 0.15 * R0 + 0.085 * j;
    const i = (0.8 * 0.8 * I0 + 0.03 * (0.8 * B0 + R1)) / 0.83;
    expect([...(result.monthlyByIdentity[0] as Float64Array)].map(round)).toEqual(
      [A0, 0.15 * A0 + 0.765 * j, 0].map(round),
    );
    expect([...(result.monthlyByIdentity[1] as Float64Array)].map(round)).toEqual(
      [B0, 0, 0.15 * 0.8 * B0 + 0.765 * i].map(round),
    );
    // With one month of history, idle b and i start again from their defaults in March.
    const short = computeOpenRank(graph, WEIGHTS, AB, { ...EXACT, historyMonths: 1 });
    expect(short.months[2]?.initialValue).toBeCloseTo(1 + 2 + R1, 12);
    // Below a minimum of 2 the attenuated values are cleared to 0 (b: 0.8 B0 = 0.54, i: 0.8 I0 =
    // 1.63), not reset to their defaults; R, active in February, keeps R1 (not attenuated).
    const strict = computeOpenRank(graph, WEIGHTS, AB, { ...EXACT, minimumValue: 2 });
    expect(strict.months[2]?.initialValue).toBeCloseTo(0 + 0 + R1, 12);
  });

  it('computeOpenRank(graph) raises initial values by reaction edges and nodes, capped per reactor', () => {
    // c reacts to i (an edge of intrinsic weight 2: factor 2) and to k (a reaction node of
    // weight 3: factor 3): i's mint 2 becomes 2 * 2 = 4 (+2), k's 2 * 3 = 6 (+4).
    const graph = january();
    users(graph, 'c');
    contribution(graph, 'k', JAN);
    act(graph, 'b', 'k', JAN);
    graph.addEdge({
      address: edge('t/reacts/c/i'),
      src: node('t/user/c'),
      dst: node('t/contribution/i'),
      timestampMs: JAN,
      weight: 2,
    });
    graph.addNode({ address: node('t/like/1'), description: 'like', timestampMs: null, weight: 3 });
    graph.addEdge({
      address: edge('t/acts/c/like'),
      src: node('t/user/c'),
      dst: node('t/like/1'),
      timestampMs: JAN,
    });
    graph.addEdge({
      address: edge('t/references/like/k'),
      src: node('t/like/1'),
      dst: node('t/contribution/k'),
      timestampMs: JAN,
    });
    const identities = [...AB, identity('c', 't/user/c')];
    const reactions = { capPerWeek: undefined, nodes: ['t/like'], edges: ['t/reacts'] };
    const weights: Weights = { ...WEIGHTS, reactions };
    const free = computeOpenRank(graph, weights, identities, EXACT);
    expect(free.months[0]?.reactionValue).toBeCloseTo(2 + 4, 12);
    expect(free.months[0]?.initialValue).toBeCloseTo(1 + 1 + 1 + 4 + 6, 12);
    expect(free.monthlyByIdentity[2]?.[0]).toBe(0);
    // A cap of 1.4 per week is 6.2 for January's 31 days: no effect. 0.7 a week is 3.1.
    const loose = { ...weights, reactions: { ...reactions, capPerWeek: 1.4 } };
    expect(computeOpenRank(graph, loose, identities, EXACT).months[0]?.reactionValue).toBeCloseTo(
      6,
      12,
    );
    const tight = { ...weights, reactions: { ...reactions, capPerWeek: 0.7 } };
    expect(computeOpenRank(graph, tight, identities, EXACT).months[0]?.reactionValue).toBeCloseTo(
      3.1,
      12,
    );
  });

  it('computeOpenRank(graph) gives an alt-account reaction ring at most its cap in the month', () => {
    // With one retention, OR = K c with K column-stochastic: the ring's gain from value its
    // reactions add (each alt at most cap * 31/7 in January) is at most what they add. Counted
    // one by one (combine "each"), 40 reactions take each alt's contribution to the ceiling.
    const graph = new Graph();
    const alts = ['x1', 'x2', 'x3'];
    users(graph, 'a', 'b', ...alts);
    contribution(graph, 'i', JAN);
    act(graph, 'a', 'i', JAN, 2);
    act(graph, 'b', 'i', JAN);
    for (const alt of alts) {
      contribution(graph, alt, JAN);
      act(graph, alt, alt, JAN);
    }
    const ring = graph.edgeCount;
    for (const from of alts) {
      for (const to of alts) {
        for (let n = 0; from !== to && n < 20; n++) {
          graph.addEdge({
            address: edge(`t/reacts/${from}/${to}/${n}`),
            src: node(`t/user/${from}`),
            dst: node(`t/contribution/${to}`),
            timestampMs: JAN,
          });
        }
      }
    }
    expect(graph.edgeCount - ring).toBe(120);
    const identities = ['a', 'b', ...alts].map((name) => identity(name, `t/user/${name}`));
    const cap = 0.5;
    const weights = (capPerWeek: number | undefined): Weights => ({
      ...WEIGHTS,
      reactions: { capPerWeek, nodes: [], edges: ['t/reacts'] },
    });
    const params: OpenRankParams = { ...UNIFORM, reactions: { combine: 'each', ceiling: 9 } };
    const ringValue = (capPerWeek: number | undefined, g: Graph) =>
      computeOpenRank(g, weights(capPerWeek), identities, params)
        .monthlyByIdentity.slice(2)
        .reduce((sum, monthly) => sum + (monthly[0] as number), 0);
    const without = new Graph();
    for (const n of graph.nodes()) without.addNode(n);
    for (const e of graph.edges()) if (!e.address.startsWith('t/reacts')) without.addEdge(e);
    const capped = computeOpenRank(graph, weights(cap), identities, params).months[0]!;
    expect(capped.reactionValue).toBeCloseTo((3 * cap * 31) / 7, 9);
    const gain = ringValue(cap, graph) - ringValue(cap, without);
    expect(gain).toBeGreaterThan(0);
    expect(gain).toBeLessThanOrEqual(capped.reactionValue + 1e-9);
    expect(ringValue(undefined, graph) - ringValue(cap, without)).toBeGreaterThan(gain);
  });

  it('computeOpenRank(graph) with one retention conserves every month, in any random community', () => {
    fc.assert(
      fc.property(
        randomCommunity,
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (community, retention, belongRatio) => {
          const params: OpenRankParams = {
            ...EXACT,
            tolerance: 1e-13,
            belongRatio,
            retention: { developer: retention, contribution: retention, container: retention },
          };
          const result = computeOpenRank(
            buildGraph(community),
            TEST_WEIGHTS,
            community.identities,
            params,
          );
          for (const month of result.months) {
            expect(Math.abs(month.value - month.initialValue)).toBeLessThanOrEqual(
              1e-9 * Math.max(1, month.initialValue),
            );
          }
          for (const monthly of result.monthlyByIdentity) {
            for (const value of monthly) expect(value).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      FC,
    );
  });

  it('computeOpenRank tells each month as it is solved, in order, and computes the same', () => {
    fc.assert(
      fc.property(randomCommunity, (community) => {
        const graph = buildGraph(community);
        const told: [number, number, OpenRankMonth][] = [];
        const observed = computeOpenRank(
          graph,
          TEST_WEIGHTS,
          community.identities,
          EXACT,
          (...args) => told.push(args),
        );
        const plain = computeOpenRank(graph, TEST_WEIGHTS, community.identities, EXACT);
        expect(observed.monthlyByIdentity).toEqual(plain.monthlyByIdentity);
        const count = observed.months.length;
        expect(told.map(([done, all]) => [done, all])).toEqual(
          Array.from({ length: count }, (_, m) => [m + 1, count]),
        );
        expect(told.map(([, , month]) => month)).toEqual(observed.months);
      }),
      { ...FC, numRuns: 50 },
    );
  });

  it('solveMonth(...) keeps sum r/(1-r) OR = sum r/(1-r) c with per-type retention', () => {
    fc.assert(
      fc.property(randomCommunity, (community) => {
        const activity = buildActivityGraph(
          buildGraph(community),
          TEST_WEIGHTS,
          community.identities,
        );
        if (activity.activity.count === 0) return;
        const month = activity.activity.month[0] as number;
        const edges = Int32Array.from(
          [...activity.activity.month.keys()].filter((e) => activity.activity.month[e] === month),
        );
        const total =
          activity.identityCount + activity.contributions.length + activity.containers.length;
        const solution = solveMonth(
          activity,
          { month, edges, pendingBoost: new Float64Array(activity.contributions.length) },
          { value: new Float64Array(total), month: new Int32Array(total).fill(-1) },
          { ...EXACT, tolerance: 1e-14 },
          new Int32Array(total).fill(-1),
        );
        const I = activity.identityCount;
        const C = activity.contributions.length;
        const w = (g: number) => (g < I ? 0.15 / 0.85 : g < I + C ? 0.8 / 0.2 : 0.15 / 0.85);
        let before = 0;
        let after = 0;
        solution.nodes.forEach((g, v) => {
          before += w(g) * (solution.initial[v] as number);
          after += w(g) * (solution.value[v] as number);
        });
        expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-9 * Math.max(1, before));
      }),
      FC,
    );
  });

  it('computeOpenRank(graph) takes new contributions at their shaped mint (containers, budgets)', () => {
    // i mints 2; a container multiplier of 0.5 makes it 1, a budget of 0.8 a week 0.8.
    const halved: Weights = { ...WEIGHTS, containers: new Map([['t/repo', 0.5]]) };
    const result = computeOpenRank(january(), halved, AB, EXACT);
    expect(result.months[0]?.initialValue).toBeCloseTo(4, 12);
    const budgeted: Weights = { ...halved, budgets: new Map([['t', 0.8]]) };
    expect(computeOpenRank(january(), budgeted, AB, EXACT).months[0]?.initialValue).toBeCloseTo(
      3.8,
      12,
    );
  });

  it('flatOpenRankParams(params) names every setting as in cred.json', () => {
    expect(flatOpenRankParams(DEFAULT_OPENRANK_PARAMS)).toMatchObject({
      'retention.contribution': 0.8,
      'attenuationPerMonth.contribution': 0.5,
      'attenuationPerMonth.developer': 0.85,
      'reactions.combine': 'kinds',
      'reactions.ceiling': 9,
      historyMonths: 'none',
    });
    expect(flatOpenRankParams({ ...DEFAULT_OPENRANK_PARAMS, historyMonths: 3 }).historyMonths).toBe(
      3,
    );
  });

  it('computeOpenRank(graph) of an empty graph has no months and no weeks', () => {
    const result = computeOpenRank(new Graph(), WEIGHTS, []);
    expect(result.weekStartsMs).toEqual([]);
    expect(result.months).toEqual([]);
    expect(result.totalMint).toBe(0);
    expect(result.convergence.converged).toBe(true);
  });

  it('computeOpenRank(graph, params) rejects parameters out of range, naming the setting', () => {
    const bad = (params: Partial<OpenRankParams>, text: RegExp) =>
      expect(() =>
        computeOpenRank(new Graph(), WEIGHTS, [], { ...DEFAULT_OPENRANK_PARAMS, ...params }),
      ).toThrow(
        expect.objectContaining({
          code: 'OPENRANK_BAD_PARAM',
          message: expect.stringMatching(text),
        }),
      );
    bad({ retention: { developer: 0, contribution: 1, container: 1 } }, /retention.developer/);
    bad({ initialValue: { developer: -1, container: 1 } }, /initialValue.developer/);
    bad({ belongRatio: 2 }, /belongRatio/);
    bad(
      { attenuationPerMonth: { developer: 0.85, contribution: -0.1, container: 1 } },
      /attenuationPerMonth.contribution/,
    );
    bad({ minimumValue: -1 }, /minimumValue/);
    bad({ reactions: { combine: 'kinds', ceiling: 0.5 } }, /reactions.ceiling/);
    bad({ reactions: { combine: 'all' as 'each', ceiling: 9 } }, /reactions.combine/);
    bad({ historyMonths: 0 }, /historyMonths/);
    bad({ tolerance: 0 }, /^cred.tolerance/);
    bad({ maxIterations: 1.5 }, /^cred.maxIterations/);
  });

  it('computeOpenRank(graph) reports non-convergence instead of hiding it', () => {
    const result = computeOpenRank(january(), WEIGHTS, AB, { ...EXACT, maxIterations: 2 });
    expect(result.convergence).toMatchObject({ iterations: 2, converged: false });
  });
});

function round(value: number): string {
  return value.toFixed(9);
}

import { describe, expect, it } from 'vitest';
import { Graph } from '../graph.js';
import { identity } from '../testing/graphs.js';
import {
  act,
  comment,
  FEB,
  JAN,
  link,
  MAR,
  monthMs,
  PART_OF,
  PRESET_WEIGHTS,
  react,
  users,
  work,
} from '../testing/openRankGraphs.js';
import type { Weights } from '../weights.js';
import { computeOpenRank } from './openRank.js';
import {
  KTOKEN_OPENRANK_PARAMS,
  OPEN_DIGGER_OPENRANK_PARAMS,
  type OpenRankParams,
} from './params.js';

/**
 * One rule of the presets per test, each computed by hand. Most months below have one developer
 * a acting on one issue i of repository R, with initial values ca, ci, cR. Retention is 0.15 for
 * a and R and 0.8 for i; a sends everything to i, i sends 0.9 to a and 0.1 to R, R everything
 * to i. So a = 0.15 ca + 0.85 * 0.9 i, R = 0.15 cR + 0.85 * 0.1 i, and
 *   i = 0.8 ci + 0.2 (a + R) = 0.8 ci + 0.03 (ca + cR) + 0.17 i  =>  i = (0.8 ci + 0.03 (ca + cR)) / 0.83
 */
function solo(ca: number, ci: number, cR: number) {
  const i = (0.8 * ci + 0.03 * (ca + cR)) / 0.83;
  return { a: 0.15 * ca + 0.765 * i, i, R: 0.15 * cR + 0.085 * i };
}

const KTOKEN: OpenRankParams = { ...KTOKEN_OPENRANK_PARAMS, partOf: PART_OF, tolerance: 1e-15 };
const OPEN_DIGGER: OpenRankParams = {
  ...OPEN_DIGGER_OPENRANK_PARAMS,
  partOf: PART_OF,
  tolerance: 1e-15,
};
const OPEN_DIGGER_WEIGHTS: Weights = {
  ...PRESET_WEIGHTS,
  nodes: new Map([...PRESET_WEIGHTS.nodes, ['t/issue', 2]]),
};

const people = (...names: string[]) => names.map((name) => identity(name, `t/user/${name}`));

/** January: a opens issue i in R. */
function january(): Graph {
  const graph = new Graph();
  users(graph, 'a', 'b', 'c');
  work(graph, 'issue/i', JAN);
  act(graph, 'a', 'issue/i', JAN);
  return graph;
}

const ABC = people('a', 'b', 'c');

describe('core/openrank/params', () => {
  it('ktoken: an issue starts at 1, a PR at 5, a developer and a project at 1', () => {
    // ca = ci = cR = 1: i = (0.8 + 0.06) / 0.83 = 0.86/0.83, a = 0.15 + 0.765 * 0.86/0.83
    //   = (0.1245 + 0.6579) / 0.83 = 0.7824/0.83.
    const issue = computeOpenRank(january(), PRESET_WEIGHTS, ABC, KTOKEN);
    expect(issue.months[0]?.initialValue).toBe(1 + 1 + 1);
    expect(issue.monthlyByIdentity[0]?.[0]).toBeCloseTo(0.7824 / 0.83, 12);
    // A PR instead: ci = 5, i = (4 + 0.06) / 0.83, a = (0.1245 + 0.765 * 4.06) / 0.83 = 3.2304/0.83.
    const graph = new Graph();
    users(graph, 'a', 'b', 'c');
    work(graph, 'pull/p', JAN);
    act(graph, 'a', 'pull/p', JAN);
    const pull = computeOpenRank(graph, PRESET_WEIGHTS, ABC, KTOKEN);
    expect(pull.months[0]?.initialValue).toBe(1 + 5 + 1);
    expect(pull.monthlyByIdentity[0]?.[0]).toBeCloseTo(3.2304 / 0.83, 12);
    expect(solo(1, 5, 1).a).toBeCloseTo(3.2304 / 0.83, 12);
    // open-digger's documented issue value is 2: 1 + 2 + 1.
    const od = computeOpenRank(january(), OPEN_DIGGER_WEIGHTS, ABC, OPEN_DIGGER);
    expect(od.months[0]?.initialValue).toBe(1 + 2 + 1);
  });

  it('ktoken: 👍 2×, ❤️ 3×, 🚀 4× the initial value, distinct kinds summed, at most 9×', () => {
    // a opens issues 1-5 (1 each); c reacts: 1 👍, 2 ❤️, 3 🚀, 4 👍❤️🚀👍, 5 👍👍.
    const graph = new Graph();
    users(graph, 'a', 'b', 'c');
    const reactions = [
      ['thumbs-up'],
      ['heart'],
      ['rocket'],
      ['thumbs-up', 'heart', 'rocket', 'thumbs-up'],
      ['thumbs-up', 'thumbs-up'],
    ];
    reactions.forEach((emojis, k) => {
      work(graph, `issue/${k + 1}`, JAN);
      act(graph, 'a', `issue/${k + 1}`, JAN);
      for (const emoji of emojis) react(graph, 'c', emoji, `issue/${k + 1}`, JAN);
    });
    // kinds: 2, 3, 4, 2 + 3 + 4 = 9 (the second 👍 adds nothing), 2. With a and R:
    // 1 + 1 + 2 + 3 + 4 + 9 + 2 = 22; reactions added 1 + 2 + 3 + 8 + 1 = 15.
    const kinds = computeOpenRank(graph, PRESET_WEIGHTS, ABC, KTOKEN).months[0]!;
    expect(kinds.initialValue).toBeCloseTo(22, 12);
    expect(kinds.reactionValue).toBeCloseTo(15, 12);
    // each: 2, 3, 4, min(9, 2 + 3 + 4 + 2 = 11) = 9, 2 + 2 = 4: 1 + 1 + 22 = 24; added 17.
    const eachParams = { ...KTOKEN, reactions: { combine: 'each' as const, ceiling: 9 } };
    const each = computeOpenRank(graph, PRESET_WEIGHTS, ABC, eachParams).months[0]!;
    expect(each.initialValue).toBeCloseTo(24, 12);
    expect(each.reactionValue).toBeCloseTo(17, 12);
    // A ceiling of 5: 2, 3, 4, 5, 2: 1 + 1 + 16 = 18; added 11.
    const low = { ...KTOKEN, reactions: { combine: 'kinds' as const, ceiling: 5 } };
    expect(computeOpenRank(graph, PRESET_WEIGHTS, ABC, low).months[0]?.initialValue).toBeCloseTo(
      18,
      12,
    );
    // c only reacted: not a developer (a, five issues, R: 7 nodes; c has no value).
    const result = computeOpenRank(graph, PRESET_WEIGHTS, ABC, KTOKEN);
    expect(result.months[0]?.nodes).toBe(7);
    expect(result.monthlyByIdentity[2]?.[0]).toBe(0);
  });

  it('ktoken: a reaction alone keeps no issue active; a later one joins its next active month', () => {
    // January: c ❤️ i, so ci = 3: (a1, i1, R1) = solo(1, 3, 1). February: c 👍 i only: no node
    // is active, i raises its initial value by 1 * (2 + 3 - 3) = 2 and carries it. March: b
    // comments on i (a part of i): i is active again with 0.5 i1 (one idle month) + 2; R
    // inherits 0.85 R1; b is new (1) and a, idle, is not in the month.
    const graph = january();
    react(graph, 'c', 'heart', 'issue/i', JAN);
    react(graph, 'c', 'thumbs-up', 'issue/i', FEB);
    comment(graph, 'b', 'q', 'issue/i', MAR);
    const result = computeOpenRank(graph, PRESET_WEIGHTS, ABC, KTOKEN);
    const jan = solo(1, 3, 1);
    expect(result.monthlyByIdentity[0]?.[0]).toBeCloseTo(jan.a, 12);
    expect(result.months[1]).toMatchObject({ nodes: 0, reactionValue: 2, value: 0 });
    const [cb, ci, cR] = [1, 0.5 * jan.i + 2, 0.85 * jan.R];
    expect(result.months[2]?.nodes).toBe(3);
    expect(result.months[2]?.initialValue).toBeCloseTo(cb + ci + cR, 12);
    expect(result.monthlyByIdentity[1]?.[2]).toBeCloseTo(solo(cb, ci, cR).a, 12);
    expect([...(result.monthlyByIdentity[2] as Float64Array)]).toEqual([0, 0, 0]);
  });

  it('ktoken: an idle issue keeps 50% a month, an idle developer and project 85%', () => {
    // January: (a1, i1, R1) = solo(1, 1, 1). February: b opens j in another repository Q; a, i
    // and R are idle. March: a comments on i: ca = 0.85 a1, ci = 0.5 i1, cR = 0.85 R1.
    const graph = january();
    work(graph, 'issue/j', FEB, 'Q');
    act(graph, 'b', 'issue/j', FEB);
    comment(graph, 'a', 'q', 'issue/i', MAR);
    const jan = solo(1, 1, 1);
    const run = (params: OpenRankParams) => computeOpenRank(graph, PRESET_WEIGHTS, ABC, params);
    const ktoken = run(KTOKEN);
    const march = solo(0.85 * jan.a, 0.5 * jan.i, 0.85 * jan.R);
    expect(ktoken.months[2]?.initialValue).toBeCloseTo(
      0.85 * jan.a + 0.5 * jan.i + 0.85 * jan.R,
      12,
    );
    expect(ktoken.monthlyByIdentity[0]?.[2]).toBeCloseTo(march.a, 12);
    // open-digger: 0.8 for every node: ca = 0.8 a1, ci = 0.8 i1, cR = 0.8 R1.
    const od = run(OPEN_DIGGER);
    expect(od.monthlyByIdentity[0]?.[2]).toBeCloseTo(
      solo(0.8 * jan.a, 0.8 * jan.i, 0.8 * jan.R).a,
      12,
    );
    // Settable per kind: developers and projects keep everything, issues nothing.
    const attenuationPerMonth = { developer: 1, contribution: 0, container: 1 };
    const custom = run({ ...KTOKEN, attenuationPerMonth });
    expect(custom.monthlyByIdentity[0]?.[2]).toBeCloseTo(solo(jan.a, 0, jan.R).a, 12);
  });

  it('ktoken: a value attenuated below 0.1 is cleared to zero, not reset to the default', () => {
    // a1 = 0.7824/0.83 = 0.942651, R1 = 0.15 + 0.085 * 0.86/0.83 = 0.238072. a comes back to a
    // new issue k after n idle months: 0.85^13 = 0.120905 and a1 * 0.85^13 = 0.113972 >= 0.1 is
    // kept; 0.85^14 = 0.102770 and a1 * 0.85^14 = 0.096876 < 0.1 is cleared to 0 (not 1). R:
    // R1 * 0.85^13 = 0.028784 < 0.1, cleared both times. k is new: 1.
    const jan = solo(1, 1, 1);
    const back = (idle: number) => {
      const graph = january();
      work(graph, 'issue/k', monthMs(idle + 1));
      act(graph, 'a', 'issue/k', monthMs(idle + 1));
      const result = computeOpenRank(graph, PRESET_WEIGHTS, ABC, KTOKEN);
      return { month: result.months[idle + 1]!, a: result.monthlyByIdentity[0]?.[idle + 1] };
    };
    expect(jan.a * 0.85 ** 13).toBeCloseTo(0.113972, 6);
    const kept = back(13);
    expect(kept.month.initialValue).toBeCloseTo(jan.a * 0.85 ** 13 + 1 + 0, 12);
    expect(kept.a).toBeCloseTo(solo(jan.a * 0.85 ** 13, 1, 0).a, 12);
    const cleared = back(14);
    expect(cleared.month.initialValue).toBeCloseTo(0 + 1 + 0, 12);
    // a's value comes from its work alone: 0.765 * 0.8/0.83 = 0.737349, less than the 1 a
    // reset would have started from.
    expect(cleared.a).toBeCloseTo((0.765 * 0.8) / 0.83, 12);
  });

  it('ktoken: commenting is activity on the issue (partOf), not a contribution of its own', () => {
    // a opens i, b comments on it: both act on i with weight 1. i sends 0.45 to a, 0.45 to b,
    // 0.1 to R; a = b = 0.15 + 0.85 * 0.45 i, R = 0.15 + 0.085 i,
    // i = 0.8 + 0.2 (0.45 + 0.85 i) = 0.89 + 0.17 i => i = 0.89/0.83;
    // b = (0.1245 + 0.3825 * 0.89) / 0.83 = 0.464925/0.83.
    const graph = january();
    comment(graph, 'b', 'q', 'issue/i', JAN);
    const folded = computeOpenRank(graph, PRESET_WEIGHTS, ABC, KTOKEN);
    expect(folded.months[0]?.nodes).toBe(4);
    expect(folded.monthlyByIdentity[1]?.[0]).toBeCloseTo(0.464925 / 0.83, 12);
    expect(folded.monthlyByIdentity[0]?.[0]).toBeCloseTo(0.464925 / 0.83, 12);
    // Without partOf the comment is a contribution (value 0) and b acts only on it.
    const apart = computeOpenRank(graph, PRESET_WEIGHTS, ABC, { ...KTOKEN, partOf: [] });
    expect(apart.months[0]?.nodes).toBe(5);
    // `contains` folds from the whole's side (a topic contains its posts): the same month.
    const forum = january();
    work(forum, 'post/p', JAN);
    act(forum, 'b', 'post/p', JAN);
    link(forum, 'contains', 'issue/i', 'post/p', JAN);
    const topic = computeOpenRank(forum, PRESET_WEIGHTS, ABC, {
      ...KTOKEN,
      contains: ['t/contains'],
    });
    expect(topic.months[0]?.nodes).toBe(4);
    expect(topic.monthlyByIdentity[1]?.[0]).toBeCloseTo(0.464925 / 0.83, 12);
  });
});

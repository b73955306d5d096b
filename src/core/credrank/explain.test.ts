import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  edge,
  identity,
  node,
  randomCommunity,
  T0,
  TEST_WEIGHTS,
  threeNodeGraph,
} from '../testing/graphs.js';
import { computeCredRank } from './credRank.js';
import { DEFAULT_CREDRANK_PARAMS } from './params.js';
import { explainChain, explainCred, participantChain } from './explain.js';

const FC = { seed: 20261121, numRuns: 150 };

const U_AND_V = [identity('u', 't/user/u'), identity('v', 't/user/v')];

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('core/credrank/explain', () => {
  it('explainCred(result, u, week) attributes a week to the contribution that entered it', () => {
    const result = computeCredRank(threeNodeGraph(), TEST_WEIGHTS, U_AND_V);
    const c = result.process.baseAddresses.indexOf(node('t/contribution/c'));
    const week0 = explainCred(result, 0, 0, 1);
    expect(week0.cred).toBeCloseTo(14.4 / 17, 9);
    expect(week0.sources).toEqual([{ node: c, entryWeek: 0, cred: week0.cred }]);
    // u's week 1 has no edge of its own: all of it is carried from week 0.
    const week1 = explainCred(result, 0, 1, 2);
    expect(week1.sources).toHaveLength(1);
    expect(week1.sources[0]).toMatchObject({ node: c, entryWeek: 0 });
    expect(week1.sources[0]?.cred).toBeCloseTo(1.6 / 17, 9);
    // v reacted in week 1; its week 0 cred is carried back from week 1.
    const v0 = explainCred(result, 1, 0, 1);
    expect(v0.sources).toEqual([{ node: c, entryWeek: 1, cred: v0.cred }]);
    expect(v0.cred).toBeCloseTo(0.1 / 17, 9);
    expect(week0.normalization).toBeCloseTo(1, 8);
  });

  it('explainCred(result, identity) without weeks explains all of its cred', () => {
    const result = computeCredRank(threeNodeGraph(), TEST_WEIGHTS, U_AND_V);
    const all = explainCred(result, 0);
    expect(all).toMatchObject({ fromWeek: 0, toWeek: 2 });
    expect(all.cred).toBeCloseTo(16 / 17, 9);
    expect(sum(all.sources.map((s) => s.cred))).toBe(all.cred);
  });

  it('explainCred(result, identity) of an identity without edges has no sources', () => {
    const result = computeCredRank(threeNodeGraph(), TEST_WEIGHTS, [
      ...U_AND_V,
      identity('w', 't/user/w'),
    ]);
    expect(participantChain(result, 2)).toBeUndefined();
    expect(explainCred(result, 2, 0, 1)).toEqual({
      identity: 2,
      fromWeek: 0,
      toWeek: 1,
      cred: 0,
      sources: [],
      normalization: 0,
    });
  });

  it('explainChain(chain, from, to) rejects weeks outside the chain', () => {
    const result = computeCredRank(threeNodeGraph(), TEST_WEIGHTS, U_AND_V);
    const chain = participantChain(result, 0)!;
    expect(() => explainChain(chain, 1, 3)).toThrow(/outside/);
    expect(() => explainChain(chain, 2, 1)).toThrow(/outside/);
    expect(explainChain(chain, 1, 1)).toMatchObject({ cred: 0, sources: [] });
  });

  it('explainCred(result, identity, week) lists shares adding up to the cred of that week', () => {
    fc.assert(
      fc.property(randomCommunity, (community) => {
        const result = computeCredRank(buildGraph(community), TEST_WEIGHTS, community.identities, {
          ...DEFAULT_CREDRANK_PARAMS,
          tolerance: 1e-15,
          maxIterations: 20_000,
        });
        community.identities.forEach((_, identity) => {
          const weekly = result.credByIdentity[identity]!;
          const chain = participantChain(result, identity);
          for (let week = 0; week < weekly.length; week++) {
            const explanation = explainCred(result, identity, week, week + 1);
            const cred = weekly[week]!;
            expect(
              Math.abs(sum(explanation.sources.map((s) => s.cred)) - cred),
            ).toBeLessThanOrEqual(1e-12 * Math.max(1, cred));
            // The factor only absorbs the convergence error of this week's mass.
            const mass = chain?.mass[week] ?? 0;
            if (cred > 0)
              expect(Math.abs(explanation.normalization - 1) * mass).toBeLessThan(1e-13);
            for (const source of explanation.sources) expect(source.cred).toBeGreaterThan(0);
          }
        });
      }),
      FC,
    );
  });

  it('explainCred(result, identity) of all weeks is the sum of its weekly explanations', () => {
    fc.assert(
      fc.property(randomCommunity, (community) => {
        const result = computeCredRank(buildGraph(community), TEST_WEIGHTS, community.identities);
        const chain = participantChain(result, 0);
        if (chain === undefined) return;
        const total = new Map<string, number>();
        for (let week = 0; week < chain.weekCount; week++) {
          for (const s of explainChain(chain, week, week + 1).sources) {
            const key = `${s.node}:${s.entryWeek}`;
            total.set(key, (total.get(key) ?? 0) + s.cred);
          }
        }
        const all = explainChain(chain, 0, chain.weekCount);
        expect(all.sources.length).toBe(total.size);
        for (const s of all.sources) {
          expect(s.cred).toBeCloseTo(total.get(`${s.node}:${s.entryWeek}`) ?? NaN, 9);
        }
      }),
      FC,
    );
  });

  it('explainCred(result, identity, week) names another participant as a source', () => {
    // u thanks v in week 0 (a person-to-person edge): part of v's cred comes from u.
    const graph = threeNodeGraph().addEdge({
      address: edge('t/authors/thanks'),
      src: node('t/user/v'),
      dst: node('t/user/u'),
      timestampMs: T0,
    });
    const result = computeCredRank(graph, TEST_WEIGHTS, U_AND_V);
    const v0 = explainCred(result, 1, 0, 1);
    const fromU = v0.sources.find((s) => s.node === -1);
    expect(fromU).toMatchObject({ node: -1, entryWeek: 0 });
    expect(sum(v0.sources.map((s) => s.cred))).toBeCloseTo(result.credByIdentity[1]![0]!, 12);
  });
});

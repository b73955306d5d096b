import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCredWithin } from '../testing/credAssertions.js';
import { buildGraph, randomCommunity, TEST_WEIGHTS } from '../testing/graphs.js';
import { computeCredRank, payoutMassOf, MIN_WARM_PAYOUT, type CredRankResult } from './credRank.js';
import { DEFAULT_CREDRANK_PARAMS } from './params.js';
import { addressHash, stationaryState, type StationaryState } from './warmStart.js';
import type { Graph } from '../graph.js';
import type { RandomCommunity } from '../testing/graphs.js';

function warmRun(graph: Graph, community: RandomCommunity, state: StationaryState) {
  return computeCredRank(graph, TEST_WEIGHTS, community.identities, DEFAULT_CREDRANK_PARAMS, state);
}

/** A warm start was used, unless the payout mass is small (then the run is cold). */
function expectWarm(warm: CredRankResult, cold: CredRankResult): void {
  const usable = payoutMassOf(cold.process, cold.stationary) >= MIN_WARM_PAYOUT;
  expect(warm.convergence.warmStart).toBe(usable ? true : undefined);
}

describe('core/credrank/warmStart', () => {
  it('a warm start from a smaller graph gives the cold result within 1e-9 of the mint', () => {
    fc.assert(
      fc.property(randomCommunity, fc.integer({ min: 1, max: 4 }), (community, every) => {
        // The previous run lacked every `every`-th edge and the last contribution's week.
        const lastWeek = Math.max(...community.edges.map((e) => e.timestampMs));
        const previous = buildGraph({
          ...community,
          edges: community.edges.filter(
            (e, k) => k % (every + 1) !== 0 || e.timestampMs > lastWeek,
          ),
        });
        const graph = buildGraph(community);
        const before = computeCredRank(previous, TEST_WEIGHTS, community.identities);
        const state = stationaryState(before.process, community.identities, before.stationary);
        const cold = computeCredRank(graph, TEST_WEIGHTS, community.identities);
        const warm = warmRun(graph, community, state);
        // A graph with no weighted edge never converges (the walk alternates with the seed).
        fc.pre(cold.convergence.converged);
        expect(warm.convergence.converged).toBe(true);
        expectCredWithin(warm, cold, 1e-9);
      }),
      { seed: 5, numRuns: 100 },
    );
  });

  it('base nodes whose address hashes collide only start worse, and converge alike', () => {
    fc.assert(
      fc.property(randomCommunity, (community) => {
        const graph = buildGraph(community);
        const cold = computeCredRank(graph, TEST_WEIGHTS, community.identities);
        fc.pre(cold.convergence.converged);
        const state = stationaryState(cold.process, community.identities, cold.stationary);
        const collided = { ...state, baseHashes: new Uint32Array(state.baseHashes.length) };
        const warm = warmRun(graph, community, collided);
        expectWarm(warm, cold);
        expectCredWithin(warm, cold, 1e-9);
      }),
      { seed: 7, numRuns: 50 },
    );
  });

  it('addressHash is FNV-1a over UTF-16 code units', () => {
    expect(addressHash('')).toBe(0x811c9dc5);
    expect(addressHash('a')).toBe(0xe40c292c);
    expect(addressHash('github/user/x')).not.toBe(addressHash('github/user/y'));
  });

  it('a warm start from the same graph converges in fewer iterations', () => {
    fc.assert(
      fc.property(randomCommunity, (community) => {
        const graph = buildGraph(community);
        const cold = computeCredRank(graph, TEST_WEIGHTS, community.identities);
        const state = stationaryState(cold.process, community.identities, cold.stationary);
        const warm = warmRun(graph, community, state);
        expectWarm(warm, cold);
        expect(warm.convergence.iterations).toBeLessThanOrEqual(cold.convergence.iterations);
      }),
      { seed: 6, numRuns: 50 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJsonFile } from '../../core/canonicalJson.js';
import { computeCredRank } from '../../core/credrank/credRank.js';
import { buildGraph, randomCommunity, TEST_WEIGHTS } from '../../core/testing/graphs.js';
import { toScoresFile, type ScoresFile } from './credOutput.js';
import { decodeScores, encodeScores } from './scoresBinary.js';

function bytes(scores: ScoresFile): Uint8Array {
  return new Uint8Array(Buffer.concat(encodeScores(scores)));
}

const INPUTS = {
  graphs: { t: 'sha256:g' },
  graphDigest: 'g',
  weightsDigest: 'w',
  identitiesDigest: 'i',
};

describe('instance/score/scoresBinary', () => {
  it('decodeScores(encodeScores(scores)) is the same scores, printing the same cred.json', () => {
    fc.assert(
      fc.property(randomCommunity, (community) => {
        const result = computeCredRank(buildGraph(community), TEST_WEIGHTS, community.identities);
        const scores = toScoresFile(result, community.identities, { alpha: 0.1 }, INPUTS);
        const file = bytes(scores);
        expect(file.length % 8).toBe(0);
        const restored = decodeScores(file, 'cred.credscores');
        expect(restored).toEqual(scores);
        // Bit for bit: every weekly figure is the same float64.
        restored.identities.forEach((row, k) =>
          row.cred.forEach((cred, w) =>
            expect(Object.is(cred, scores.identities[k]!.cred[w])).toBe(true),
          ),
        );
        expect(canonicalJsonFile(restored)).toBe(canonicalJsonFile(scores));
        expect(bytes(restored)).toEqual(file);
      }),
      { seed: 19, numRuns: 40 },
    );
  });

  it('decodeScores reads a file at any byte offset and names the file and the problem', () => {
    const scores: ScoresFile = {
      type: 'cred/scores',
      version: 1,
      algorithm: 'credrank',
      parameters: {},
      convergence: { iterations: 3, residual: 1e-12, converged: true },
      inputs: INPUTS,
      weeks: ['2026-01-05', '2026-01-12'],
      totalMint: 3,
      totalCred: 3,
      identities: [{ id: 'a', name: 'ä 😀', type: 'user', totalCred: 3, cred: [1, 2] }],
    };
    const file = bytes(scores);
    const shifted = new Uint8Array(file.length + 3);
    shifted.set(file, 3);
    expect(decodeScores(shifted.subarray(3), 'x')).toEqual(scores);
    expect(() => decodeScores(new Uint8Array(4), 'x.credscores')).toThrow(
      /x.credscores: not a cred\/scores-columns file \(no CREDSCOR signature\)/,
    );
    expect(() => decodeScores(file.subarray(0, file.length - 8), 'x')).toThrow(
      /expected 2 weekly figures/,
    );
    const future = file.slice();
    future[8] = 2;
    expect(() => decodeScores(future, 'x')).toThrow(/version 2/);
    expect(() => encodeScores({ ...scores, weeks: ['2026-01-05'] })).toThrow(/identity a/);
  });
});

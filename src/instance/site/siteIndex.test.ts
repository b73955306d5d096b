import { describe, expect, it } from 'vitest';
import { SITE_FORMATS, type SiteLeaderboard } from './format.js';
import { allTimeOrder, buildSiteIndex, buildSiteNames } from './siteIndex.js';

/** A leaderboard of `cred.length` identities id0, id1, … (sorted by id as the file has them). */
function leaderboard(cred: number[][], names?: string[]): SiteLeaderboard {
  const ids = cred.map((_, i) => `id${String(i).padStart(2, '0')}`);
  return {
    ...SITE_FORMATS.leaderboard,
    instance: { name: 'Test community', currency: 'USD' },
    algorithm: 'credrank',
    parameters: {},
    convergence: { iterations: 1, residual: 0, converged: true },
    credDigest: 'sha256:0',
    inputs: { graphDigest: 'sha256:1', weightsDigest: 'sha256:2' },
    firstWeek: '2026-01-05',
    weekCount: 3,
    quantum: 1e-6,
    decimals: 2,
    totalMint: 1,
    plugins: [{ name: 'files', title: 'Files' }],
    identityTypes: ['user', 'bot'],
    identities: {
      id: ids,
      name: names ?? ids.map((id) => `name-${id}`),
      type: ids.map(() => 0),
      plugins: ids.map(() => [0]),
      cred,
    },
    excluded: [
      [1, '2026-01', 'a ring'],
      [3, '2026-01', 'a bot'],
    ],
    parts: { contributors: 2, weights: true, ledger: true },
  };
}

describe('instance/site/siteIndex', () => {
  it('ranks the top as the explorer does: most cred, then name, then id', () => {
    const data = leaderboard(
      [[0, 5], [], [1, 3, 4], [0, 1, 1, 1], [2, 7]],
      ['b', 'z', 'a', 'c', 'a'],
    );
    // Totals 5, 0, 7, 3, 7: the two 7s tie and go by name ("a" both), then by id.
    expect(allTimeOrder(data.identities)).toEqual([2, 4, 0, 3, 1]);
    const index = buildSiteIndex(data, undefined, 3);
    expect(index.top.index).toEqual([2, 4, 0]);
    expect(index.top.id).toEqual(['id02', 'id04', 'id00']);
    expect(index.top.name).toEqual(['a', 'a', 'b']);
    expect(index.top.cred).toEqual([
      [1, 3, 4],
      [2, 7],
      [0, 5],
    ]);
    expect(index.identities).toBe(5);
    expect(index.earning).toBe(4);
    expect(index.totalUnits).toBe(22);
  });

  it('names the first id of each contributor file and keeps the exclusions', () => {
    const data = leaderboard([
      [0, 1],
      [0, 9],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
    const index = buildSiteIndex(data);
    expect(index.contributorFiles).toEqual(['id00', 'id02', 'id04']);
    expect(index.excluded).toEqual(data.excluded);
    expect(index.summary).not.toHaveProperty('identities');
    expect(index.summary).not.toHaveProperty('excluded');
    expect(index.summary.parts).toEqual(data.parts);
    const bare = { ...data, excluded: undefined, parts: { ...data.parts, contributors: 0 } };
    expect(buildSiteIndex(bare).contributorFiles).toEqual([]);
    expect(buildSiteIndex(bare)).not.toHaveProperty('excluded');
  });

  it('names.json has every column of the leaderboard but the weekly cred', () => {
    const data = leaderboard([
      [0, 1],
      [0, 9],
    ]);
    const { cred: _cred, ...columns } = data.identities;
    expect(buildSiteNames(data)).toEqual({
      type: 'cred/site-names',
      version: 1,
      identities: columns,
    });
  });
});

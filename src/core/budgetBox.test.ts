import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CredError } from './errors.js';
import { computeBudgetBox, type BudgetBallot } from './budgetBox.js';

const FC = { seed: 20261122, numRuns: 200 };

describe('core/budgetBox', () => {
  it('computeBudgetBox(items, ballots, 0) matches the stationary distribution computed by hand', () => {
    // Items a, b, c (n = 3: from each item the walk picks another with probability 1/2).
    // x (cred 3) prefers a over b and a over c; y (cred 1) prefers b over a and c over b.
    //   pair {a,b}: a 3, b 1 -> P(b->a) = 1/2 * 3/4 = 3/8, P(a->b) = 1/2 * 1/4 = 1/8
    //   pair {a,c}: a 3, c 0 -> P(c->a) = 1/2,             P(a->c) = 0
    //   pair {b,c}: c 1, b 0 -> P(b->c) = 1/2,             P(c->b) = 0
    // P = [[7/8, 1/8, 0], [3/8, 1/8, 1/2], [1/2, 0, 1/2]] (rows: from a, b, c).
    // pi_b = 1/8 pi_a + 1/8 pi_b        -> pi_a = 7 pi_b
    // pi_c = 1/2 pi_b + 1/2 pi_c        -> pi_c = pi_b
    // pi_a + pi_b + pi_c = 1            -> pi = (7/9, 1/9, 1/9)
    // Check of pi_a: 7/8 * 7/9 + 3/8 * 1/9 + 1/2 * 1/9 = (49 + 3 + 4) / 72 = 7/9.
    const result = computeBudgetBox(
      ['a', 'b', 'c'],
      [
        {
          voter: 'x',
          weight: 3,
          pairs: [
            { prefer: 'a', over: 'b' },
            { prefer: 'a', over: 'c' },
          ],
        },
        {
          voter: 'y',
          weight: 1,
          pairs: [
            { prefer: 'b', over: 'a' },
            { prefer: 'c', over: 'b' },
          ],
        },
      ],
      0,
    );
    expect(result.shares[0]).toBeCloseTo(7 / 9, 9);
    expect(result.shares[1]).toBeCloseTo(1 / 9, 9);
    expect(result.shares[2]).toBeCloseTo(1 / 9, 9);
    expect(Math.abs(result.shares[0]! - 7 / 9)).toBeLessThan(1e-9);
    expect(result.pairs).toEqual([
      { a: 'a', b: 'b', forA: 3, forB: 1 },
      { a: 'a', b: 'c', forA: 3, forB: 0 },
      { a: 'b', b: 'c', forA: 0, forB: 1 },
    ]);
  });

  it('computeBudgetBox(items, ballots, damping) mixes in a uniform jump, as computed by hand', () => {
    // Two items: a over b with weight 3, b over a with weight 1; n = 2, so the walk always
    // picks the other item. Pure: P(a->b) = 1/4, P(b->a) = 3/4 -> pi = (3/4, 1/4).
    // Damping 0.2: P'(a->b) = 0.8 * 1/4 + 0.2/2 = 0.3, P'(b->a) = 0.8 * 3/4 + 0.1 = 0.7,
    // and pi_a * 0.3 = pi_b * 0.7 -> pi = (0.7, 0.3).
    const ballots: BudgetBallot[] = [
      { voter: 'x', weight: 3, pairs: [{ prefer: 'a', over: 'b' }] },
      { voter: 'y', weight: 1, pairs: [{ prefer: 'b', over: 'a' }] },
    ];
    const pure = computeBudgetBox(['a', 'b'], ballots, 0).shares;
    expect(Math.abs(pure[0]! - 0.75)).toBeLessThan(1e-9);
    const damped = computeBudgetBox(['a', 'b'], ballots, 0.2).shares;
    expect(Math.abs(damped[0]! - 0.7)).toBeLessThan(1e-9);
    expect(Math.abs(damped[1]! - 0.3)).toBeLessThan(1e-9);
  });

  it('computeBudgetBox(items, [], damping) gives an equal split; without damping it is ambiguous', () => {
    expect(computeBudgetBox(['a', 'b', 'c', 'd'], [], 0.1).shares).toEqual(
      [0.25, 0.25, 0.25, 0.25].map((share) => expect.closeTo(share, 12)),
    );
    expect(computeBudgetBox(['only'], [], 0).shares).toEqual([1]);
    expect(computeBudgetBox([], [], 0)).toEqual({ items: [], shares: [], pairs: [] });
    const ambiguous = () =>
      computeBudgetBox(
        ['a', 'b', 'c', 'd'],
        [
          {
            voter: 'x',
            weight: 1,
            pairs: [
              { prefer: 'a', over: 'b' },
              { prefer: 'c', over: 'd' },
            ],
          },
        ],
        0,
      );
    expect(ambiguous).toThrowError(expect.objectContaining({ code: 'BUDGET_AMBIGUOUS' }));
  });

  it('computeBudgetBox(items, ballots, 0) gives nothing to an item that loses every comparison', () => {
    const shares = computeBudgetBox(
      ['a', 'b', 'c'],
      [
        {
          voter: 'x',
          weight: 2,
          pairs: [
            { prefer: 'a', over: 'c' },
            { prefer: 'b', over: 'c' },
            { prefer: 'a', over: 'b' },
          ],
        },
        { voter: 'y', weight: 1, pairs: [{ prefer: 'b', over: 'a' }] },
      ],
      0,
    ).shares;
    expect(shares[2]).toBe(0);
    expect(shares[0]! + shares[1]!).toBeCloseTo(1, 12);
    // {a,b}: a 2, b 1 -> P(b->a) = 1/2 * 2/3, P(a->b) = 1/2 * 1/3 -> pi_a = 2 pi_b.
    expect(shares[0]).toBeCloseTo(2 / 3, 9);
  });

  it('computeBudgetBox(items, ballots, damping) refuses malformed ballots', () => {
    const items = ['a', 'b'];
    const one = (pairs: BudgetBallot['pairs'], voter = 'x', weight = 1): BudgetBallot => ({
      voter,
      weight,
      pairs,
    });
    const cases: [BudgetBallot[], number, string][] = [
      [[one([{ prefer: 'a', over: 'z' }])], 0, 'BUDGET_BAD_PAIR'],
      [[one([{ prefer: 'a', over: 'a' }])], 0, 'BUDGET_BAD_PAIR'],
      [
        [
          one([
            { prefer: 'a', over: 'b' },
            { prefer: 'b', over: 'a' },
          ]),
        ],
        0,
        'BUDGET_BAD_PAIR',
      ],
      [[one([]), one([])], 0, 'BUDGET_DUPLICATE_VOTER'],
      [[one([], 'x', -1)], 0, 'BUDGET_BAD_WEIGHT'],
      [[], 1, 'BUDGET_BAD_DAMPING'],
    ];
    for (const [ballots, damping, code] of cases) {
      expect(() => computeBudgetBox(items, ballots, damping)).toThrowError(
        expect.objectContaining({ code }),
      );
      expect(() => computeBudgetBox(items, ballots, damping)).toThrow(CredError);
    }
  });

  const ITEMS = ['infra', 'media', 'docs', 'events'];
  const ballot: fc.Arbitrary<BudgetBallot> = fc.record({
    voter: fc.constantFrom('v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7'),
    weight: fc.double({ min: 0, max: 50, noNaN: true }),
    pairs: fc
      .uniqueArray(
        fc.tuple(fc.constantFrom(...ITEMS), fc.constantFrom(...ITEMS)).filter(([a, b]) => a !== b),
        { selector: ([a, b]) => [a, b].sort().join(':'), maxLength: 6 },
      )
      .map((pairs) => pairs.map(([prefer, over]) => ({ prefer, over }))),
  });
  const ballots = fc.uniqueArray(ballot, { selector: (b) => b.voter, maxLength: 7 });

  it('computeBudgetBox(items, ballots, damping) does not depend on the order of votes', () => {
    fc.assert(
      fc.property(
        ballots,
        fc.constantFrom(0.05, 0.3),
        fc.func(fc.integer()),
        (list, damping, order) => {
          const shuffled = [...list]
            .map((b, k) => ({ b: { ...b, pairs: [...b.pairs].reverse() }, key: order(k) }))
            .sort((x, y) => x.key - y.key)
            .map(({ b }) => b);
          const base = computeBudgetBox(ITEMS, list, damping);
          const other = computeBudgetBox(ITEMS, shuffled, damping);
          expect(other.shares).toEqual(base.shares);
          expect(base.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
          expect(base.shares.every((share) => share >= 0)).toBe(true);
        },
      ),
      FC,
    );
  });

  it('computeBudgetBox(items, ballots, damping) never lowers the share of an item a new vote prefers', () => {
    fc.assert(
      fc.property(ballots, (list) => {
        const { shares } = computeBudgetBox(ITEMS, list, 0.1);
        // A unanimous extra vote for an item never lowers its share.
        const boosted = computeBudgetBox(
          ITEMS,
          [...list, { voter: 'zz', weight: 100, pairs: [{ prefer: 'infra', over: 'media' }] }],
          0.1,
        ).shares;
        expect(boosted[0]! + 1e-12).toBeGreaterThanOrEqual(shares[0]!);
      }),
      FC,
    );
  });
});

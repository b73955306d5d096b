/**
 * The budget box (the idea of the appendix of Colony's whitepaper, "budgeting boxes"): members
 * answer "which of these two mattered more?" for pairs of items (domains, projects), and the
 * answers become a random walk over the items that tends to move towards the preferred item of
 * each pair. Its stationary distribution is the budget split: an item that wins its comparisons
 * collects mass, one that loses them drains. Nobody has to state percentages, and adding a
 * comparison only nudges the split.
 *
 * The chain: with n items, from item i the walk picks one of the other n - 1 items, j, with
 * probability 1 / (n - 1), and moves there with the weighted share of voters who preferred j
 * in the pair {i, j} (it stays at i otherwise, and when nobody compared i and j). Ballots are
 * weighted (by the voter's cred). With `damping` e > 0, each step is replaced with probability
 * e by a jump to a uniformly chosen item, which makes the chain irreducible: the split is then
 * unique whatever the votes, and an item nobody compared keeps an equal share 1 / n. With
 * e = 0 the split is the pure chain's, and votes that leave it ambiguous (two groups of items
 * never compared with each other) are an error rather than an arbitrary answer.
 *
 * Ballots are summed in voter order and each pair counts once per ballot, so the result does
 * not depend on the order in which votes arrived. docs/decisions/0501-budget-box.md.
 */
import { compareStrings } from './canonicalJson.js';
import { CredError } from './errors.js';

export interface BudgetPair {
  readonly prefer: string;
  readonly over: string;
}

export interface BudgetBallot {
  readonly voter: string;
  /** The voter's weight (cred); a ballot of weight 0 changes nothing. */
  readonly weight: number;
  readonly pairs: readonly BudgetPair[];
}

export interface PairTally {
  readonly a: string;
  readonly b: string;
  /** Weight of the ballots preferring a over b, and b over a. */
  readonly forA: number;
  readonly forB: number;
}

export interface BudgetBoxResult {
  readonly items: readonly string[];
  /** The stationary distribution, in the order of `items`; adds up to 1. */
  readonly shares: readonly number[];
  /** Each pair someone compared, a < b. */
  readonly pairs: readonly PairTally[];
}

/** The budget split of `items` given the ballots. */
export function computeBudgetBox(
  items: readonly string[],
  ballots: readonly BudgetBallot[],
  damping: number,
): BudgetBoxResult {
  if (!(damping >= 0 && damping < 1))
    throw new CredError('BUDGET_BAD_DAMPING', `damping must be in [0, 1), got ${damping}`);
  const n = items.length;
  if (n === 0) return { items: [], shares: [], pairs: [] };
  const wins = preferenceMatrix(items, ballots);
  const transition = transitionMatrix(wins, n, damping);
  if (damping === 0) checkUnique(transition, items);
  return { items: [...items], shares: stationary(transition), pairs: tallies(items, wins) };
}

/** wins[i * n + j]: weight of the ballots preferring item j over item i. */
function preferenceMatrix(
  items: readonly string[],
  ballots: readonly BudgetBallot[],
): Float64Array {
  const n = items.length;
  const index = new Map(items.map((item, k) => [item, k]));
  const wins = new Float64Array(n * n);
  const sorted = [...ballots].sort((x, y) => compareStrings(x.voter, y.voter));
  sorted.forEach((ballot, k) => {
    if (k > 0 && sorted[k - 1]?.voter === ballot.voter)
      throw new CredError('BUDGET_DUPLICATE_VOTER', `two ballots from "${ballot.voter}"`);
    if (!(Number.isFinite(ballot.weight) && ballot.weight >= 0))
      throw new CredError('BUDGET_BAD_WEIGHT', `weight of "${ballot.voter}" must be >= 0`);
    const seen = new Set<string>();
    for (const { prefer, over } of ballot.pairs) {
      const winner = index.get(prefer);
      const loser = index.get(over);
      if (winner === undefined || loser === undefined || winner === loser)
        throw new CredError(
          'BUDGET_BAD_PAIR',
          `"${ballot.voter}" compares "${prefer}" with "${over}": expected two different items of ${items.join(', ')}`,
        );
      const key = winner < loser ? `${winner}:${loser}` : `${loser}:${winner}`;
      if (seen.has(key))
        throw new CredError(
          'BUDGET_BAD_PAIR',
          `"${ballot.voter}" compares "${prefer}" and "${over}" twice`,
        );
      seen.add(key);
      wins[loser * n + winner] = (wins[loser * n + winner] as number) + ballot.weight;
    }
  });
  return wins;
}

/** Row-stochastic transition matrix, row-major. */
function transitionMatrix(wins: Float64Array, n: number, damping: number): Float64Array {
  const p = new Float64Array(n * n);
  const pick = n > 1 ? 1 / (n - 1) : 0;
  for (let i = 0; i < n; i++) {
    let leave = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const toJ = wins[i * n + j] as number;
      const compared = toJ + (wins[j * n + i] as number);
      const move = compared > 0 ? (pick * toJ) / compared : 0;
      p[i * n + j] = (1 - damping) * move + damping / n;
      leave += move;
    }
    p[i * n + i] = (1 - damping) * (1 - leave) + damping / n;
  }
  return p;
}

/**
 * The pure chain has a unique stationary distribution exactly when it has one closed class
 * (a set of items the walk can enter and never leave); otherwise the split is ambiguous.
 */
function checkUnique(p: Float64Array, items: readonly string[]): void {
  const n = items.length;
  const reach = Array.from({ length: n }, (_, i) => {
    const seen = new Set([i]);
    const stack = [i];
    while (stack.length > 0) {
      const x = stack.pop() as number;
      for (let y = 0; y < n; y++) {
        if ((p[x * n + y] as number) <= 0 || seen.has(y)) continue;
        seen.add(y);
        stack.push(y);
      }
    }
    return seen;
  });
  // i is in a closed class when every item it reaches reaches it back.
  const closed = reach.map((from, i) => [...from].every((j) => reach[j]?.has(i) === true));
  const classes = new Set(
    closed.flatMap((isClosed, i) =>
      isClosed ? [[...(reach[i] as Set<number>)].sort((a, b) => a - b).join(',')] : [],
    ),
  );
  if (classes.size > 1) {
    const groups = [...classes].map((group) =>
      group
        .split(',')
        .map((k) => items[Number(k)])
        .join(' + '),
    );
    throw new CredError(
      'BUDGET_AMBIGUOUS',
      `the votes leave the split ambiguous: no comparison links ${groups.join(' | ')}`,
      {
        suggestions: [
          'Compare an item of one group with an item of another, or set governance.split.damping above 0.',
        ],
      },
    );
  }
}

/** Solves pi P = pi, sum(pi) = 1 by Gaussian elimination with partial pivoting. */
function stationary(p: Float64Array): number[] {
  const n = Math.round(Math.sqrt(p.length));
  // Rows of (I - P)^T, the last replaced by the normalization sum(pi) = 1.
  const a = Array.from({ length: n }, (_, r) =>
    Float64Array.from({ length: n + 1 }, (_, c) => {
      if (r === n - 1) return 1;
      if (c === n) return 0;
      return (r === c ? 1 : 0) - (p[c * n + r] as number);
    }),
  );
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const row = a[col]!;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r]![col]! / row[col]!;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) a[r]![c] = a[r]![c]! - factor * row[c]!;
    }
  }
  const raw = a.map((row, r) => Math.max(0, row[n]! / row[r]!));
  const total = raw.reduce((sum, value) => sum + value, 0);
  return raw.map((value) => value / total);
}

function tallies(items: readonly string[], wins: Float64Array): PairTally[] {
  const n = items.length;
  const result: PairTally[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [a, b] = [items[i] as string, items[j] as string];
      if (compareStrings(a, b) >= 0) continue;
      const forA = wins[j * n + i] as number;
      const forB = wins[i * n + j] as number;
      if (forA > 0 || forB > 0) result.push({ a, b, forA, forB });
    }
  }
  return result.sort((x, y) => compareStrings(x.a, y.a) || compareStrings(x.b, y.b));
}

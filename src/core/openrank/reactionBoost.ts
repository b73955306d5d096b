/**
 * Reactions raise a contribution's *initial* value, as the KToken document says: the value it
 * starts from (its mint: issue 1, PR 5) times a multiplier, 👍 2×, ❤️ 3×, 🚀 4×, "2 to 9 times".
 * The document does not say how several reactions combine; `reactions.combine` chooses:
 *
 * - `kinds` (default): the sum of the factors of the distinct kinds received, so the possible
 *   multipliers run from 2 (👍 alone) to 9 (👍 + ❤️ + 🚀, 2 + 3 + 4), the document's range;
 *   a hundred 👍 count as one;
 * - `each`: the sum of the factors of every reaction (two 👍 4×).
 *
 * Either way the multiplier is at least 1 (no reaction: the mint itself) and at most
 * `reactions.ceiling` (9). Reactions arriving after a contribution's first month raise its
 * initial value by mint × (new multiplier - old); that increase joins the value it carries, in
 * the month of the reaction if the contribution is active then, else in its next active month
 * (a reaction alone does not make a contribution active). A factor is the reaction's weight in
 * the reactor -> content direction, so the weight file sets them (`github/reacts/heart` 3).
 *
 * `reactions.capPerWeek` of the weight files still bounds what one identity's reactions add in a
 * month (cap * days / 7): a contribution's increase is shared among the month's reactions on it
 * by factor, and an identity over the cap has all its shares scaled down alike.
 */
import type { ActivityGraph, Reaction } from './activityGraph.js';
import type { ReactionParams } from './params.js';

export interface MonthBoost {
  /** Contribution index -> value its initial value rose by this month, after the cap. */
  readonly added: ReadonlyMap<number, number>;
  readonly total: number;
}

export class ReactionBoost {
  /** Per contribution, the sum of the factors counted so far. */
  private readonly counted: Float64Array;
  /** Contribution * kinds + kind -> largest factor of that kind counted (combine `kinds`). */
  private readonly kindFactor = new Map<number, number>();

  constructor(
    private readonly graph: ActivityGraph,
    private readonly params: ReactionParams,
  ) {
    this.counted = new Float64Array(graph.contributions.length);
  }

  /** The multiplier of a contribution's mint after reactions whose factors sum to `sum`. */
  multiplier(sum: number): number {
    return sum > 0 ? Math.min(this.params.ceiling, Math.max(1, sum)) : 1;
  }

  /** Counts one month's reactions; `capPerMonth` bounds what one identity adds. */
  month(reactions: readonly Reaction[], capPerMonth: number): MonthBoost {
    const before = new Map<number, number>();
    const weightOn = new Map<number, number>();
    for (const r of reactions) {
      const j = r.contribution;
      if (!before.has(j)) before.set(j, this.multiplier(this.counted[j] as number));
      weightOn.set(j, (weightOn.get(j) ?? 0) + r.weight);
      this.count(r);
    }
    const increase = new Map<number, number>();
    for (const [j, old] of before) {
      const mint = this.graph.defaultValue[j] as number;
      increase.set(j, mint * (this.multiplier(this.counted[j] as number) - old));
    }
    const share = reactions.map(
      (r) => ((increase.get(r.contribution) as number) * r.weight) / weightOn.get(r.contribution)!,
    );
    const byReactor = new Map<number, number>();
    reactions.forEach((r, k) => {
      byReactor.set(r.reactor, (byReactor.get(r.reactor) ?? 0) + (share[k] as number));
    });
    const added = new Map<number, number>();
    let total = 0;
    reactions.forEach((r, k) => {
      const sum = byReactor.get(r.reactor) as number;
      const value = (share[k] as number) * (sum > capPerMonth ? capPerMonth / sum : 1);
      added.set(r.contribution, (added.get(r.contribution) ?? 0) + value);
      total += value;
    });
    return { added, total };
  }

  private count(r: Reaction): void {
    const j = r.contribution;
    if (this.params.combine === 'each') {
      this.counted[j] = (this.counted[j] as number) + r.weight;
      return;
    }
    const key = j * this.graph.reactionKinds.length + r.kind;
    const previous = this.kindFactor.get(key) ?? 0;
    if (r.weight <= previous) return;
    this.kindFactor.set(key, r.weight);
    this.counted[j] = (this.counted[j] as number) + r.weight - previous;
  }
}

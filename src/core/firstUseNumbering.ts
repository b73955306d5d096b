/**
 * Strings numbered 0, 1, 2, ... in the order they are first seen: a column of ids for a
 * million rows that share a few distinct values (parent addresses, reaction kinds), with the
 * values once each.
 */
export class FirstUseNumbering {
  /** The values, by number. */
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();

  /** The number of `value`, given it now if it has none yet. */
  of(value: string): number {
    let number = this.numbers.get(value);
    if (number === undefined) {
      number = this.values.length;
      this.numbers.set(value, number);
      this.values.push(value);
    }
    return number;
  }
}

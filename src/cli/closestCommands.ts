/**
 * "Did you mean": the commands closest to what was typed, by edit distance, so a mistyped
 * `cred lod` answers `cred load` instead of a bare "not found".
 */

/** Levenshtein distance between two short strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(
        Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Up to `limit` of `commands` within a typo's reach of `typed` (a third of its length, at least
 * 2 edits), nearest first, ties in name order; also commands that `typed` is a prefix of.
 */
export function closestCommands(typed: string, commands: readonly string[], limit = 3): string[] {
  const reach = Math.max(2, Math.floor(typed.length / 3));
  return commands
    .map((command) => ({
      command,
      distance: command.startsWith(typed) ? 0 : editDistance(typed, command),
    }))
    .filter(({ distance }) => distance <= reach)
    .sort((x, y) => x.distance - y.distance || (x.command < y.command ? -1 : 1))
    .slice(0, limit)
    .map(({ command }) => command);
}

/**
 * The median the bench cases report: this VM's speed drifts by tens of percent between runs,
 * so a case that repeats a measurement reports its middle value, not its mean.
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

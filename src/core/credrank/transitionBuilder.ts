/**
 * Sparse transition matrices for power iteration: (src, dst, probability) triples collected in
 * any order, then sorted by destination with a counting sort into compressed sparse rows, so
 * that one step is a single pass of multiply-adds ("who flows into y"). OpenRank's monthly
 * systems use it; CredRank's Markov process, a million edges at a time, builds its rows in two
 * plain passes instead (processRows.ts).
 */

/** Collects (src, dst, probability) triples, then sorts them by destination (counting sort). */
export class TransitionBuilder {
  private count = 0;
  private readonly src: Int32Array;
  private readonly dst: Int32Array;
  private readonly probability: Float64Array;

  constructor(
    private readonly nodeCount: number,
    capacity: number,
  ) {
    this.src = new Int32Array(capacity);
    this.dst = new Int32Array(capacity);
    this.probability = new Float64Array(capacity);
  }

  add(src: number, dst: number, probability: number): void {
    if (probability === 0) return;
    const k = this.count++;
    this.src[k] = src;
    this.dst[k] = dst;
    this.probability[k] = probability;
  }

  toCsr(): { inStart: Int32Array; inSource: Int32Array; inProbability: Float64Array } {
    const inStart = new Int32Array(this.nodeCount + 1);
    for (let k = 0; k < this.count; k++) inStart[(this.dst[k] as number) + 1]! += 1;
    for (let y = 0; y < this.nodeCount; y++) inStart[y + 1]! += inStart[y] as number;
    const cursor = inStart.slice(0, this.nodeCount);
    const inSource = new Int32Array(this.count);
    const inProbability = new Float64Array(this.count);
    for (let k = 0; k < this.count; k++) {
      const slot = cursor[this.dst[k] as number]!++;
      inSource[slot] = this.src[k] as number;
      inProbability[slot] = this.probability[k] as number;
    }
    return { inStart, inSource, inProbability };
  }
}

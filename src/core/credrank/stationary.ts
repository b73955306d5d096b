/**
 * Power iteration for the stationary distribution of a MarkovProcess. Teleportation is already
 * part of the process (the seed), so this is the plain iteration pi' = pi P, started from the
 * uniform vector (or a previous run's, warmStart.ts). Each step is one pass over the CSR arrays. Convergence is reported, never
 * discarded: the caller writes iterations and the final residual into the output.
 */
import type { MarkovProcess } from './markovProcess.js';

export interface Convergence {
  readonly iterations: number;
  /** True when the iteration started from a previous run's distribution (warmStart.ts). */
  readonly warmStart?: boolean;
  /** L1 norm of the change in the last step. */
  readonly residual: number;
  readonly converged: boolean;
}

export interface StationaryDistribution {
  readonly probability: Float64Array;
  readonly convergence: Convergence;
}

export function stationaryDistribution(
  process: MarkovProcess,
  start: Float64Array | null = null,
): StationaryDistribution {
  const n = process.nodeCount;
  const seed = n - 1;
  const { mint, totalMint, baseCount } = process;
  const { tolerance, maxIterations } = process.params;
  let current = start === null ? new Float64Array(n).fill(1 / n) : Float64Array.from(start);
  let next = new Float64Array(n);
  const seedShare = new Float64Array(baseCount);
  for (let x = 0; x < baseCount; x++)
    seedShare[x] = totalMint > 0 ? (mint[x] as number) / totalMint : 0;
  let residual = Infinity;
  let iterations = 0;
  const sums = new Float64Array(2); // [mass to the seed, residual], summed in node order
  while (iterations < maxIterations && residual >= tolerance) {
    const seedMass = current[seed] as number;
    sums.fill(0);
    // Base nodes also receive the seed's mint; two loops keep a branch out of the inner one.
    flowInto(process, current, next, 0, baseCount, seedMass, seedShare, sums);
    flowInto(process, current, next, baseCount, seed, 0, null, sums);
    const toSeed = sums[0] as number;
    next[seed] = toSeed;
    residual = (sums[1] as number) + Math.abs(toSeed - seedMass);
    [current, next] = [next, current];
    iterations++;
  }
  return {
    probability: current,
    convergence: {
      iterations,
      residual,
      converged: residual < tolerance,
      ...(start === null ? {} : { warmStart: true }),
    },
  };
}

/** One step for nodes [from, to): next = inflows (+ the seed's mint share), into `sums`. */
function flowInto(
  process: MarkovProcess,
  current: Float64Array,
  next: Float64Array,
  from: number,
  to: number,
  seedMass: number,
  seedShare: Float64Array | null,
  sums: Float64Array,
): void {
  const { inStart, inSource, inProbability, radiation } = process;
  let toSeed = sums[0] as number;
  let residual = sums[1] as number;
  for (let y = from; y < to; y++) {
    let mass = seedShare === null ? 0 : seedMass * (seedShare[y] as number);
    const end = inStart[y + 1] as number;
    for (let k = inStart[y] as number; k < end; k++) {
      mass += (current[inSource[k] as number] as number) * (inProbability[k] as number);
    }
    next[y] = mass;
    const before = current[y] as number;
    toSeed += before * (radiation[y] as number);
    residual += Math.abs(mass - before);
  }
  sums[0] = toSeed;
  sums[1] = residual;
}

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
  const { inStart, inSource, inProbability, radiation, mint, totalMint, baseCount } = process;
  const { tolerance, maxIterations } = process.params;
  let current = start === null ? new Float64Array(n).fill(1 / n) : Float64Array.from(start);
  let next = new Float64Array(n);
  const seedShare = new Float64Array(baseCount);
  for (let x = 0; x < baseCount; x++)
    seedShare[x] = totalMint > 0 ? (mint[x] as number) / totalMint : 0;
  let residual = Infinity;
  let iterations = 0;
  while (iterations < maxIterations && residual >= tolerance) {
    const seedMass = current[seed] as number;
    let toSeed = 0;
    residual = 0;
    for (let y = 0; y < seed; y++) {
      let mass = y < baseCount ? seedMass * (seedShare[y] as number) : 0;
      const end = inStart[y + 1] as number;
      for (let k = inStart[y] as number; k < end; k++) {
        mass += (current[inSource[k] as number] as number) * (inProbability[k] as number);
      }
      next[y] = mass;
      const before = current[y] as number;
      toSeed += before * (radiation[y] as number);
      residual += Math.abs(mass - before);
    }
    next[seed] = toSeed;
    residual += Math.abs(toSeed - seedMass);
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

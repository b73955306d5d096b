/**
 * The limit the end-to-end benchmark compares against: a bare power iteration over the CSR
 * arrays of the Markov process CredRank built (the same rows, sources and probabilities, so the
 * same memory access pattern), with nothing else around it: no graph, no strings, no seed, no
 * convergence test. The figure is the time of `iterations` steps. An earlier kernel drew every
 * source uniformly at random, which misses the cache far more than a real process whose
 * contributions flow into their own week's participants: on the 260-week shapes that "limit"
 * was slower than CredRank itself.
 */
import type { InflowRows } from '../core/credrank/processRows.js';

export interface KernelResult {
  readonly nodes: number;
  readonly transitions: number;
  readonly iterations: number;
  readonly kernelMs: number;
  /** CPU time of the iterations: steadier than wall time on a busy machine. */
  readonly kernelCpuMs: number;
}

/** The process's inflow rows (CSR by destination) and how many nodes it has. */
type InflowMatrix = InflowRows & { readonly nodeCount: number };

export function csrKernel(matrix: InflowMatrix, iterations: number): KernelResult {
  const { inStart, inSource, inProbability } = matrix;
  const rows = inStart.length - 1;
  let current = new Float64Array(matrix.nodeCount).fill(1 / matrix.nodeCount);
  let next = new Float64Array(matrix.nodeCount);
  const startMs = performance.now();
  const cpuStart = process.cpuUsage();
  for (let step = 0; step < iterations; step++) {
    for (let y = 0; y < rows; y++) {
      let mass = 0;
      const end = inStart[y + 1] as number;
      for (let k = inStart[y] as number; k < end; k++)
        mass += (current[inSource[k] as number] as number) * (inProbability[k] as number);
      next[y] = mass;
    }
    [current, next] = [next, current];
  }
  const kernelMs = Math.round(performance.now() - startMs);
  const cpu = process.cpuUsage(cpuStart);
  const kernelCpuMs = Math.round((cpu.user + cpu.system) / 1000);
  return {
    nodes: matrix.nodeCount,
    transitions: inSource.length,
    iterations,
    kernelMs,
    kernelCpuMs,
  };
}

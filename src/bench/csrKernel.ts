/**
 * The limit the end-to-end benchmark compares against: a bare power iteration over a random
 * compressed-sparse-row matrix of a given shape (rows, non-zeros), with nothing else around it:
 * no graph, no strings, no weights. Rows are made stochastic so the iteration is a real
 * Markov chain step; the figure is the time of `iterations` steps.
 */
import { mulberry32 } from '../core/random.js';

export interface KernelResult {
  readonly nodes: number;
  readonly transitions: number;
  readonly iterations: number;
  readonly kernelMs: number;
  /** CPU time of the iterations: steadier than wall time on a busy machine. */
  readonly kernelCpuMs: number;
}

export function csrKernel(nodes: number, transitions: number, iterations: number): KernelResult {
  const random = mulberry32(7);
  const inStart = new Int32Array(nodes + 1);
  const inSource = new Int32Array(transitions);
  const inProbability = new Float64Array(transitions);
  const perRow = transitions / nodes;
  for (let y = 0; y < nodes; y++)
    inStart[y + 1] = Math.min(transitions, Math.round((y + 1) * perRow));
  inStart[nodes] = transitions;
  const outWeight = new Float64Array(nodes);
  for (let k = 0; k < transitions; k++) {
    const source = Math.floor(random() * nodes);
    inSource[k] = source;
    inProbability[k] = random();
    outWeight[source] = (outWeight[source] as number) + (inProbability[k] as number);
  }
  for (let k = 0; k < transitions; k++)
    inProbability[k] = (inProbability[k] as number) / (outWeight[inSource[k] as number] as number);
  let current = new Float64Array(nodes).fill(1 / nodes);
  let next = new Float64Array(nodes);
  const startMs = performance.now();
  const cpuStart = process.cpuUsage();
  for (let step = 0; step < iterations; step++) {
    for (let y = 0; y < nodes; y++) {
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
  return { nodes, transitions, iterations, kernelMs, kernelCpuMs };
}

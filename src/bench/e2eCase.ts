/**
 * What a maintainer waits for: `cred graph` then `cred score` on a synthetic instance
 * (syntheticPlugin.ts), each as its own process under /usr/bin/time for wall time and peak
 * RSS. Then, in this process and on the same community, the compute step alone
 * (`computeCredRank`) and a bare power iteration over its process's CSR arrays
 * (csrKernel.ts), whose ratio says how far from the limit the whole is. `--runs N` repeats the
 * two commands and reports medians (the machine is shared). Prints one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeCredRank } from '../core/credrank/credRank.js';
import { initInstance, PROJECT_ROOT } from '../instance/init.js';
import { decodeScores } from '../instance/score/scoresBinary.js';
import { argument, communityFromArguments, timed } from './caseSetup.js';
import { csrKernel } from './csrKernel.js';
import { median } from './median.js';
import { timeNode } from './timeNode.js';

const BIN = path.join(PROJECT_ROOT, 'bin', 'run.js');
const PLUGIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'syntheticPlugin.js');

interface Measured {
  readonly seconds: number;
  /** User + system CPU seconds: steadier than wall time on a shared machine. */
  readonly cpuS: number;
  readonly peakRssMb: number;
}

/** One `cred` command as a child process: wall seconds, CPU seconds and peak RSS. */
function timedCred(args: readonly string[], cwd: string): Measured {
  const env = { ...process.env, TZ: 'UTC' };
  const measured = timeNode(['--max-old-space-size=8192', BIN, ...args], cwd, env);
  return {
    seconds: measured.seconds,
    cpuS: Math.round(measured.cpuSeconds * 100) / 100,
    peakRssMb: measured.peakRssMb,
  };
}

const edges = argument('edges') ?? 100_000;
const weeks = argument('weeks') ?? 52;
const users = argument('users') ?? Math.round(1.6 * Math.sqrt(edges));
const runs = argument('runs') ?? 1;
const commands = argument('commands') ?? 1;

const root = mkdtempSync(path.join(tmpdir(), 'cred-bench-e2e-'));
const dir = path.join(root, 'instance');
initInstance(dir, { name: 'Benchmark community', bare: true });
const configFile = path.join(dir, 'cred.json');
const config = JSON.parse(readFileSync(configFile, 'utf8'));
config.plugins.bench = { package: PLUGIN, edges, weeks, users, seed: 42 };
writeFileSync(configFile, JSON.stringify(config));

const warm = argument('warm') ?? 0;
const rescore = warm === 1 ? rescoreOneMoreWeek() : {};

/**
 * The weekly job: scores of the first weeks - 1 weeks exist (and their CredRank state); the
 * last week's data arrives; `cred graph && cred score` again, starting from the saved state.
 */
function rescoreOneMoreWeek(): Record<string, number> {
  writeFileSync(configFile, JSON.stringify(withShown(weeks - 1)));
  timedCred(['graph', '-q'], dir);
  timedCred(['score', '-q', '--limit', '1'], dir);
  writeFileSync(configFile, JSON.stringify(withShown(undefined)));
  const coldIterations = iterationsOf(dir);
  const graphStep = timedCred(['graph', '-q'], dir);
  const scoreStep = timedCred(['score', '-q', '--limit', '1'], dir);
  return {
    rescoreS: Math.round((graphStep.seconds + scoreStep.seconds) * 100) / 100,
    rescoreScoreS: scoreStep.seconds,
    rescoreCpuS: Math.round((graphStep.cpuS + scoreStep.cpuS) * 100) / 100,
    previousIterations: coldIterations,
    warmIterations: iterationsOf(dir),
  };
}

function withShown(weeksShown: number | undefined): unknown {
  const bench = { package: PLUGIN, edges, weeks, users, seed: 42 };
  return {
    ...config,
    plugins: {
      ...config.plugins,
      bench: weeksShown === undefined ? bench : { ...bench, weeksShown },
    },
  };
}

function iterationsOf(instance: string): number {
  const file = path.join(instance, 'output', 'cred.credscores');
  return decodeScores(readFileSync(file), file).convergence.iterations;
}

const graph: Measured[] = [];
const score: Measured[] = [];
for (let run = 0; run < runs; run++) {
  graph.push(timedCred(['graph', '-q'], dir));
  score.push(timedCred(['score', '-q', '--limit', '1'], dir));
}
rmSync(root, { recursive: true, force: true });
const totals = graph.map((g, k) => g.seconds + (score[k] as Measured).seconds);

const figures: Record<string, number> = {
  edges,
  users,
  weeks,
  e2eS: median(totals),
  graphS: median(graph.map((m) => m.seconds)),
  scoreS: median(score.map((m) => m.seconds)),
  e2eCpuS: median(graph.map((g, k) => g.cpuS + (score[k] as Measured).cpuS)),
  ...rescore,
  peakRssMb: Math.max(median(graph.map((m) => m.peakRssMb)), median(score.map((m) => m.peakRssMb))),
};
if (commands === 1) {
  const { community } = communityFromArguments();
  const { result, computeMs, computeCpuMs } = timed(() =>
    computeCredRank(community.graph, community.weights, community.identities),
  );
  const kernel = csrKernel(result.process, result.convergence.iterations);
  Object.assign(figures, {
    computeMs,
    computeCpuMs,
    iterations: result.convergence.iterations,
    kernelMs: kernel.kernelMs,
    kernelCpuMs: kernel.kernelCpuMs,
    e2eCpuOverKernelCpu: ((figures.e2eCpuS as number) * 1000) / Math.max(1, kernel.kernelCpuMs),
    e2eOverKernel: ((figures.e2eS as number) * 1000) / Math.max(1, kernel.kernelMs),
    computeOverKernel: computeMs / Math.max(1, kernel.kernelMs),
  });
}
process.stdout.write(`${JSON.stringify(figures)}\n`);

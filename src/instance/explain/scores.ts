/**
 * The scores of output/cred.credscores together with what produced them, for explanations and the
 * explorer. The stationary flow that explanations decompose is not written by `cred score`
 * (it is as large as the process), so it is recomputed here from the graphs `cred score` wrote
 * (output/graphs/), the weights and identities in force and the same parameters, after
 * checking by digest that these are the inputs the scores came from, and starting from the
 * CredRank state `cred score` saved for them when it is there. A stale output is an error that
 * says to run `cred score`, never an explanation of numbers nobody will see (decision 0817).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { computeCredRank, type CredRankResult } from '../../core/credrank/credRank.js';
import { ConfigError } from '../../core/errors.js';
import type { Graph } from '../../core/graph.js';
import type { Identity } from '../../core/identity.js';
import type { PluginDeclaration } from '../../core/plugin.js';
import type { Weights } from '../../core/weights.js';
import type { ScoresFile } from '../score/credOutput.js';
import { readScores, SCORES_FILE } from '../score/scoresBinary.js';
import {
  combinedGraphDigest,
  graphFile,
  readPluginGraphs as readStoredGraphs,
  unionGraph,
  type PluginGraph,
} from '../graphs.js';
import type { Instance, Runtime } from '../instance.js';
import { knownDeclarations } from '../plugins.js';
import {
  credRankParams,
  credRankStateKey,
  instanceIdentities,
  scoreDigests,
  weightsDigest,
} from '../score/score.js';
import { readSavedState } from '../score/warmStart.js';
import { instanceWeights } from '../weights/weights.js';

export interface ScoredInstance {
  readonly scores: ScoresFile;
  readonly graph: Graph;
  readonly weights: Weights;
  /** In the order CredRank was given them (result.credByIdentity follows it). */
  readonly identities: readonly Identity[];
  readonly result: CredRankResult;
  readonly declarations: ReadonlyMap<string, PluginDeclaration>;
}

const RESCORE = 'Run "cred score" to bring output/ up to date, then try again.';

function stale(what: string): ConfigError {
  return new ConfigError('SCORES_STALE', `output/cred.credscores is out of date: ${what}`, {
    ref: SCORES_FILE,
    suggestions: [RESCORE],
  });
}

/** What the caller has already read (read here when absent). */
export interface ScoredInputs {
  readonly scores?: ScoresFile;
  /** The instance's identities (`instanceIdentities`), when the caller needed them first. */
  readonly identities?: readonly Identity[];
}

/** Reads output/cred.credscores and recomputes the CredRank flow behind it. */
export async function loadScoredInstance(
  instance: Instance,
  runtime: Runtime,
  inputs: ScoredInputs = {},
): Promise<ScoredInstance> {
  const scores = inputs.scores ?? readScores(instance);
  if (scores.algorithm !== 'credrank') {
    throw new ConfigError(
      'EXPLAIN_UNSUPPORTED',
      `output/cred.credscores was computed with "${scores.algorithm}"; explanations need CredRank's flow`,
      { suggestions: ['Set cred.algorithm to "credrank" in cred.json and run "cred score".'] },
    );
  }
  const graphs = readPluginGraphs(instance, scores);
  const weights = instanceWeights(instance);
  if (weightsDigest(weights) !== scores.inputs.weightsDigest) throw stale('the weights changed');
  const identities = inputs.identities ?? (await instanceIdentities(instance, runtime));
  checkIdentities(scores, identities);
  const params = credRankParams(instance);
  for (const [key, value] of Object.entries(params)) {
    if (scores.parameters[key] !== value) throw stale(`cred.${key} changed`);
  }
  const graph = unionGraph(graphs);
  // The state `cred score` saved for these very inputs is the flow behind the scores: from it
  // the recomputation takes a step or two, not a cold run (seconds on a large graph).
  const key = credRankStateKey(scoreDigests(graphs, weights, identities), params);
  const saved = readSavedState(instance, key);
  runtime.reporter.progress(
    `scores: recomputing CredRank's flow over ${graph.nodeCount} nodes, ${graph.edgeCount} edges` +
      (saved === null ? '' : ', from the state "cred score" saved'),
  );
  const result = computeCredRank(graph, weights, identities, params, saved);
  checkTotals(scores, identities, result);
  return {
    scores,
    graph,
    weights,
    identities,
    result,
    declarations: knownDeclarations(instance.plugins),
  };
}

function readPluginGraphs(instance: Instance, scores: ScoresFile): PluginGraph[] {
  for (const { name } of instance.plugins) {
    const shown = path.relative(instance.paths.root, graphFile(instance, name));
    if (!existsSync(graphFile(instance, name))) throw stale(`${shown} is missing`);
  }
  const graphs = readStoredGraphs(instance);
  for (const { plugin, digest } of graphs) {
    const shown = path.relative(instance.paths.root, graphFile(instance, plugin));
    if (scores.inputs.graphs[plugin] !== digest) throw stale(`${shown} changed`);
  }
  if (combinedGraphDigest(graphs) !== scores.inputs.graphDigest) {
    throw stale('the set of plugins changed');
  }
  return graphs;
}

function checkIdentities(scores: ScoresFile, identities: readonly Identity[]): void {
  const scored = new Set(scores.identities.map((row) => row.id));
  const current = identities.filter((identity) => scored.has(identity.id));
  if (current.length !== identities.length || scored.size !== identities.length) {
    throw stale('the identities changed');
  }
}

function checkTotals(
  scores: ScoresFile,
  identities: readonly Identity[],
  result: CredRankResult,
): void {
  if (result.weekStartsMs.length !== scores.weeks.length) throw stale('the weeks changed');
  const rows = new Map(scores.identities.map((row) => [row.id, row]));
  const tolerance = 1e-6 * Math.max(1, scores.totalMint);
  identities.forEach((identity, index) => {
    const weekly = result.credByIdentity[index] as Float64Array;
    let total = 0;
    for (const value of weekly) total += value;
    const row = rows.get(identity.id);
    if (row === undefined || Math.abs(row.totalCred - total) > tolerance) {
      throw stale(`recomputing gives ${identity.name} other cred (was cred changed since?)`);
    }
  });
}

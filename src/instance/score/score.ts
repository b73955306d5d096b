/**
 * `cred score`: plugin graphs + weights + identities -> the configured algorithm (CredRank, or
 * OpenRank with `cred.algorithm: "openrank"`) -> cred per identity per calendar week ->
 * output/cred.credscores (and output/cred.json when asked). Everything is read and validated before anything is written, so a broken
 * weight file or record leaves the previous outputs untouched. `scoringInputs` and `scoreWith`
 * let a what-if (weightsDiff.ts) build the graphs once and score them with several weights.
 */
import { existsSync } from 'node:fs';
import { canonicalJsonFile } from '../../core/canonicalJson.js';
import { computeCredRank } from '../../core/credrank/credRank.js';
import type { CredRankParams } from '../../core/credrank/params.js';
import { stationaryState, type StationaryState } from '../../core/credrank/warmStart.js';
import { digestOf } from '../../core/digest.js';
import type { Graph } from '../../core/graph.js';
import type { Identity } from '../../core/identity.js';
import { identitiesForScoring } from '../ledgerStore.js';
import { computeOpenRank } from '../../core/openrank/openRank.js';
import { flatOpenRankParams } from '../../core/openrank/params.js';
import type { ProgressReporter } from '../../core/plugin.js';
import type { CredScores } from '../../core/scores.js';
import { toWeightsJson, type Weights } from '../../core/weights.js';
import { toScoresFile, type ScoresFile } from './credOutput.js';
import { writeChunksAtomic, writeFileAtomic } from '../files.js';
import { encodeScores } from './scoresBinary.js';
import { openRankParams } from '../config.js';
import {
  buildPluginGraphs,
  combinedGraphDigest,
  gatherIdentityProposals,
  graphsAreFresh,
  readPluginGraphs,
  unionGraph,
  writePluginGraphs,
  type PluginGraph,
} from '../graphs.js';
import type { Instance, Runtime } from '../instance.js';
import { readWarmStart, writeWarmStart } from './warmStart.js';
import { credRankProgress, openRankProgress } from './scoreProgress.js';
import { instanceWeights } from '../weights/weights.js';

export interface ScoreOptions {
  /** Weight files to use instead of the instance's weights/ (a what-if). */
  readonly weightFiles?: readonly string[];
  /** Compute and return, but write nothing. */
  readonly dryRun?: boolean;
  /** Also write output/cred.json, the readable form (`--json-scores`); kept up once present. */
  readonly jsonScores?: boolean;
}

export interface ScoreReport {
  readonly scores: ScoresFile;
  readonly file: string | null;
  readonly seconds: number;
}

export async function scoreInstance(
  instance: Instance,
  runtime: Runtime,
  options: ScoreOptions = {},
): Promise<ScoreReport> {
  const startMs = performance.now();
  const weights = instanceWeights(instance, options.weightFiles);
  const inputs = await scoringInputs(instance, runtime);
  const warm: WarmStart = { key: '', previous: null, next: null };
  const scores = scoreWith(instance, inputs, weights, runtime.reporter, warm);
  if (options.dryRun === true) return { scores, file: null, seconds: elapsed(startMs) };
  if (!inputs.graphsFromFiles) await writePluginGraphs(instance, inputs.graphs);
  writeChunksAtomic(instance.paths.scores, encodeScores(scores));
  // Once asked for, cred.json is kept in step (also by a payout's rescoring), never left stale.
  if (options.jsonScores === true || existsSync(instance.paths.cred))
    writeFileAtomic(instance.paths.cred, canonicalJsonFile(scores));
  if (warm.next !== null) writeWarmStart(instance, warm.key, warm.next);
  return { scores, file: instance.paths.scores, seconds: elapsed(startMs) };
}

/** What every scoring of an instance starts from: its graphs and identities, built once. */
export interface ScoringInputs {
  readonly graphs: readonly PluginGraph[];
  /** True when the graphs were read from output/graphs/ (`cred graph` wrote them). */
  readonly graphsFromFiles: boolean;
  readonly graph: Graph;
  readonly identities: readonly Identity[];
}

export async function scoringInputs(instance: Instance, runtime: Runtime): Promise<ScoringInputs> {
  const graphsFromFiles = graphsAreFresh(instance);
  if (graphsFromFiles) runtime.reporter.progress('score: reading the graphs "cred graph" wrote');
  const graphs = graphsFromFiles
    ? readPluginGraphs(instance)
    : await buildPluginGraphs(instance, runtime);
  const identities = await instanceIdentities(instance, runtime);
  return { graphs, graphsFromFiles, graph: unionGraph(graphs), identities };
}

/**
 * CredRank's warm start: `key` names the inputs, `previous` is the state read for them (none
 * when it came from the same inputs), `next` the state this run leaves.
 */
export interface WarmStart {
  key: string;
  previous: StationaryState | null;
  next: StationaryState | null;
}

/** Runs the instance's algorithm on `inputs` with `weights`: the scores file, not written. */
export function scoreWith(
  instance: Instance,
  inputs: ScoringInputs,
  weights: Weights,
  reporter: ProgressReporter,
  warm: WarmStart | null = null,
): ScoresFile {
  const { graph, graphs, identities } = inputs;
  const digests = scoreDigests(graphs, weights, identities);
  const settings = instance.config.cred;
  const name = settings.algorithm === 'openrank' ? 'OpenRank' : 'CredRank';
  reporter.progress(
    `score: ${name} over ${graph.nodeCount} nodes, ${graph.edgeCount} edges, ${identities.length} identities`,
  );
  let result: CredScores;
  let parameters: Record<string, number | string>;
  if (settings.algorithm === 'openrank') {
    const params = openRankParams(settings);
    result = computeOpenRank(graph, weights, identities, params, openRankProgress(reporter));
    parameters = flatOpenRankParams(params);
  } else {
    const params = credRankParams(instance);
    if (warm !== null) {
      warm.key = credRankStateKey(digests, params);
      warm.previous = readWarmStart(instance, warm.key);
      if (warm.previous !== null) reporter.progress('score: warm start from the previous run');
    }
    const progress = credRankProgress(reporter);
    const previous = warm?.previous ?? null;
    const credRank = computeCredRank(graph, weights, identities, params, previous, progress);
    if (warm !== null)
      warm.next = stationaryState(credRank.process, identities, credRank.stationary);
    result = credRank;
    parameters = { ...params };
  }
  return toScoresFile(result, identities, parameters, digests);
}

/** What the scores say they were computed from (their `inputs`). */
export interface ScoreDigests {
  readonly graphs: Readonly<Record<string, string>>;
  readonly graphDigest: string;
  readonly weightsDigest: string;
  readonly identitiesDigest: string;
}

export function scoreDigests(
  graphs: readonly PluginGraph[],
  weights: Weights,
  identities: readonly Identity[],
): ScoreDigests {
  return {
    graphs: Object.fromEntries(graphs.map(({ plugin, digest }) => [plugin, digest])),
    graphDigest: combinedGraphDigest(graphs),
    weightsDigest: weightsDigest(weights),
    identitiesDigest: identitiesDigest(identities),
  };
}

/** The key CredRank's saved state (credrank-state.bin) is kept under: inputs and parameters. */
export function credRankStateKey(digests: ScoreDigests, params: CredRankParams): string {
  return digestOf({ ...digests, params });
}

/** Digest of the identities scored: ids with their accounts, in id order. */
export function identitiesDigest(identities: readonly Identity[]): string {
  return digestOf(identities.map(({ id, aliases }) => [id, [...aliases].sort()]));
}

export function weightsDigest(weights: Weights): string {
  return digestOf(toWeightsJson(weights));
}

export function credRankParams(instance: Instance): CredRankParams {
  const { alpha, beta, gammaForward, gammaBackward, tolerance, maxIterations } =
    instance.config.cred;
  const params = { alpha, beta, gammaForward, gammaBackward, tolerance, maxIterations };
  // Monday weeks stay implicit, so existing outputs and digests do not change.
  return instance.config.weekStart === 'sunday' ? { ...params, weekStart: 'sunday' } : params;
}

/** Identities from the ledger, plus provisional ones for accounts it does not know yet. */
export async function instanceIdentities(
  instance: Instance,
  runtime: Runtime,
): Promise<Identity[]> {
  return identitiesForScoring(instance, runtime, await gatherIdentityProposals(instance, runtime));
}

function elapsed(startMs: number): number {
  return Math.round(performance.now() - startMs) / 1000;
}

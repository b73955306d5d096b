/**
 * `cred score`: plugin graphs + weights + identities -> CredRank over calendar weeks ->
 * output/cred.json. Everything is read and validated before anything is written, so a broken
 * weight file or record leaves the previous outputs untouched.
 */
import { canonicalJsonFile } from '../core/canonicalJson.js';
import { computeCredRank } from '../core/credrank/credRank.js';
import type { CredRankParams } from '../core/credrank/params.js';
import { digestOf } from '../core/digest.js';
import type { Identity } from '../core/identity.js';
import { identitiesFromProposals } from '../core/identityIds.js';
import { toWeightsJson, type Weights } from '../core/weights.js';
import { toScoresFile, type ScoresFile } from './credOutput.js';
import { writeFileAtomic } from './files.js';
import {
  buildPluginGraphs,
  combinedGraphDigest,
  gatherIdentityProposals,
  unionGraph,
  writePluginGraphs,
} from './graphs.js';
import type { Instance, Runtime } from './instance.js';
import { instanceWeights } from './weights.js';

export interface ScoreOptions {
  /** Weight files to use instead of the instance's weights/ (a what-if). */
  readonly weightFiles?: readonly string[];
  /** Compute and return, but write nothing. */
  readonly dryRun?: boolean;
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
  const graphs = await buildPluginGraphs(instance, runtime);
  const identities = await instanceIdentities(instance, runtime);
  const graph = unionGraph(graphs);
  const params = credRankParams(instance);
  runtime.reporter.progress(
    `score: CredRank over ${graph.nodeCount} nodes, ${graph.edgeCount} edges, ${identities.length} identities`,
  );
  const result = computeCredRank(graph, weights, identities, params);
  const scores = toScoresFile(
    result,
    identities,
    { ...params },
    {
      graphs: Object.fromEntries(graphs.map(({ plugin, digest }) => [plugin, digest])),
      graphDigest: combinedGraphDigest(graphs),
      weightsDigest: weightsDigest(weights),
    },
  );
  if (options.dryRun === true) return { scores, file: null, seconds: elapsed(startMs) };
  writePluginGraphs(instance, graphs);
  writeFileAtomic(instance.paths.cred, canonicalJsonFile(scores));
  return { scores, file: instance.paths.cred, seconds: elapsed(startMs) };
}

export function weightsDigest(weights: Weights): string {
  return digestOf(toWeightsJson(weights));
}

export function credRankParams(instance: Instance): CredRankParams {
  const { alpha, beta, gammaForward, gammaBackward, tolerance, maxIterations } =
    instance.config.cred;
  return { alpha, beta, gammaForward, gammaBackward, tolerance, maxIterations };
}

/** Identities from the plugins' proposals (the ledger takes over once it exists). */
export async function instanceIdentities(
  instance: Instance,
  runtime: Runtime,
): Promise<Identity[]> {
  return identitiesFromProposals(await gatherIdentityProposals(instance, runtime));
}

function elapsed(startMs: number): number {
  return Math.round(performance.now() - startMs) / 1000;
}

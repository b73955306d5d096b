/**
 * Scores a payout can trust: output/cred.credscores is recomputed when anything it depends on is newer
 * (weight files, graphs, caches, contribution records, cred.json) or when the identities have
 * changed since (a merge, new accounts), so `cred load && cred payout` is the whole monthly job.
 */
import { existsSync, statSync } from 'node:fs';
import type { ScoresFile } from './credOutput.js';
import { readScores } from './scoresBinary.js';
import type { Instance, Runtime } from '../instance.js';
import { readLedgerForViewing } from '../ledgerStore.js';
import { scoringIdentities } from '../../ledger/views.js';
import { newestFile } from '../graphs.js';
import { identitiesDigest, scoreInstance } from './score.js';

export interface FreshScores {
  readonly scores: ScoresFile;
  readonly rescored: boolean;
}

export async function freshScores(instance: Instance, runtime: Runtime): Promise<FreshScores> {
  const file = instance.paths.scores;
  if (existsSync(file)) {
    const scores = readScores(instance);
    const identities = scoringIdentities(readLedgerForViewing(instance, runtime).state);
    const currentIdentities = identitiesDigest(identities);
    const newest = newestInput(instance);
    if (newest <= statSync(file).mtimeMs && scores.inputs.identitiesDigest === currentIdentities) {
      return { scores, rescored: false };
    }
    runtime.reporter.progress('payout: scores are older than their inputs; scoring again');
  }
  const report = await scoreInstance(instance, runtime);
  return { scores: report.scores, rescored: true };
}

/** The newest modification time among the files scores are computed from. */
function newestInput(instance: Instance): number {
  const { paths } = instance;
  const directories = [paths.weights, paths.graphs, paths.cache, paths.contributions];
  return newestFile(directories, statSync(paths.config).mtimeMs);
}

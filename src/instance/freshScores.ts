/**
 * Scores a payout can trust: output/cred.json is recomputed when anything it depends on is newer
 * (weight files, graphs, caches, contribution records, cred.json) or when the identities have
 * changed since (a merge, new accounts), so `cred load && cred payout` is the whole monthly job.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseScoresFile, type ScoresFile } from './credOutput.js';
import { readJsonFile } from './files.js';
import type { Instance, Runtime } from './instance.js';
import { readLedgerForViewing } from './ledger.js';
import { scoringIdentities } from '../ledger/views.js';
import { identitiesDigest, scoreInstance } from './score.js';

export interface FreshScores {
  readonly scores: ScoresFile;
  readonly rescored: boolean;
}

export async function freshScores(instance: Instance, runtime: Runtime): Promise<FreshScores> {
  const file = instance.paths.cred;
  if (existsSync(file)) {
    const scores = parseScoresFile(readJsonFile(file, 'output/cred.json'), 'output/cred.json');
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
  let newest = statSync(paths.config).mtimeMs;
  for (const directory of [paths.weights, paths.graphs, paths.cache, paths.contributions]) {
    if (!existsSync(directory)) continue;
    for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
      if (entry.isFile())
        newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * What changes if: score the instance with two sets of weights and compare, identity by
 * identity, so a maintainer can publish the effect of a weight change together with the change
 * (`cred weights diff OLD NEW`, `cred score --weights FILE...`). The graphs are built once and
 * scored twice; nothing is written.
 *
 * Each side is the instance's weight files with the given files in place of the instance files
 * of the same name (added when none has that name); a folder stands for its *.json files. So
 * `cred weights diff old/github.json weights/github.json` compares exactly the change to
 * github.json, with every other weight file in force on both sides.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson, compareStrings, type Json } from '../../core/canonicalJson.js';
import { ConfigError } from '../../core/errors.js';
import type { IdentityType } from '../../core/identity.js';
import { toWeightsJson, type Weights } from '../../core/weights.js';
import type { ScoresFile } from '../score/credOutput.js';
import type { Instance, Runtime } from '../instance.js';
import { scoreWith, scoringInputs, weightsDigest } from '../score/score.js';
import { instanceWeights, listWeightFiles } from './weights.js';
import { comparePayouts, type PayoutComparison, type PayoutWhatIf } from './diffPayouts.js';

export type { PayoutComparison } from './diffPayouts.js';

export const WEIGHTS_DIFF_FORMAT = { type: 'cred/weights-diff', version: 1 } as const;

export interface WeightsSide {
  /** Weight files in force, relative to the instance folder. */
  readonly files: readonly string[];
  readonly weightsDigest: string;
  readonly totalCred: number;
}

/** One weight setting that differs: `nodes.github/pull`, `budgets.discourse`, ... */
export interface WeightChange {
  readonly field: string;
  readonly before: Json | null;
  readonly after: Json | null;
}

export interface CredShare {
  /** Cred over all weeks. */
  readonly cred: number;
  /** Share of all identities' cred (0..1). */
  readonly share: number;
}

export interface IdentityChange {
  readonly id: string;
  readonly name: string;
  readonly type: IdentityType;
  readonly before: CredShare;
  readonly after: CredShare;
  /** after.cred - before.cred. */
  readonly change: number;
  /** change / before.cred; null when the identity had no cred before. */
  readonly relativeChange: number | null;
  readonly shareChange: number;
}

export interface WeightsDiffReport {
  readonly type: 'cred/weights-diff';
  readonly version: 1;
  readonly algorithm: string;
  readonly before: WeightsSide;
  readonly after: WeightsSide;
  readonly weightChanges: readonly WeightChange[];
  /** Identities with cred on either side, largest absolute change first (ties by id). */
  readonly identities: readonly IdentityChange[];
  /** With `--month` and `--revenue`: each identity's payout with both weights; else null. */
  readonly payouts: PayoutComparison | null;
}

export interface DiffSides {
  /** Files replacing the instance's (null: the instance's weight files as they are). */
  readonly before: readonly string[] | null;
  readonly after: readonly string[];
  /** Also compare the payout of a month (`cred weights diff --month M --revenue R`). */
  readonly payout?: PayoutWhatIf;
}

export async function diffWeights(
  instance: Instance,
  runtime: Runtime,
  sides: DiffSides,
): Promise<WeightsDiffReport> {
  const beforeFiles =
    sides.before === null
      ? listWeightFiles(instance.paths.weights)
      : overlayWeightFiles(instance, sides.before);
  const afterFiles = overlayWeightFiles(instance, sides.after);
  const weightsBefore = instanceWeights(instance, beforeFiles);
  const weightsAfter = instanceWeights(instance, afterFiles);
  const inputs = await scoringInputs(instance, runtime);
  runtime.reporter.progress('weights diff: scoring with the old weights');
  const before = scoreWith(instance, inputs, weightsBefore, runtime.reporter);
  runtime.reporter.progress('weights diff: scoring with the new weights');
  const after = scoreWith(instance, inputs, weightsAfter, runtime.reporter);
  const side = (files: readonly string[], weights: Weights, scores: ScoresFile): WeightsSide => ({
    files: files.map((file) => path.relative(instance.paths.root, file) || file),
    weightsDigest: weightsDigest(weights),
    totalCred: scores.totalCred,
  });
  return {
    ...WEIGHTS_DIFF_FORMAT,
    algorithm: after.algorithm,
    before: side(beforeFiles, weightsBefore, before),
    after: side(afterFiles, weightsAfter, after),
    weightChanges: weightChanges(weightsBefore, weightsAfter),
    identities: compareScores(before, after),
    payouts:
      sides.payout === undefined
        ? null
        : await comparePayouts(instance, runtime, { before, after }, sides.payout),
  };
}

/** The instance's weight files, with `replacements` (files or folders) in place by name. */
export function overlayWeightFiles(instance: Instance, replacements: readonly string[]): string[] {
  const byName = new Map<string, string>();
  for (const file of listWeightFiles(instance.paths.weights)) byName.set(path.basename(file), file);
  const given = new Map<string, string>();
  for (const replacement of replacements) {
    if (!existsSync(replacement)) {
      throw new ConfigError('WEIGHTS_FILE_NOT_FOUND', `${replacement}: no such weight file`, {
        ref: replacement,
        suggestions: ['Give a weight file (.json) or a folder of weight files.'],
      });
    }
    const files = statSync(replacement).isDirectory()
      ? listWeightFiles(replacement)
      : [path.resolve(replacement)];
    for (const file of files) {
      const name = path.basename(file);
      const previous = given.get(name);
      if (previous !== undefined) {
        throw new ConfigError(
          'WEIGHTS_DUPLICATE_NAME',
          `${file}: another weight file named ${name} is given too (${previous})`,
          {
            ref: file,
            suggestions: ['Each given file replaces the instance file of its name: give one.'],
          },
        );
      }
      given.set(name, file);
      byName.set(name, file);
    }
  }
  return [...byName.keys()].sort(compareStrings).map((name) => byName.get(name) as string);
}

/** Every weight setting that differs, by field name. */
export function weightChanges(before: Weights, after: Weights): WeightChange[] {
  const a = flattenWeights(before);
  const b = flattenWeights(after);
  const fields = [...new Set([...a.keys(), ...b.keys()])].sort(compareStrings);
  const changes: WeightChange[] = [];
  for (const field of fields) {
    const old = a.get(field) ?? null;
    const now = b.get(field) ?? null;
    if (canonicalJson(old) !== canonicalJson(now)) changes.push({ field, before: old, after: now });
  }
  return changes;
}

function flattenWeights(weights: Weights): Map<string, Json> {
  const json = toWeightsJson(weights);
  const flat = new Map<string, Json>();
  for (const section of ['nodes', 'edges', 'budgets', 'containers'] as const) {
    for (const [key, value] of Object.entries(json[section] ?? {})) {
      flat.set(`${section}.${key}`, value as unknown as Json);
    }
  }
  if (json.reactions !== undefined) {
    const { capPerWeek, nodes, edges } = json.reactions;
    if (capPerWeek !== undefined) flat.set('reactions.capPerWeek', capPerWeek);
    if (nodes.length > 0) flat.set('reactions.nodes', nodes);
    if (edges.length > 0) flat.set('reactions.edges', edges);
  }
  return flat;
}

/** Per identity: cred and share before and after, largest absolute change first. */
export function compareScores(before: ScoresFile, after: ScoresFile): IdentityChange[] {
  const share = (cred: number, total: number): number => (total > 0 ? cred / total : 0);
  const old = new Map(before.identities.map((row) => [row.id, row]));
  const rows: IdentityChange[] = [];
  for (const row of after.identities) {
    const was = old.get(row.id)?.totalCred ?? 0;
    if (was === 0 && row.totalCred === 0) continue;
    const beforeShare = share(was, before.totalCred);
    const afterShare = share(row.totalCred, after.totalCred);
    rows.push({
      id: row.id,
      name: row.name,
      type: row.type,
      before: { cred: was, share: beforeShare },
      after: { cred: row.totalCred, share: afterShare },
      change: row.totalCred - was,
      relativeChange: was > 0 ? (row.totalCred - was) / was : null,
      shareChange: afterShare - beforeShare,
    });
  }
  return rows.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || compareStrings(a.id, b.id));
}

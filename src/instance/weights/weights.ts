/**
 * The weights in force for an instance: each configured plugin's declared defaults, overlaid
 * by every `weights/*.json` file of the instance. Each file is validated against the plugins'
 * declarations, so a typo in a key is an error, not a silent no-op.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { compareStrings } from '../../core/canonicalJson.js';
import {
  combineWeights,
  declarationWeights,
  parseWeightsFile,
  type Weights,
} from '../../core/weights.js';
import { readJsonFile } from '../files.js';
import type { Instance } from '../instance.js';
import { knownDeclarations } from '../plugins.js';

export interface WeightFile {
  readonly file: string;
  readonly weights: Weights;
}

/** Parses every weight file of the instance (or the files given), in name order. */
export function readWeightFiles(instance: Instance, files?: readonly string[]): WeightFile[] {
  const declarations = knownDeclarations(instance.plugins);
  const paths = files ?? listWeightFiles(instance.paths.weights);
  return paths.map((file) => {
    const shown = path.relative(instance.paths.root, file) || file;
    return {
      file: shown,
      weights: parseWeightsFile(readJsonFile(file, shown), shown, declarations),
    };
  });
}

export function listWeightFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort(compareStrings)
    .map((name) => path.join(directory, name));
}

/** Declared defaults of the configured plugins overlaid with the weight files. */
export function instanceWeights(instance: Instance, files?: readonly string[]): Weights {
  const defaults = instance.plugins.map(({ plugin }) => declarationWeights(plugin.declaration));
  return combineWeights(defaults, readWeightFiles(instance, files));
}

/**
 * `cred init`: writes a working instance (cred.json, the project's default weight files, the
 * example contribution records, data/ and a .gitignore keeping caches, outputs and the private
 * payees.json out of git). It refuses to overwrite an existing instance. With OpenRank it
 * writes a preset: its parameters in cred.json, its weight files (templates/openrank/<preset>/)
 * over the defaults.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJsonFile } from '../core/canonicalJson.js';
import { isKnownCurrency } from '../core/currency.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { OPENRANK_PRESET_NAMES, type OpenRankPresetName } from '../core/openrank/params.js';
import { defaultInstanceConfig, openRankInstanceConfig } from './config.js';
import { instancePaths } from './instance.js';

/** The folder cred is installed in (holds weights/ and templates/). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const GITIGNORE = `# cred: caches and outputs are rebuilt; payees.json holds private contact details.
cache/
output/
payees.json
`;

export interface InitOptions {
  readonly name?: string;
  readonly currency?: string;
  /** Skip the example contribution records. */
  readonly bare?: boolean;
  /** `credrank` (default) or `openrank`. */
  readonly algorithm?: string;
  /** OpenRank preset (`ktoken` by default); only with algorithm `openrank`. */
  readonly preset?: string;
}

const ALGORITHMS = ['credrank', 'openrank'];

export interface InitReport {
  readonly root: string;
  readonly files: readonly string[];
}

export function initInstance(directory: string, options: InitOptions = {}): InitReport {
  const root = path.resolve(directory);
  const paths = instancePaths(root);
  if (existsSync(paths.config)) {
    throw new ConfigError('INSTANCE_EXISTS', `${paths.config} already exists`, {
      suggestions: ['Choose an empty folder, or edit the existing cred.json.'],
    });
  }
  const currency = options.currency ?? 'USD';
  const preset = openRankPreset(options);
  if (!isKnownCurrency(currency)) {
    throw new UsageError(
      'CONFIG_INVALID',
      `--currency: "${currency}" is not a currency Open Collective accepts`,
      {
        suggestions: ['Use an ISO 4217 code such as USD, EUR or CNY.'],
      },
    );
  }
  const written: string[] = [];
  const write = (file: string, content: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    written.push(path.relative(root, file));
  };
  const name = options.name ?? path.basename(root);
  const config =
    preset === null
      ? defaultInstanceConfig(name, currency)
      : openRankInstanceConfig(name, currency, preset);
  write(paths.config, canonicalJsonFile(config));
  write(path.join(root, '.gitignore'), GITIGNORE);
  copyFolder(path.join(PROJECT_ROOT, 'weights'), paths.weights, root, written);
  if (preset !== null) {
    copyFolder(path.join(PROJECT_ROOT, 'templates', 'openrank', preset), paths.weights, root, []);
  }
  mkdirSync(paths.contributions, { recursive: true });
  if (options.bare !== true) {
    copyFolder(
      path.join(PROJECT_ROOT, 'templates', 'instance', 'contributions'),
      paths.contributions,
      root,
      written,
    );
  }
  mkdirSync(paths.data, { recursive: true });
  return { root, files: written.sort() };
}

/** The OpenRank preset to write, null for CredRank; a clear error for anything else. */
function openRankPreset(options: InitOptions): OpenRankPresetName | null {
  const algorithm = options.algorithm ?? 'credrank';
  if (!ALGORITHMS.includes(algorithm)) {
    throw new UsageError(
      'CONFIG_INVALID',
      `--algorithm: expected one of ${ALGORITHMS.join(', ')}, got "${algorithm}"`,
      { suggestions: ['Use --algorithm credrank (the default) or --algorithm openrank.'] },
    );
  }
  if (algorithm === 'credrank') {
    if (options.preset === undefined) return null;
    throw new UsageError(
      'CONFIG_INVALID',
      `--preset: presets are OpenRank's, got --preset ${options.preset} with --algorithm credrank`,
      { suggestions: [`Add --algorithm openrank, or drop --preset.`] },
    );
  }
  const preset = options.preset ?? 'ktoken';
  if (!(OPENRANK_PRESET_NAMES as readonly string[]).includes(preset)) {
    throw new UsageError(
      'CONFIG_INVALID',
      `--preset: expected one of ${OPENRANK_PRESET_NAMES.join(', ')}, got "${preset}"`,
      {
        suggestions: [
          "ktoken: the KToken document's model (default); open-digger: open-digger's documentation.",
        ],
      },
    );
  }
  return preset as OpenRankPresetName;
}

function copyFolder(from: string, to: string, root: string, written: string[]): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from).sort()) {
    copyFileSync(path.join(from, name), path.join(to, name));
    written.push(path.relative(root, path.join(to, name)));
  }
}

/**
 * `cred init`: writes a working instance (cred.json, the project's default weight files, the
 * example contribution records, data/ and a .gitignore keeping caches, outputs and the private
 * payees.json out of git). It refuses to overwrite an existing instance.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJsonFile } from '../core/canonicalJson.js';
import { isKnownCurrency } from '../core/currency.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { defaultInstanceConfig } from './config.js';
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
}

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
  const config = defaultInstanceConfig(options.name ?? path.basename(root), currency);
  write(paths.config, canonicalJsonFile(config));
  write(path.join(root, '.gitignore'), GITIGNORE);
  copyFolder(path.join(PROJECT_ROOT, 'weights'), paths.weights, root, written);
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

function copyFolder(from: string, to: string, root: string, written: string[]): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from).sort()) {
    copyFileSync(path.join(from, name), path.join(to, name));
    written.push(path.relative(root, path.join(to, name)));
  }
}

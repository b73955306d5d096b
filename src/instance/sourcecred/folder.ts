/**
 * Reading a SourceCred (0.8-0.11) instance folder for `cred import sourcecred`: sourcecred.json
 * (its bundled plugins), config/weights.json, config/grain.json, config/currencyDetails.json,
 * the GitHub and Discourse plugin configs, the initiatives plugin's files and data/ledger.json.
 * Only the ledger is required; everything else is read when present and reported when not.
 * Config files are read leniently (SourceCred's own formats changed between versions): what is
 * not understood is listed in the report, never guessed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../core/errors.js';

export const SC_LEDGER = 'data/ledger.json';
const SC_PLUGINS = 'config/plugins/sourcecred';
const SHAPING_FILES = [
  'config/dependencies.json',
  'config/pluginBudgets.json',
  'config/personalAttributions.json',
];

export interface ScInitiativeFile {
  readonly file: string;
  readonly json: unknown;
}

export interface ScFolder {
  readonly root: string;
  readonly ledgerText: string;
  readonly ledgerSha256: string;
  readonly bundledPlugins: readonly string[];
  readonly credEquatePlugins: readonly string[];
  readonly githubRepositories: readonly string[];
  readonly discourseServerUrl: string | null;
  readonly weights: unknown;
  readonly grain: unknown;
  readonly currencyDetails: unknown;
  readonly initiatives: readonly ScInitiativeFile[];
  /** Mint-shaping files present (dependencies, plugin budgets, personal attributions). */
  readonly shapingFiles: readonly string[];
  /** Files read, relative to the folder. */
  readonly filesRead: readonly string[];
}

export function readScFolder(root: string): ScFolder {
  const ledgerFile = path.join(root, SC_LEDGER);
  if (!existsSync(ledgerFile)) {
    throw new ConfigError('SOURCECRED_NOT_FOUND', `${root}: expected ${SC_LEDGER}, found none`, {
      suggestions: [
        'Give the folder of a SourceCred instance (it holds sourcecred.json and data/).',
      ],
    });
  }
  const filesRead: string[] = [SC_LEDGER];
  const json = (relative: string): unknown => {
    const file = path.join(root, relative);
    if (!existsSync(file)) return undefined;
    filesRead.push(relative);
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new ConfigError('SOURCECRED_CONFIG_INVALID', `${file}: is not valid JSON`, {
        suggestions: ['Fix the file or remove it; nothing was imported.'],
      });
    }
  };
  const bytes = readFileSync(ledgerFile);
  const instance = asRecord(json('sourcecred.json'));
  const github = asRecord(json(`${SC_PLUGINS}/github/config.json`));
  const discourse = asRecord(json(`${SC_PLUGINS}/discourse/config.json`));
  return {
    root,
    ledgerText: bytes.toString('utf8'),
    ledgerSha256: createHash('sha256').update(bytes).digest('hex'),
    bundledPlugins: strings(instance.bundledPlugins),
    credEquatePlugins: strings(instance.credEquatePlugins),
    githubRepositories: strings(github.repositories),
    discourseServerUrl: typeof discourse.serverUrl === 'string' ? discourse.serverUrl : null,
    weights: json('config/weights.json'),
    grain: json('config/grain.json'),
    currencyDetails: json('config/currencyDetails.json'),
    initiatives: readInitiatives(root, filesRead),
    shapingFiles: SHAPING_FILES.filter((file) => existsSync(path.join(root, file))),
    filesRead,
  };
}

function readInitiatives(root: string, filesRead: string[]): ScInitiativeFile[] {
  const folder = path.join(root, SC_PLUGINS, 'initiatives', 'initiatives');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const relative = `${SC_PLUGINS}/initiatives/initiatives/${name}`;
      filesRead.push(relative);
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(path.join(folder, name), 'utf8'));
      } catch {
        parsed = undefined;
      }
      return { file: relative, json: parsed };
    });
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** SourceCred's compat wrapper `[{type, version}, payload]`: the payload, or the value itself. */
export function fromCompat(value: unknown): unknown {
  return Array.isArray(value) && value.length === 2 && asRecord(value[0]).type !== undefined
    ? value[1]
    : value;
}

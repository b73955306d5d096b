/**
 * `cred import sourcecred PATH`: a SourceCred instance's history as a cred instance. Reads the
 * folder, replays its ledger (src/ledger/sourcecred/), maps its config (plugins, weights,
 * initiatives) and only then writes: a new instance in the target folder, or into the instance
 * there when its ledger is empty. Everything is checked before the first write, so bad input
 * leaves nothing behind. Weeks are set to start on Sunday, SourceCred's cut (docs/import.md).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJsonFile } from '../../core/canonicalJson.js';
import { isKnownCurrency, minorUnitDigits } from '../../core/currency.js';
import { ConfigError, LedgerError } from '../../core/errors.js';
import { parseGrainRate } from '../../ledger/sourcecred/grain.js';
import { parseSourcecredLedger } from '../../ledger/sourcecred/ledgerFile.js';
import { translateSourcecred, type Translation } from '../../ledger/sourcecred/translate.js';
import { LedgerStore } from '../../ledger/store.js';
import { parseInstanceConfig } from '../config.js';
import { importResult, type ImportResult } from './result.js';
import { importReportMarkdown } from './report.js';
import { readScFolder, SC_LEDGER, type ScFolder } from './folder.js';
import { mapScConfig, type MappedConfig } from './config.js';
import { initInstance } from '../init.js';
import { instancePaths, type Runtime } from '../instance.js';
import { LEDGER_SHOWN } from '../ledgerStore.js';

export const IMPORT_REPORT = 'output/import/sourcecred.md';

export interface ImportOptions {
  /** The SourceCred instance folder. */
  readonly source: string;
  /** The cred instance folder (created when it has no cred.json). */
  readonly target: string;
  readonly currency?: string;
  /** Value of one grain in the currency (default "1"). */
  readonly grainRate?: string;
}

export async function importSourcecred(
  options: ImportOptions,
  runtime: Pick<Runtime, 'nowMs'>,
): Promise<ImportResult> {
  const folder = readScFolder(path.resolve(options.source));
  const scEvents = parseSourcecredLedger(folder.ledgerText, SC_LEDGER);
  const root = path.resolve(options.target);
  const paths = instancePaths(root);
  const existing = existsSync(paths.config) ? readConfig(paths.config) : null;
  const currency = (existing?.currency as string | undefined) ?? options.currency ?? 'USD';
  checkCurrency(currency);
  const store = new LedgerStore(paths.ledger, runtime.nowMs, LEDGER_SHOWN);
  checkLedgerEmpty(store, folder.ledgerSha256);
  const mapped = mapScConfig(folder, root);
  const translation = translateSourcecred(scEvents, {
    file: SC_LEDGER,
    sha256: folder.ledgerSha256,
    currency,
    digits: minorUnitDigits(currency),
    rate: parseGrainRate(options.grainRate ?? '1'),
    discourseServerUrl: mapped.discourseServerUrl,
    configVersion: folder.credEquatePlugins.length > 0 ? '0.10.0' : null,
  });
  const config = patchedConfig(existing, root, currency, mapped);
  // Nothing above writes; from here on everything was checked.
  const created = existing === null;
  if (created) initInstance(root, { currency, bare: true });
  writeFileSync(paths.config, canonicalJsonFile(config));
  const written = writeMappedFiles(root, mapped);
  await store.appendTimed(() => translation.events);
  const result = importResult(folder, translation, mapped, { root, created, written });
  const report = path.join(root, IMPORT_REPORT);
  mkdirSync(path.dirname(report), { recursive: true });
  writeFileSync(report, importReportMarkdown(result));
  return result;
}

function readConfig(file: string): Record<string, unknown> {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  parseInstanceConfig(json, 'cred.json');
  return json;
}

function checkCurrency(currency: string): void {
  if (!isKnownCurrency(currency)) {
    throw new ConfigError('CONFIG_INVALID', `--currency: "${currency}" is not a known currency`, {
      suggestions: ['Use an ISO 4217 code such as USD, EUR or CNY.'],
    });
  }
}

function checkLedgerEmpty(store: LedgerStore, sha256: string): void {
  const ledger = store.read();
  if (ledger.state.imports.has(sha256)) {
    throw new LedgerError(
      'import_exists',
      `${LEDGER_SHOWN}: this SourceCred ledger (SHA-256 ${sha256.slice(0, 12)}…) was already imported`,
      { suggestions: ['Each ledger file is imported once; nothing was written.'] },
    );
  }
  if (ledger.lineCount > 0 || ledger.torn !== null) {
    throw new ConfigError(
      'LEDGER_NOT_EMPTY',
      `${LEDGER_SHOWN}: holds ${ledger.lineCount} events; an import needs an empty ledger`,
      { suggestions: ['Import into a new folder (--into DIR) and compare; nothing was written.'] },
    );
  }
}

/** cred.json with Sunday weeks and the SourceCred instance's GitHub and Discourse settings. */
function patchedConfig(
  existing: Record<string, unknown> | null,
  root: string,
  currency: string,
  mapped: MappedConfig,
): Record<string, unknown> {
  const base = existing ?? {
    type: 'cred/instance',
    version: 1,
    name: path.basename(root),
    currency,
    plugins: { files: {} },
  };
  const plugins = { ...(base.plugins as Record<string, unknown>) };
  for (const [name, settings] of Object.entries(mapped.plugins)) plugins[name] ??= settings;
  const config = { ...base, plugins, weekStart: 'sunday' };
  parseInstanceConfig(config, 'cred.json');
  return config;
}

function writeMappedFiles(root: string, mapped: MappedConfig): string[] {
  const written: string[] = [];
  for (const [relative, content] of Object.entries(mapped.files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    written.push(relative);
  }
  return written.sort();
}

export type { Translation, ScFolder };

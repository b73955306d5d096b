/**
 * A SourceCred instance's configuration as cred's: the GitHub repositories and the Discourse
 * forum become plugin settings; weights map where types correspond (importSourcecredWeights);
 * initiatives (and their contribution entries) become `files` records, one per initiative or
 * entry, crediting its champions or contributors by the last part of their URL (a login). What
 * has no cred counterpart (Discord, CredEquate, grain policies, budgets) is listed with why.
 */
import { fromCompat, asRecord, type ScFolder } from './folder.js';
import { mapScWeights, type WeightRow } from './weights.js';

export const INITIATIVES_FILE = 'contributions/sourcecred-initiatives.json';

export interface NotImported {
  readonly what: string;
  readonly why: string;
}

export interface MappedConfig {
  readonly plugins: Readonly<Record<string, Record<string, unknown>>>;
  readonly discourseServerUrl: string | null;
  readonly weights: readonly WeightRow[];
  readonly initiatives: { readonly records: number; readonly skipped: readonly NotImported[] };
  /** Files to write (relative to the instance) -> content. */
  readonly files: Readonly<Record<string, string>>;
  readonly notImported: readonly NotImported[];
}

export function mapScConfig(folder: ScFolder, targetRoot: string): MappedConfig {
  const plugins: Record<string, Record<string, unknown>> = {};
  const notImported: NotImported[] = [];
  if (folder.githubRepositories.length > 0)
    plugins.github = { repositories: [...folder.githubRepositories] };
  if (folder.discourseServerUrl !== null)
    plugins.discourse = { serverUrl: folder.discourseServerUrl.replace(/\/+$/, '') };
  for (const plugin of folder.bundledPlugins) {
    if (['sourcecred/github', 'sourcecred/discourse', 'sourcecred/initiatives'].includes(plugin))
      continue;
    notImported.push({
      what: `plugin ${plugin}`,
      why: 'cred has no plugin for it yet; its accounts are kept as foreign aliases',
    });
  }
  if (folder.credEquatePlugins.length > 0)
    notImported.push({ what: 'CredEquate plugins', why: 'cred scores with CredRank only' });
  if (folder.grain !== undefined)
    notImported.push({
      what: 'config/grain.json (allocation policies)',
      why: 'cred pays monthly from revenue (cred.json "payout"); choose its policy there',
    });
  for (const file of folder.shapingFiles)
    notImported.push({
      what: file,
      why: 'no cred counterpart: budgets go in weight files ("budgets"); bonus minting and attributions are not supported',
    });
  const weights = mapScWeights(folder.weights, targetRoot);
  const initiatives = mapInitiatives(folder);
  const files: Record<string, string> = { ...weights.files };
  if (initiatives.list.length > 0)
    files[INITIATIVES_FILE] = `${JSON.stringify(initiatives.list, null, 2)}\n`;
  return {
    plugins,
    discourseServerUrl: folder.discourseServerUrl,
    weights: weights.rows,
    initiatives: { records: initiatives.list.length, skipped: initiatives.skipped },
    files,
    notImported,
  };
}

function mapInitiatives(folder: ScFolder) {
  const list: Record<string, unknown>[] = [];
  const skipped: NotImported[] = [];
  for (const { file, json } of folder.initiatives) {
    const initiative = asRecord(fromCompat(json));
    const slug = slugOf(
      file
        .split('/')
        .pop()
        ?.replace(/\.json$/, '') ?? 'initiative',
    );
    const champions = urls(initiative.champions).map(loginOf);
    const weight = asRecord(initiative.weight);
    const value = initiative.completed === true ? weight.complete : weight.incomplete;
    if (typeof initiative.title !== 'string' || typeof initiative.timestampIso !== 'string') {
      skipped.push({ what: file, why: 'not an initiative file (no title or timestampIso)' });
      continue;
    }
    const references = ['contributions', 'dependencies', 'references'].flatMap((field) =>
      urls(edgeUrls(initiative[field])),
    );
    if (champions.length === 0) {
      skipped.push({ what: file, why: 'no champions: a cred record needs a contributor' });
    } else {
      list.push({
        id: `initiative-${slug}`,
        title: initiative.title,
        date: initiative.timestampIso,
        type: 'initiative',
        contributors: champions,
        weight: typeof value === 'number' ? value : 0,
        ...(references.length > 0 ? { references } : {}),
        description: `Imported from SourceCred ${file}`,
      });
    }
    list.push(...entryRecords(initiative, slug, skipped, file));
  }
  return { list, skipped };
}

function entryRecords(
  initiative: Record<string, unknown>,
  slug: string,
  skipped: NotImported[],
  file: string,
): Record<string, unknown>[] {
  const entries = Array.isArray(asRecord(initiative.contributions).entries)
    ? (asRecord(initiative.contributions).entries as unknown[])
    : [];
  return entries.flatMap((raw, index) => {
    const entry = asRecord(raw);
    const contributors = urls(entry.contributors).map(loginOf);
    if (contributors.length === 0 || typeof entry.title !== 'string') {
      skipped.push({ what: `${file} entry ${index + 1}`, why: 'no title or no contributors' });
      return [];
    }
    const key = typeof entry.key === 'string' ? slugOf(entry.key) : String(index + 1);
    return [
      {
        id: `initiative-${slug}-${key}`,
        title: entry.title,
        date: typeof entry.timestampIso === 'string' ? entry.timestampIso : initiative.timestampIso,
        type: 'initiative-contribution',
        contributors,
        weight: typeof entry.weight === 'number' ? entry.weight : 1,
      },
    ];
  });
}

/** SourceCred 0.1 initiative files list URLs; 0.2 files hold `{urls, entries}`. */
function edgeUrls(value: unknown): unknown {
  return Array.isArray(value) ? value : asRecord(value).urls;
}

function urls(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((url): url is string => typeof url === 'string') : [];
}

function loginOf(url: string): string {
  const last = url.replace(/\/+$/, '').split('/').pop() ?? url;
  return decodeURIComponent(last).replace(/^@/, '') || url;
}

function slugOf(text: string): string {
  return text.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[^\p{L}\p{N}]+/u, '') || 'x';
}

/**
 * `cred site`: builds output/site/, the static explorer. It copies the front end built by
 * `npm run build` (dist/site/) and writes the data it reads (data/*.json, docs/formats.md
 * "Explorer data") from output/cred.json, the graphs and weights it came from, and (when it
 * exists) the ledger, which it also copies as is with the published payout reports
 * (siteLedgerFiles.ts). The site is staged beside output/site and swapped in at the end, so a
 * failure leaves the previous site whole. Nothing but the front end, these data files and
 * those public copies is written there: no secrets, no payees.json.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { canonicalJson, compareStrings } from '../../core/canonicalJson.js';
import { ConfigError } from '../../core/errors.js';
import { sha256Hex } from '../../core/digest.js';
import { loadScoredInstance, type ScoredInstance } from '../explain/scores.js';
import { readScores } from '../score/scoresBinary.js';
import { PROJECT_ROOT } from '../init.js';
import type { Instance, Runtime } from '../instance.js';
import { instanceIdentities } from '../score/score.js';
import { emitContributorPages } from './contributors.js';
import { SITE_FORMATS, type SiteContributor, type SiteLeaderboard } from './format.js';
import { buildLeaderboard } from './leaderboard.js';
import { buildLedgerData } from './ledger.js';
import { readLedgerFiles, type LedgerFiles, type SiteCopy } from './ledgerFiles.js';
import { buildWeights } from './weights.js';
import { precompressSite } from './precompress.js';
import { allTimeOrder, buildSiteIndex, buildSiteNames } from './siteIndex.js';
import { buildWhatIf } from './whatIf.js';

/** Identities per data/contributors/<n>.json: few files, each small and well compressed. */
const CONTRIBUTORS_PER_FILE = 64;
/** Identities per data/ledger/accounts/<n>.json (payout histories), for the same reasons. */
const ACCOUNTS_PER_FILE = 64;

/** Where `npm run build` puts the front end. */
export const SITE_ASSETS = path.join(PROJECT_ROOT, 'dist', 'site');

export interface SiteFileSize {
  readonly file: string;
  readonly files: number;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface SiteReport {
  readonly directory: string;
  readonly identities: number;
  readonly contributorPages: number;
  /** Sizes of the emitted data, by file (contributor pages summed as one entry). */
  readonly data: readonly SiteFileSize[];
  readonly dataBytes: number;
  readonly dataGzipBytes: number;
  /** Files copied as they are: the ledger and the published payout reports. */
  readonly copies: readonly SiteFileSize[];
  readonly copiesBytes: number;
  readonly copiesGzipBytes: number;
  readonly seconds: number;
}

export async function buildSite(instance: Instance, runtime: Runtime): Promise<SiteReport> {
  const startMs = performance.now();
  if (!existsSync(path.join(SITE_ASSETS, 'index.html'))) {
    throw new ConfigError(
      'SITE_ASSETS_MISSING',
      `${SITE_ASSETS}: the explorer's front end is not built`,
      { suggestions: ['Run "npm run build" in the cred project, then "cred site" again.'] },
    );
  }
  const scores = readScores(instance);
  const credDigest = `sha256:${sha256Hex(readFileSync(instance.paths.scores))}`;
  const scored =
    scores.algorithm === 'credrank'
      ? await loadScoredInstance(instance, runtime, { scores })
      : undefined;
  const identities = scored?.identities ?? (await instanceIdentities(instance, runtime));
  const ledgerFiles = readLedgerFiles(instance, runtime);
  const built = buildLeaderboard(instance, scores, identities, credDigest, {
    contributors: scored === undefined ? 0 : CONTRIBUTORS_PER_FILE,
    weights: scored !== undefined && scores.weeks.length > 0,
    ledger: ledgerFiles !== null,
  });
  const { unitsById } = built;
  const leaderboard =
    ledgerFiles === null ? built.leaderboard : withExclusions(built.leaderboard, ledgerFiles);
  const staging = `${instance.paths.site}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let sizes: SizeLog;
  let pages = 0;
  try {
    cpSync(SITE_ASSETS, staging, { recursive: true });
    sizes = new SizeLog(staging);
    const order = writeLeaderboard(sizes, leaderboard);
    if (scored !== undefined) {
      runtime.reporter.progress('site: explaining every contributor’s cred');
      pages = writeContributors(sizes, scored, leaderboard, unitsById, order);
    }
    if (scored !== undefined && leaderboard.parts.weights) {
      const whatif = buildWhatIf(scored, leaderboard.identities.id);
      sizes.write('weights.json', buildWeights(instance, scored, whatif));
      sizes.write('whatif.json', whatif.whatif);
    }
    if (ledgerFiles !== null) writeLedger(sizes, ledgerFiles, leaderboard);
    runtime.reporter.progress('site: writing .gz and .br copies for static hosts');
    precompressSite(staging);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  rmSync(instance.paths.site, { recursive: true, force: true });
  renameSync(staging, instance.paths.site);
  const data = sizes.list('data');
  const copies = sizes.list('copies');
  const sum = (list: readonly SiteFileSize[], pick: (entry: SiteFileSize) => number) =>
    list.reduce((total, entry) => total + pick(entry), 0);
  return {
    directory: instance.paths.site,
    identities: leaderboard.identities.id.length,
    contributorPages: pages,
    data,
    dataBytes: sum(data, (entry) => entry.bytes),
    dataGzipBytes: sum(data, (entry) => entry.gzipBytes),
    copies,
    copiesBytes: sum(copies, (entry) => entry.bytes),
    copiesGzipBytes: sum(copies, (entry) => entry.gzipBytes),
    seconds: Math.round(performance.now() - startMs) / 1000,
  };
}

/** data/index.json, names.json and leaderboard.json; returns the all-time order. */
function writeLeaderboard(sizes: SizeLog, leaderboard: SiteLeaderboard): number[] {
  const order = allTimeOrder(leaderboard.identities);
  sizes.write('index.json', buildSiteIndex(leaderboard, order));
  sizes.write('names.json', buildSiteNames(leaderboard));
  sizes.write('leaderboard.json', leaderboard);
  return order;
}

/**
 * data/ledger.json, each proposal's lines (data/ledger/<id>.json), the payout histories
 * (data/ledger/accounts/<n>.json) and the copies of the ledger and the reports.
 */
function writeLedger(sizes: SizeLog, files: LedgerFiles, leaderboard: SiteLeaderboard): void {
  const data = buildLedgerData(files.ledger, {
    currency: leaderboard.instance.currency,
    quantum: leaderboard.quantum,
    identityOrder: leaderboard.identities.id,
    reports: files.reports,
    chainFile: 'ledger.jsonl',
    accountsPerFile: ACCOUNTS_PER_FILE,
  });
  sizes.write('ledger.json', data.ledger);
  for (const payout of data.payouts)
    sizes.write(`ledger/${payout.id}.json`, payout, 'ledger/payout-*.json');
  for (const [group, accounts] of data.accounts) {
    sizes.write(`ledger/accounts/${group}.json`, accounts, 'ledger/accounts/*.json');
  }
  for (const copy of files.copies) sizes.copy(copy);
}

/**
 * data/contributors/<n>.json, identities grouped by leaderboard index, each page with its
 * weekly cred and all-time rank (`order`) so it needs no other file; returns the pages.
 */
function writeContributors(
  sizes: SizeLog,
  scored: ScoredInstance,
  leaderboard: SiteLeaderboard,
  unitsById: ReadonlyMap<string, readonly number[]>,
  order: readonly number[],
): number {
  const position = new Map(leaderboard.identities.id.map((id, index) => [id, index]));
  const rank = new Int32Array(order.length);
  order.forEach((index, r) => (rank[index] = r + 1));
  const groups = new Map<number, SiteContributor[]>();
  let pages = 0;
  emitContributorPages(scored, position, unitsById, leaderboard.quantum, (partial) => {
    const index = position.get(partial.id) as number;
    const cred = leaderboard.identities.cred[index] as readonly number[];
    const page = { ...partial, cred, rank: rank[index] as number };
    const group = Math.floor(index / CONTRIBUTORS_PER_FILE);
    const list = groups.get(group);
    if (list === undefined) groups.set(group, [page]);
    else list.push(page);
    pages++;
  });
  for (const [group, contributors] of groups) {
    contributors.sort((a, b) => compareStrings(a.id, b.id));
    const file = { ...SITE_FORMATS.contributors, contributors };
    sizes.write(`contributors/${group}.json`, file, 'contributors/*.json');
  }
  return pages;
}

/** The leaderboard with the identities the ledger excludes (latest month of each). */
function withExclusions(leaderboard: SiteLeaderboard, files: LedgerFiles): SiteLeaderboard {
  const position = new Map(leaderboard.identities.id.map((id, index) => [id, index]));
  const latest = new Map<number, [number, string, string]>();
  const months = [...files.ledger.state.exclusions.keys()].sort(compareStrings);
  for (const month of months) {
    for (const [id, reason] of files.ledger.state.exclusions.get(month) ?? []) {
      const index = position.get(id);
      if (index !== undefined) latest.set(index, [index, month, reason]);
    }
  }
  const excluded = [...latest.values()].sort((a, b) => a[0] - b[0]);
  return excluded.length === 0 ? leaderboard : { ...leaderboard, excluded };
}

/** The built site of an instance, for `cred serve`; SITE_NOT_BUILT when there is none. */
export function builtSite(instance: Instance): string {
  if (!existsSync(path.join(instance.paths.site, 'index.html'))) {
    throw new ConfigError('SITE_NOT_BUILT', `${instance.paths.site}: no site has been built here`, {
      suggestions: ['Run "cred site" first (after "cred score").'],
    });
  }
  return instance.paths.site;
}

type Kind = 'data' | 'copies';

/**
 * Writes data files (canonical JSON on one line) and copies, and adds up their sizes, raw and
 * gzipped, by kind: the explorer's data, and the files copied as they are.
 */
class SizeLog {
  private readonly entries = new Map<
    string,
    { kind: Kind; files: number; bytes: number; gzipBytes: number }
  >();

  constructor(private readonly root: string) {}

  write(file: string, value: unknown, group: string = file): void {
    this.put(`data/${file}`, Buffer.from(`${canonicalJson(value)}\n`), `data/${group}`, 'data');
  }

  copy(copy: SiteCopy): void {
    this.put(copy.target, copy.bytes, copy.target, 'copies');
  }

  list(kind: Kind): SiteFileSize[] {
    return [...this.entries]
      .filter(([, entry]) => entry.kind === kind)
      .map(([file, { files, bytes, gzipBytes }]) => ({ file, files, bytes, gzipBytes }));
  }

  private put(file: string, bytes: Buffer, group: string, kind: Kind): void {
    const target = path.join(this.root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    const entry = this.entries.get(group) ?? { kind, files: 0, bytes: 0, gzipBytes: 0 };
    entry.files += 1;
    entry.bytes += bytes.length;
    entry.gzipBytes += gzipSync(bytes).length;
    this.entries.set(group, entry);
  }
}

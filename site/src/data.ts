/**
 * Loading the JSON that `cred site` emits (data/*.json, relative to the page so the site works
 * under any path of any static host), and the ledger file it copies. Each file is fetched once
 * per page load, and only by the views that need it. Every view starts from data/index.json
 * (small, preloaded), so it fetches its own files at once. The
 * ledger file itself is read by the ledger worker (ledger/ledgerWorker.ts).
 */
import { compareStrings } from '../../src/core/canonicalJson.js';
import type {
  SiteContributor,
  SiteContributorGroup,
  SiteIndex,
  SiteLeaderboard,
  SiteNames,
  SiteWeights,
} from '../../src/instance/site/format.js';
import type { SiteAccounts, SiteLedger, SitePayout } from '../../src/instance/site/ledgerFormat.js';

const cache = new Map<string, Promise<unknown>>();

export class NotFound extends Error {}

function load<T>(file: string): Promise<T> {
  let pending = cache.get(file);
  if (pending === undefined) {
    pending = fetch(`data/${file}`).then((response) => {
      if (response.status === 404) throw new NotFound(`data/${file} does not exist`);
      if (!response.ok) throw new Error(`data/${file}: HTTP ${response.status}`);
      return response.json();
    });
    cache.set(file, pending);
    pending.catch(() => cache.delete(file));
  }
  return pending as Promise<T>;
}

export const loadIndex = () => load<SiteIndex>('index.json');
export const loadNames = () => load<SiteNames>('names.json');
export const loadLeaderboard = () => load<SiteLeaderboard>('leaderboard.json');
export const loadWeights = () => load<SiteWeights>('weights.json');
export const loadLedger = () => load<SiteLedger>('ledger.json');
/** A proposal's lines; `file` is the path under data/ that data/ledger.json names. */
export const loadPayout = (file: string) => load<SitePayout>(file);

/** The payout history of identity `ref` (see SiteLedger), or null when it has none. */
export async function loadAccount(
  ledger: SiteLedger,
  ref: number,
): Promise<SiteAccounts['accounts'][number] | null> {
  try {
    const file = `ledger/accounts/${Math.floor(ref / ledger.accountsPerFile)}.json`;
    const group = await load<SiteAccounts>(file);
    return group.accounts.find((account) => account.identity === ref) ?? null;
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
}
/**
 * The page of identity `id`, or null when it has none. Its file is the last one whose first id
 * (data/index.json) is not after `id`: no list of identities is needed to find it.
 */
export async function loadContributor(id: string): Promise<SiteContributor | null> {
  const files = (await loadIndex()).contributorFiles;
  let low = 0;
  let high = files.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (compareStrings(files[middle] as string, id) <= 0) low = middle;
    else high = middle - 1;
  }
  if (high < 0 || compareStrings(files[low] as string, id) > 0) return null;
  try {
    const group = await load<SiteContributorGroup>(`contributors/${low}.json`);
    return group.contributors.find((page) => page.id === id) ?? null;
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
}

/** Where the what-if data lives, for the worker (which fetches it itself). */
export function whatIfUrl(): string {
  return new URL('data/whatif.json', document.baseURI).href;
}

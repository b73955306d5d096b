/**
 * Loading the JSON that `cred site` emits (data/*.json, relative to the page so the site works
 * under any path of any static host), and the ledger file it copies. Each file is fetched once
 * per page load, and only by the views that need it. Every view starts from data/index.json
 * (small), so it fetches its own files at once, in parallel with data/leaderboard.json. The
 * ledger file itself is read by the ledger worker (ledger/ledgerWorker.ts).
 */
import type {
  SiteContributor,
  SiteContributorGroup,
  SiteIndex,
  SiteLeaderboard,
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
 * The page of identity `id` at leaderboard `index` (data/index.json has the order), or null
 * when it has none; `size` is `parts.contributors`.
 */
export async function loadContributor(
  size: number,
  index: number,
  id: string,
): Promise<SiteContributor | null> {
  if (size === 0) return null;
  try {
    const group = await load<SiteContributorGroup>(`contributors/${Math.floor(index / size)}.json`);
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

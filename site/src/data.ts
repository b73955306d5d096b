/**
 * Loading the JSON that `cred site` emits (data/*.json, relative to the page so the site works
 * under any path of any static host), and the ledger file it copies. Each file is fetched once
 * per page load, and only by the views that need it (the leaderboard reads one file). The ledger
 * file itself is read by the ledger worker (ledger/ledgerWorker.ts).
 */
import type {
  SiteContributor,
  SiteContributorGroup,
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
/** The page of the identity at leaderboard `index`, or null when it has none. */
export async function loadContributor(
  data: SiteLeaderboard,
  index: number,
): Promise<SiteContributor | null> {
  const size = data.parts.contributors;
  if (size === 0) return null;
  const group = await load<SiteContributorGroup>(`contributors/${Math.floor(index / size)}.json`);
  const id = data.identities.id[index];
  return group.contributors.find((page) => page.id === id) ?? null;
}

/** Where the what-if data lives, for the worker (which fetches it itself). */
export function whatIfUrl(): string {
  return new URL('data/whatif.json', document.baseURI).href;
}

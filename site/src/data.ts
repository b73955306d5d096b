/**
 * Loading the JSON that `cred site` emits (data/*.json, relative to the page so the site works
 * under any path of any static host). Each file is fetched once per page load.
 */
import type {
  SiteContributor,
  SiteContributorGroup,
  SiteLeaderboard,
  SiteWeights,
} from '../../src/instance/siteFormat.js';

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

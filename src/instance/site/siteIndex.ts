/**
 * data/index.json and data/names.json (SiteIndex, SiteNames in format.ts): at 10,000
 * contributors data/leaderboard.json is a few MB to parse, mostly weekly cred. The index is
 * what every view reads first (the summary, where contributor files are, the all-time top,
 * which the leaderboard shows before the full file is in); names.json has the leaderboard's
 * other columns, for the views that name other identities.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import { SITE_FORMATS, type SiteIndex, type SiteLeaderboard, type SiteNames } from './format.js';

/** Rows of the leaderboard's first page (site/src/views/leaderboard.ts shows 100 at a time). */
export const INDEX_TOP_ROWS = 100;

/**
 * Leaderboard indices ranked for all time as the explorer ranks them (site/src/model.ts
 * `rank`): most cred first, ties by name, then id.
 */
export function allTimeOrder(identities: SiteLeaderboard['identities']): number[] {
  const totals = identities.cred.map((weeks) => weeks.slice(1).reduce((a, b) => a + b, 0));
  return Array.from({ length: totals.length }, (_, i) => i).sort(
    (a, b) =>
      (totals[b] as number) - (totals[a] as number) ||
      compareStrings(identities.name[a] as string, identities.name[b] as string) ||
      compareStrings(identities.id[a] as string, identities.id[b] as string),
  );
}

export function buildSiteIndex(
  leaderboard: SiteLeaderboard,
  order: readonly number[] = allTimeOrder(leaderboard.identities),
  rows = INDEX_TOP_ROWS,
): SiteIndex {
  const { type: _type, version: _version, identities, excluded, ...summary } = leaderboard;
  const totals = identities.cred.map((weeks) => weeks.slice(1).reduce((a, b) => a + b, 0));
  const top = order.slice(0, rows);
  const pick = <T>(column: readonly T[]) => top.map((i) => column[i] as T);
  const size = summary.parts.contributors;
  return {
    ...SITE_FORMATS.index,
    summary,
    identities: identities.id.length,
    earning: totals.filter((units) => units > 0).length,
    totalUnits: totals.reduce((a, b) => a + b, 0),
    contributorFiles: size === 0 ? [] : identities.id.filter((_, i) => i % size === 0),
    top: {
      index: top,
      id: pick(identities.id),
      name: pick(identities.name),
      type: pick(identities.type),
      plugins: pick(identities.plugins),
      cred: pick(identities.cred),
    },
    ...(excluded === undefined ? {} : { excluded }),
  };
}

/** data/names.json: the leaderboard's columns but weekly cred. */
export function buildSiteNames(leaderboard: SiteLeaderboard): SiteNames {
  const { cred: _cred, ...identities } = leaderboard.identities;
  return { ...SITE_FORMATS.names, identities };
}

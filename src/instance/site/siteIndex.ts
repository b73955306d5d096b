/**
 * data/index.json (SiteIndex in format.ts): the file every view of the explorer reads first.
 * At 10,000 contributors data/leaderboard.json is a few MB to parse, mostly weekly cred; this
 * file has the rest of its columns (ids, names, types, platforms: what the ledger views and a
 * contributor page need of other identities) and the weekly cred of the all-time top, so the
 * leaderboard shows its first rows before the full file is in.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import { SITE_FORMATS, type SiteIndex, type SiteLeaderboard } from './format.js';

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
  const { cred, ...columns } = identities;
  const totals = cred.map((weeks) => weeks.slice(1).reduce((a, b) => a + b, 0));
  const top = order.slice(0, rows);
  return {
    ...SITE_FORMATS.index,
    summary,
    identities: columns,
    earning: totals.filter((units) => units > 0).length,
    totalUnits: totals.reduce((a, b) => a + b, 0),
    top: { index: top, cred: top.map((i) => cred[i] as readonly number[]) },
    ...(excluded === undefined ? {} : { excluded }),
  };
}

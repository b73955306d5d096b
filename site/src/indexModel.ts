/**
 * Models for views that should not wait for data/leaderboard.json (a few MB to parse at 10,000
 * contributors): the leaderboard's first rows from data/index.json, and every identity's id,
 * name, type and platforms from data/names.json with the weekly cred of the all-time top and,
 * for a contributor page, of that identity (its contributor file has it). A names model ranks
 * nobody else correctly: views use it for names and for the identities whose cred it holds.
 */
import type { SiteIndex, SiteLeaderboard } from '../../src/instance/site/format.js';
import { loadIndex, loadNames } from './data.js';
import { buildModel, type Model } from './model.js';

let cached: Promise<Model> | undefined;

/** The model of the index's top rows only (their indices here are their ranks). */
export function topModel(index: SiteIndex): Model {
  const { index: positions, ...columns } = index.top;
  const rank = new Map(positions.map((position, r) => [position, r]));
  const excluded = (index.excluded ?? []).flatMap(([position, month, reason]) => {
    const r = rank.get(position);
    return r === undefined ? [] : [[r, month, reason] as const];
  });
  return modelOf(index, columns, excluded);
}

export function namesModel(): Promise<Model> {
  cached ??= Promise.all([loadIndex(), loadNames()]).then(([index, names]) =>
    withCred(index, names.identities),
  );
  cached.catch(() => (cached = undefined));
  return cached;
}

/** The names model with identity `position`'s weekly cred set to `cred`. */
export async function modelWith(position: number, cred: readonly number[]): Promise<Model> {
  const [index, names] = await Promise.all([loadIndex(), loadNames()]);
  return withCred(index, names.identities, [position, cred]);
}

function withCred(
  index: SiteIndex,
  identities: Omit<SiteLeaderboard['identities'], 'cred'>,
  extra?: [number, readonly number[]],
): Model {
  const cred: (readonly number[])[] = identities.id.map(() => []);
  index.top.index.forEach((position, r) => (cred[position] = index.top.cred[r] ?? []));
  if (extra !== undefined) cred[extra[0]] = extra[1];
  return modelOf(index, { ...identities, cred }, index.excluded);
}

function modelOf(
  index: SiteIndex,
  identities: SiteLeaderboard['identities'],
  excluded: SiteLeaderboard['excluded'],
): Model {
  return buildModel({
    type: 'cred/site-leaderboard',
    version: 1,
    ...index.summary,
    identities,
    ...(excluded === undefined ? {} : { excluded }),
  });
}

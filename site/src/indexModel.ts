/**
 * Models from data/index.json, for views that should not wait for data/leaderboard.json (a few
 * MB to parse at 10,000 contributors): every identity's id, name, type and platforms, with the
 * weekly cred of the all-time top only (the leaderboard's first rows) and, for a contributor
 * page, of that identity (its contributor file has it). Such a model ranks nobody else
 * correctly: views use it for names and for the identities whose cred it holds.
 */
import type { SiteIndex } from '../../src/instance/site/format.js';
import { loadIndex } from './data.js';
import { buildModel, type Model } from './model.js';

let cached: Promise<Model> | undefined;

export function indexModel(): Promise<Model> {
  cached ??= loadIndex().then((index) => modelOf(index));
  cached.catch(() => (cached = undefined));
  return cached;
}

/** The index's model with identity `index`'s weekly cred set to `cred`. */
export async function modelWith(index: number, cred: readonly number[]): Promise<Model> {
  return modelOf(await loadIndex(), [index, cred]);
}

function modelOf(index: SiteIndex, extra?: [number, readonly number[]]): Model {
  const cred: (readonly number[])[] = index.identities.id.map(() => []);
  index.top.index.forEach((position, r) => (cred[position] = index.top.cred[r] ?? []));
  if (extra !== undefined) cred[extra[0]] = extra[1];
  return buildModel({
    type: 'cred/site-leaderboard',
    version: 1,
    ...index.summary,
    identities: { ...index.identities, cred },
    ...(index.excluded === undefined ? {} : { excluded: index.excluded }),
  });
}

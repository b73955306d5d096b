/**
 * data/leaderboard.json: every identity's weekly cred from output/cred.json in integer units
 * (error-diffused, so any period's sum is within one quantum of the exact one), its type and
 * the platforms it has accounts on, plus what the page header shows about the run. One file,
 * so the leaderboard is interactive after a single request.
 */
import { addressPlugin } from '../../core/address.js';
import { compareStrings } from '../../core/canonicalJson.js';
import { IDENTITY_TYPES, type Identity } from '../../core/identity.js';
import type { ScoresFile } from '../score/credOutput.js';
import type { Instance } from '../instance.js';
import { SITE_FORMATS, type SiteLeaderboard } from './format.js';
import { credDecimals, diffuseWeekly, quantumFor, sparseWeeks } from './numbers.js';

export interface LeaderboardData {
  readonly leaderboard: SiteLeaderboard;
  /** Weekly units per identity id (dense), for the contributor pages. */
  readonly unitsById: ReadonlyMap<string, readonly number[]>;
}

export function buildLeaderboard(
  instance: Instance,
  scores: ScoresFile,
  identities: readonly Identity[],
  credDigest: string,
  parts: SiteLeaderboard['parts'],
): LeaderboardData {
  const quantum = quantumFor(scores.totalMint);
  const plugins = instance.plugins
    .map(({ name, plugin }) => ({ name, title: plugin.declaration.title }))
    .sort((a, b) => compareStrings(a.name, b.name));
  const pluginIndex = new Map(plugins.map(({ name }, index) => [name, index]));
  const aliases = new Map<string, readonly string[]>(
    identities.map((identity) => [identity.id, identity.aliases]),
  );
  const rows = [...scores.identities].sort((a, b) => compareStrings(a.id, b.id));
  const unitsById = new Map<string, number[]>();
  const cred = rows.map((row) => {
    const units = diffuseWeekly(row.cred, quantum);
    unitsById.set(row.id, units);
    return sparseWeeks(units);
  });
  const platformsOf = (id: string): number[] => {
    const indices = (aliases.get(id) ?? [])
      .map((alias) => pluginIndex.get(addressPlugin(alias)))
      .filter((index): index is number => index !== undefined);
    return [...new Set(indices)].sort((a, b) => a - b);
  };
  const leaderboard: SiteLeaderboard = {
    ...SITE_FORMATS.leaderboard,
    instance: { name: instance.config.name, currency: instance.config.currency },
    algorithm: scores.algorithm,
    parameters: scores.parameters,
    convergence: scores.convergence,
    credDigest,
    inputs: { graphDigest: scores.inputs.graphDigest, weightsDigest: scores.inputs.weightsDigest },
    firstWeek: scores.weeks[0] ?? null,
    weekCount: scores.weeks.length,
    quantum,
    decimals: credDecimals(quantum),
    totalMint: scores.totalMint,
    plugins,
    identityTypes: IDENTITY_TYPES,
    identities: {
      id: rows.map((row) => row.id),
      name: rows.map((row) => row.name),
      type: rows.map((row) => IDENTITY_TYPES.indexOf(row.type)),
      plugins: rows.map((row) => platformsOf(row.id)),
      cred,
    },
    parts,
  };
  return { leaderboard, unitsById };
}

/**
 * What an import saw and did, for its report: actions by type, aliases by platform, merges,
 * names changed to fit cred, aliases and payout addresses not carried over (and why), and the
 * atto-grain the conversion to minor units dropped.
 */
import type { MappedAlias } from './aliases.js';

export interface ImportTally {
  readonly actions: Record<string, number>;
  /** Platform -> aliases imported; `credPlugins` lists platforms a cred plugin claims. */
  readonly aliasesByPlatform: Record<string, number>;
  readonly credPlugins: Set<string>;
  readonly merges: { baseId: string; targetId: string }[];
  readonly renamed: { sourcecred: string; cred: string }[];
  readonly skippedAliases: { identityId: string; address: string; reason: string }[];
  readonly droppedPayoutAddresses: { identityId: string; currency: string; address: string }[];
  dustAttoGrain: bigint;
}

export function emptyTally(): ImportTally {
  return {
    actions: {},
    aliasesByPlatform: {},
    credPlugins: new Set(),
    merges: [],
    renamed: [],
    skippedAliases: [],
    droppedPayoutAddresses: [],
    dustAttoGrain: 0n,
  };
}

export function noteAlias(tally: ImportTally, mapped: MappedAlias): void {
  tally.aliasesByPlatform[mapped.platform] = (tally.aliasesByPlatform[mapped.platform] ?? 0) + 1;
  if (mapped.credPlugin) tally.credPlugins.add(mapped.platform);
}

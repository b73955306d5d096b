/**
 * What `cred import sourcecred` did, as a typed result (the `--json` output and the source of
 * the markdown report): identities, aliases by platform, merges, opening balances with the
 * conversion rule, weights and initiatives, and what was not imported and why.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import type { Translation } from '../../ledger/sourcecred/translate.js';
import type { MappedConfig, NotImported } from './config.js';
import type { ScFolder } from './folder.js';
import type { WeightRow } from './weights.js';

export interface BalanceRow {
  readonly id: string;
  readonly name: string;
  readonly paid: string;
  readonly owed: string;
  readonly paidAttoGrain: string;
  readonly owedAttoGrain: string;
}

export interface ImportResult {
  readonly type: 'cred/import-sourcecred';
  readonly version: 1;
  readonly instance: string;
  readonly created: boolean;
  readonly sha256: string;
  readonly sourcecredVersion: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly credEvents: number;
  readonly identities: { readonly live: number; readonly active: number; readonly merged: number };
  readonly renamed: readonly { readonly sourcecred: string; readonly cred: string }[];
  readonly aliasesByPlatform: Readonly<Record<string, number>>;
  readonly credPlatforms: readonly string[];
  readonly merges: readonly { readonly base: string; readonly target: string }[];
  readonly balances: {
    readonly currency: string;
    readonly rule: string;
    readonly paid: string;
    readonly owed: string;
    readonly dustAttoGrain: string;
    readonly identities: readonly BalanceRow[];
  };
  readonly payoutAddresses: number;
  readonly weekStart: 'sunday';
  readonly weights: readonly WeightRow[];
  readonly initiatives: MappedConfig['initiatives'];
  readonly notImported: readonly NotImported[];
  readonly filesRead: readonly string[];
  readonly filesWritten: readonly string[];
}

export function importResult(
  folder: ScFolder,
  translation: Translation,
  mapped: MappedConfig,
  target: { root: string; created: boolean; written: readonly string[] },
): ImportResult {
  const { state, tally, closing } = translation;
  const nameOf = (id: string) => state.identities.get(id as never)?.name ?? id;
  const live = [...state.identities.values()].filter((identity) => identity.mergedInto === null);
  const rows = Object.entries(closing.balances)
    .map(([id, balance]) => ({ id, name: nameOf(id), ...balance }))
    .sort((a, b) => compareStrings(a.name, b.name));
  const sum = (field: 'paid' | 'owed') =>
    rows.reduce((total, row) => total + BigInt(row[field]), 0n).toString();
  const notImported: NotImported[] = [
    ...mapped.notImported,
    ...tally.skippedAliases.map((skip) => ({
      what: `alias ${skip.address.split('\0').slice(1, -1).join('/')} of ${nameOf(skip.identityId)}`,
      why: skip.reason,
    })),
    ...tally.droppedPayoutAddresses.map((drop) => ({
      what: `payout address ${drop.address} (${drop.currency}) of ${nameOf(drop.identityId)}`,
      why: "cred keeps one Ethereum payout address; the external currency's (or the first) was kept",
    })),
    ...distributionNote(tally.actions),
  ];
  return {
    type: 'cred/import-sourcecred',
    version: 1,
    instance: target.root,
    created: target.created,
    sha256: folder.ledgerSha256,
    sourcecredVersion: closing.version,
    counts: closing.counts,
    credEvents: translation.events.length,
    identities: {
      live: live.length,
      active: live.filter((identity) => identity.active).length,
      merged: state.identities.size - live.length,
    },
    renamed: tally.renamed,
    aliasesByPlatform: tally.aliasesByPlatform,
    credPlatforms: [...tally.credPlugins].sort(),
    merges: tally.merges.map((merge) => ({
      base: nameOf(merge.baseId),
      target: nameOf(merge.targetId),
    })),
    balances: {
      currency: closing.currency,
      rule: closing.rule,
      paid: sum('paid'),
      owed: sum('owed'),
      dustAttoGrain: tally.dustAttoGrain.toString(),
      identities: rows,
    },
    payoutAddresses: live.filter((identity) => identity.ethereum !== null).length,
    weekStart: 'sunday',
    weights: mapped.weights,
    initiatives: mapped.initiatives,
    notImported,
    filesRead: [...folder.filesRead].sort(),
    filesWritten: [...target.written, 'cred.json', 'data/ledger.jsonl'].sort(),
  };
}

function distributionNote(actions: Readonly<Record<string, number>>): NotImported[] {
  const kept = ['DISTRIBUTE_GRAIN', 'TRANSFER_GRAIN', 'MARK_DISTRIBUTION_EXECUTED'].filter(
    (type) => (actions[type] ?? 0) > 0,
  );
  return kept.length === 0
    ? []
    : [
        {
          what: `${kept.join(', ')} events, one by one`,
          why: 'summarized into opening balances (lifetime paid, owed) per identity; the SHA-256 keeps the originals checkable',
        },
      ];
}

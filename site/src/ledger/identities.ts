/**
 * Identities in the ledger data: a ref is a leaderboard index, or past the leaderboard's end an
 * index into data/ledger.json's `others` (identities merged away or not scored), which have no
 * contributor page.
 */
import type { SiteLedger } from '../../../src/instance/site/ledgerFormat.js';
import { h } from '../dom.js';
import type { Model } from '../model.js';
import { href } from '../route.js';

export function refName(model: Model, ledger: SiteLedger, ref: number): string {
  return ref < model.count
    ? (model.data.identities.name[ref] as string)
    : (ledger.others.name[ref - model.count] ?? `#${ref}`);
}

export function refId(model: Model, ledger: SiteLedger, ref: number): string {
  return ref < model.count
    ? (model.data.identities.id[ref] as string)
    : (ledger.others.id[ref - model.count] ?? '');
}

/** The identity's name, linked to its contributor page when it has one. */
export function refCell(model: Model, ledger: SiteLedger, ref: number): Node {
  const name = refName(model, ledger, ref);
  if (ref >= model.count)
    return h('span', { class: 'muted', title: 'not on the leaderboard' }, name);
  return h('a', { href: href('contributor', model.data.identities.id[ref]) }, name);
}

/**
 * Turning plugin identity proposals into ledger events: one `identity.create` per account the
 * ledger does not know yet, named by SourceCred's scheme (`name`, `name-plugin`, ...). Accounts
 * already held by an identity are left alone, so a maintainer's merges and unaliases are never
 * overwritten by a later load. An account whose login an identity already holds as a login
 * alias (an imported SourceCred ledger's GitHub and Discourse accounts) joins that identity.
 */
import { compareStrings } from '../core/canonicalJson.js';
import {
  freeIdentityName,
  loginAlias,
  type IdentityId,
  type IdentityProposal,
} from '../core/identity.js';
import { identityIdFrom } from '../core/identityIds.js';
import type { LedgerEvent } from './events.js';
import type { LedgerState } from './state.js';

export function proposalEvents(
  state: LedgerState,
  proposals: readonly IdentityProposal[],
): LedgerEvent[] {
  const taken = new Set(state.names.keys());
  const usedIds = new Set<string>(state.identities.keys());
  const seen = new Set<string>();
  const events: LedgerEvent[] = [];
  const sorted = [...proposals].sort((a, b) => compareStrings(a.alias, b.alias));
  for (const proposal of sorted) {
    if (state.aliasOwner.has(proposal.alias) || seen.has(proposal.alias)) continue;
    seen.add(proposal.alias);
    const claimant = state.aliasOwner.get(loginAlias(proposal.plugin, proposal.name));
    if (claimant !== undefined) {
      events.push({ type: 'identity.addAlias', identityId: claimant, alias: proposal.alias });
      continue;
    }
    const name = freeIdentityName(proposal, taken);
    taken.add(name.toLowerCase());
    const identityId = freshId(proposal.alias, usedIds);
    usedIds.add(identityId);
    events.push({
      type: 'identity.create',
      identityId,
      name,
      kind: proposal.type,
      aliases: [proposal.alias],
    });
  }
  return events;
}

/** The alias's content-derived id, or a suffixed one when that id is already used. */
export function freshId(seed: string, used: ReadonlySet<string>): IdentityId {
  let id = identityIdFrom(seed);
  for (let n = 1; used.has(id); n++) id = identityIdFrom(`${seed}#${n}`);
  return id;
}

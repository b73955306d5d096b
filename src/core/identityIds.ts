/**
 * Identity ids and identities for accounts not yet in a ledger. Ids derive from the content that
 * created the identity (an alias, a name), so the same inputs give the same ids on every run and
 * every machine. Kept apart from identity.ts, which the browser bundle of CredRank imports,
 * because hashing here uses node:crypto.
 */
import { compareStrings } from './canonicalJson.js';
import { sha256Hex } from './digest.js';
import {
  freeIdentityName,
  type Identity,
  type IdentityId,
  type IdentityProposal,
} from './identity.js';

/** A stable identity id derived from the content that created it (an alias or a name). */
export function identityIdFrom(seed: string): IdentityId {
  return sha256Hex(seed).slice(0, 16) as IdentityId;
}

/**
 * Identities for accounts not yet in a ledger: one per distinct alias, in a stable order.
 * Used when an instance has no ledger yet; the ledger makes the same identities when it
 * records the proposals.
 */
export function identitiesFromProposals(proposals: readonly IdentityProposal[]): Identity[] {
  const sorted = [...proposals].sort((a, b) => compareStrings(a.alias, b.alias));
  const taken = new Set<string>();
  const seen = new Set<string>();
  const identities: Identity[] = [];
  for (const proposal of sorted) {
    if (seen.has(proposal.alias)) continue;
    seen.add(proposal.alias);
    const name = freeIdentityName(proposal, taken);
    taken.add(name.toLowerCase());
    identities.push({
      id: identityIdFrom(proposal.alias),
      name,
      type: proposal.type,
      aliases: [proposal.alias],
    });
  }
  return identities.sort((a, b) => compareStrings(a.id, b.id));
}

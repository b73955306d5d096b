/**
 * Identities: the people, bots, organizations and projects that earn cred. Plugins see accounts
 * (a GitHub login, a forum user, a Feishu open_id) and propose one identity per account; the
 * ledger decides which accounts belong together (merges are a maintainer's call, never
 * automatic). Contraction maps every alias address onto its identity, so CredRank sees one
 * participant however many platforms a person uses.
 */
import { nodeAddress, type NodeAddress } from './address.js';
import { CredError } from './errors.js';

export type IdentityId = string & { readonly __brand: 'IdentityId' };

export const IDENTITY_TYPES = ['user', 'bot', 'organization', 'project'] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];

export interface Identity {
  readonly id: IdentityId;
  readonly name: string;
  readonly type: IdentityType;
  /** Plugin account addresses that belong to this identity. */
  readonly aliases: readonly NodeAddress[];
}

export interface IdentityProposal {
  /** The plugin that saw the account. */
  readonly plugin: string;
  /** The account's node address. */
  readonly alias: NodeAddress;
  /** Preferred identity name (a login, a display name). */
  readonly name: string;
  readonly type: IdentityType;
  /** Human description of the account ("GitHub user octocat"). */
  readonly description: string;
}

export const IDENTITY_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;

/** The identity's own address, which always resolves to it (like an innate alias). */
export function identityAddress(id: IdentityId): NodeAddress {
  return nodeAddress(['core', 'identity', id]);
}

/**
 * An account known only by its login on a cred plugin's platform (`github/login/octocat`), as
 * SourceCred recorded GitHub and Discourse accounts. The plugins key accounts by numeric id,
 * which an imported ledger does not know; when a plugin first proposes an account whose login
 * matches, the ledger gives the account to the identity holding this alias.
 */
export function loginAlias(plugin: string, login: string): NodeAddress {
  return nodeAddress([plugin, 'login', login.toLowerCase()]);
}

/** Makes a valid identity name: invalid characters become `-`, length is capped. */
export function coerceIdentityName(raw: string): string {
  const cleaned = raw
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .slice(0, 64);
  return cleaned === '' ? 'anonymous' : cleaned;
}

/**
 * Picks the first free name among `name`, `name-plugin`, `name-plugin-1` ... (SourceCred's
 * scheme), comparing case-insensitively with `taken`.
 */
export function freeIdentityName(
  proposal: Pick<IdentityProposal, 'name' | 'plugin'>,
  taken: ReadonlySet<string>,
): string {
  const base = coerceIdentityName(proposal.name);
  // Candidates in order, each made only when the ones before it are taken.
  const candidate = (index: number): string =>
    index === 0
      ? base
      : index === 1
        ? `${base}-${proposal.plugin}`
        : `${base}-${proposal.plugin}-${index - 1}`;
  for (let index = 0; index < 1001; index++) {
    const name = candidate(index);
    if (!taken.has(name.toLowerCase())) return name;
  }
  throw new CredError('IDENTITY_NAME_EXHAUSTED', `no free identity name for "${base}"`);
}

/**
 * Identity contraction: a map from every alias (and every identity's own address) to the
 * identity's position in `identities`. An alias claimed by two identities is a ledger bug.
 */
export function contractIdentities(identities: readonly Identity[]): Map<string, number> {
  const owner = new Map<string, number>();
  identities.forEach((identity, index) => {
    for (const address of [identityAddress(identity.id), ...identity.aliases]) {
      const previous = owner.get(address);
      if (previous !== undefined && previous !== index) {
        throw new CredError(
          'IDENTITY_ALIAS_CONFLICT',
          `alias "${address}" belongs to both "${identities[previous]?.name}" and "${identity.name}"`,
          { suggestions: ['Remove the alias from one of them ("cred identity unalias").'] },
        );
      }
      owner.set(address, index);
    }
  });
  return owner;
}

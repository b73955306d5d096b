/**
 * One identity proposal per GitHub account in the mirror, for the ledger to turn into
 * identities and a maintainer to merge with the same person's accounts elsewhere. The alias is
 * the account's node address (keyed by databaseId, so it survives a change of login); the name
 * is the login.
 */
import type { IdentityProposal } from '../../core/identity.js';
import { collectAccounts, IDENTITY_TYPE } from './accounts.js';
import { GITHUB_PLUGIN } from './declaration.js';
import type { MirrorSnapshot } from './snapshot.js';

const LABEL = { user: 'user', bot: 'bot', org: 'organization' } as const;

export function githubIdentities(
  snapshot: MirrorSnapshot,
  bots: readonly string[],
): IdentityProposal[] {
  return collectAccounts(snapshot, bots)
    .accounts()
    .map((account) => ({
      plugin: GITHUB_PLUGIN,
      alias: account.address,
      name: account.login,
      type: IDENTITY_TYPE[account.kind],
      description: `GitHub ${LABEL[account.kind]} @${account.login} (${account.url})`,
    }));
}

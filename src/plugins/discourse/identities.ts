/**
 * One identity proposal per forum account the mirror holds (authors, likers, people mentioned),
 * named by username and keyed by the account's numeric id, so a rename changes the name shown,
 * not the identity. Discourse's own accounts (system, the bot) have ids <= 0 and are bots.
 */
import type { IdentityProposal } from '../../core/identity.js';
import { DISCOURSE_PLUGIN } from './declaration.js';
import { userAddress } from './forumIndex.js';
import type { ForumSnapshot } from './snapshot.js';

export function discourseIdentities(snapshot: ForumSnapshot): IdentityProposal[] {
  const host = hostOf(snapshot.serverUrl);
  return snapshot.users.map((user) => ({
    plugin: DISCOURSE_PLUGIN,
    alias: userAddress(user.id),
    name: user.username,
    type: user.id <= 0 ? ('bot' as const) : ('user' as const),
    description: `Discourse user @${user.username} on ${host}`,
  }));
}

function hostOf(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.host}${url.pathname.replace(/\/$/, '')}`;
}

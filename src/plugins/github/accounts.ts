/**
 * GitHub accounts seen in the mirror: every author, reactor, commit author and repository
 * owner. An account is a user, a bot (a GitHub App, `__typename: Bot`, or a user account listed
 * in the `bots` setting) or an organization, and is addressed by its databaseId
 * (`github/user/1000101`), which survives a change of login; the login is its description and
 * its proposed identity name. When an account's login changed between fetches, the login of the
 * most recently updated record wins.
 */
import { extendAddress, type NodeAddress } from '../../core/address.js';
import { compareStrings } from '../../core/canonicalJson.js';
import type { IdentityType } from '../../core/identity.js';
import { NODE_PREFIX } from './declaration.js';
import type { AccountRecord } from './records.js';
import type { MirrorSnapshot } from './snapshot.js';

export type AccountKind = 'user' | 'bot' | 'org';

export interface Account {
  readonly address: NodeAddress;
  readonly kind: AccountKind;
  readonly login: string;
  readonly url: string;
  readonly databaseId: number;
}

export const IDENTITY_TYPE: Readonly<Record<AccountKind, IdentityType>> = {
  user: 'user',
  bot: 'bot',
  org: 'organization',
};

/** Decides account kinds; `bots` are logins of user accounts to treat as bots. */
export class AccountBook {
  private readonly bots: ReadonlySet<string>;
  private readonly byAddress = new Map<NodeAddress, Account & { readonly seenAt: string }>();

  constructor(bots: readonly string[]) {
    this.bots = new Set(bots.map((login) => login.toLowerCase()));
  }

  kindOf(account: AccountRecord): AccountKind {
    if (account.type === 'Bot' || this.bots.has(account.login.toLowerCase())) return 'bot';
    if (account.type === 'Organization') return 'org';
    return 'user';
  }

  /** The node address and kind of `account`. */
  addressOf(account: AccountRecord): { address: NodeAddress; kind: AccountKind } {
    const kind = this.kindOf(account);
    return { address: extendAddress(NODE_PREFIX[kind], [String(account.databaseId)]), kind };
  }

  /** Records `account` as seen at `seenAt` (a record's time) and returns it. */
  see(account: AccountRecord, seenAt: string): Account {
    const { address, kind } = this.addressOf(account);
    const known = this.byAddress.get(address);
    const entry = {
      address,
      kind,
      login: account.login,
      url: account.url,
      databaseId: account.databaseId,
      seenAt,
    };
    if (
      known === undefined ||
      seenAt > known.seenAt ||
      (seenAt === known.seenAt && account.login < known.login)
    ) {
      this.byAddress.set(address, entry);
      return entry;
    }
    return known;
  }

  /** Every account seen, by address. */
  accounts(): Account[] {
    return [...this.byAddress.values()].sort((a, b) => compareStrings(a.address, b.address));
  }

  /** Address of each login (lowercase), for @mentions. */
  byLogin(): Map<string, NodeAddress> {
    return new Map(
      this.accounts().map((account) => [account.login.toLowerCase(), account.address]),
    );
  }
}

/** Every account the snapshot mentions, with the time of the record it was seen on. */
export function collectAccounts(snapshot: MirrorSnapshot, bots: readonly string[]): AccountBook {
  const book = new AccountBook(bots);
  const see = (account: AccountRecord | null, at: string) => {
    if (account !== null) book.see(account, at);
  };
  for (const repo of snapshot.repositories) see(repo.owner, repo.createdAt);
  for (const list of [
    snapshot.issues,
    snapshot.pulls,
    snapshot.comments,
    snapshot.reviews,
    snapshot.reviewComments,
  ]) {
    for (const item of list) see(item.author, item.updatedAt);
  }
  for (const reaction of snapshot.reactions) see(reaction.user, reaction.createdAt);
  for (const commit of snapshot.commits) {
    for (const author of commit.authors) see(author.user, commit.committedDate);
  }
  return book;
}

/**
 * The state the GitHub graph is built in: the graph so far and the indexes later steps need
 * (repositories by name, threads by number, nodes by GraphQL id and by databaseId, commits by
 * object id), plus the two edges every piece of work gets: from its author, to its parent.
 */
import { edgeAddressBetween, type NodeAddress } from '../../core/address.js';
import { Graph } from '../../core/graph.js';
import type { AccountBook } from './accounts.js';
import { EDGE_PREFIX } from './declaration.js';
import type { AccountRecord } from './records.js';
import type { MirrorSnapshot } from './snapshot.js';

export interface RepoInfo {
  readonly address: NodeAddress;
  readonly owner: string;
  readonly name: string;
}

export interface Thread {
  readonly address: NodeAddress;
  readonly repo: RepoInfo;
  readonly kind: 'issue' | 'pull';
  readonly number: number;
}

export const ms = (time: string) => Date.parse(time);
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export class GraphBuilder {
  readonly graph = new Graph();
  readonly repos = new Map<string, RepoInfo>();
  readonly threads = new Map<string, Thread>();
  readonly threadByNumber = new Map<string, NodeAddress>();
  readonly byDatabaseId = new Map<string, NodeAddress>();
  readonly nodeById = new Map<string, NodeAddress>();
  readonly commits = new Map<string, Map<string, NodeAddress>>();
  readonly webHosts = new Set<string>(['github.com', 'www.github.com']);
  readonly logins: Map<string, NodeAddress>;
  readonly texts: { address: NodeAddress; repo: RepoInfo; text: string; timestampMs: number }[] =
    [];

  constructor(
    readonly snapshot: MirrorSnapshot,
    readonly accounts: AccountBook,
  ) {
    this.logins = accounts.byLogin();
  }

  repoByKey(key: string): RepoInfo | undefined {
    return this.repos.get(key.toLowerCase());
  }

  author(account: AccountRecord | null, work: NodeAddress, timestampMs: number): void {
    if (account === null) return;
    const { address, kind } = this.accounts.addressOf(account);
    const prefix = {
      user: EDGE_PREFIX.authorsUser,
      bot: EDGE_PREFIX.authorsBot,
      org: EDGE_PREFIX.authorsOrg,
    }[kind];
    this.graph.mergeEdge({
      address: edgeAddressBetween(prefix, address, work),
      src: address,
      dst: work,
      timestampMs,
    });
  }

  parent(child: NodeAddress, parent: NodeAddress, timestampMs: number): void {
    this.graph.addEdge({
      address: edgeAddressBetween(EDGE_PREFIX.hasParent, child),
      src: child,
      dst: parent,
      timestampMs,
    });
  }
}

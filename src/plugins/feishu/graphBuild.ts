/**
 * The state shared while the Feishu graph is built (pure): the graph, the accounts it names
 * (for identity proposals), and warnings about data that mints nothing. Accounts are added the
 * first time an edge needs them, so the graph holds exactly the people who did something in
 * the chats, spaces and tables that cred.json lists.
 */
import { edgeAddressBetween, type EdgeAddress, type NodeAddress } from '../../core/address.js';
import { Graph } from '../../core/graph.js';
import { botAddress, userAddress } from './addresses.js';

export interface Account {
  readonly address: NodeAddress;
  readonly id: string;
  readonly kind: 'user' | 'bot';
  readonly name: string;
}

export class GraphBuild {
  readonly graph = new Graph();
  readonly accounts = new Map<NodeAddress, Account>();
  readonly warnings: string[] = [];

  constructor(private readonly names: ReadonlyMap<string, string>) {}

  nameOf(id: string): string {
    return this.names.get(id) ?? id;
  }

  /** The node of a user (open_id) or bot (app_id), added on first use. */
  account(id: string, kind: 'user' | 'bot'): NodeAddress {
    const address = kind === 'user' ? userAddress(id) : botAddress(id);
    if (!this.accounts.has(address)) {
      const name = this.nameOf(id);
      this.accounts.set(address, { address, id, kind, name });
      this.graph.addNode({
        address,
        description: kind === 'user' ? `${name} (Feishu user)` : `${name} (Feishu app)`,
        timestampMs: null,
      });
    }
    return address;
  }

  /** Adds an edge named by its type and endpoints; a repeated one is ignored. */
  edge(
    prefix: EdgeAddress,
    src: NodeAddress,
    dst: NodeAddress,
    timestampMs: number,
    weight?: number,
  ): void {
    this.graph.mergeEdge({
      address: edgeAddressBetween(prefix, src, dst),
      src,
      dst,
      timestampMs,
      ...(weight === undefined || weight === 1 ? {} : { weight }),
    });
  }
}

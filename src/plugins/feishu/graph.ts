/**
 * The Feishu graph (pure): the mirror snapshot of the chats, wiki spaces and task tables that
 * cred.json lists, as nodes and edges, plus the accounts it names and warnings about rows that
 * mint nothing. Documents come first so that chat messages linking them point at their nodes.
 */
import type { Graph } from '../../core/graph.js';
import type { IdentityProposal } from '../../core/identity.js';
import { compareStrings } from '../../core/canonicalJson.js';
import type { FeishuConfig } from './config.js';
import { FEISHU_PLUGIN } from './declaration.js';
import { GraphBuild, type Account } from './graphBuild.js';
import { addChats } from './graphChats.js';
import { addDocs } from './graphDocs.js';
import { addTables } from './graphTables.js';
import type { FeishuSnapshot } from './snapshot.js';

export interface FeishuGraph {
  readonly graph: Graph;
  readonly accounts: readonly Account[];
  readonly warnings: readonly string[];
}

export function feishuGraph(
  snapshot: FeishuSnapshot,
  config: FeishuConfig,
  where = 'cred.json (plugins.feishu)',
): FeishuGraph {
  const build = new GraphBuild(snapshot.names);
  const resolveDoc = addDocs(build, snapshot);
  addChats(build, snapshot, resolveDoc);
  addTables(build, snapshot, config, where);
  const accounts = [...build.accounts.values()].sort((a, b) =>
    compareStrings(a.address, b.address),
  );
  return { graph: build.graph, accounts, warnings: build.warnings };
}

/** One identity proposal per account (open_id or app_id), named by its display name. */
export function feishuIdentities(accounts: readonly Account[]): IdentityProposal[] {
  return accounts.map((account) => ({
    plugin: FEISHU_PLUGIN,
    alias: account.address,
    name: account.name,
    type: account.kind,
    description:
      account.kind === 'user'
        ? `Feishu user ${account.name} (${account.id})`
        : `Feishu app ${account.name} (${account.id})`,
  }));
}

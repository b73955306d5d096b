/** The `feishu` plugin: chats, wiki documents and task tables of a Feishu (Lark) tenant. Glue only. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, PluginContext } from '../../core/plugin.js';
import { parseFeishuConfig, type FeishuConfig } from './config.js';
import { feishuDeclaration } from './declaration.js';
import { feishuGraph, feishuIdentities, type FeishuGraph } from './graph.js';
import { loadFeishu } from './load.js';
import { FeishuMirror, MIRROR_FILE } from './mirror.js';
import { readSnapshot } from './snapshot.js';

/** The graph of what the mirror holds (an empty one before the first load). */
export function graphFromCache(context: PluginContext<FeishuConfig>): FeishuGraph {
  const file = path.join(context.cacheDir, MIRROR_FILE);
  const mirror = FeishuMirror.open(existsSync(file) ? file : ':memory:');
  try {
    return feishuGraph(readSnapshot(mirror.db, context.config), context.config);
  } finally {
    mirror.close();
  }
}

export const feishuPlugin: Plugin<FeishuConfig> = {
  declaration: feishuDeclaration,
  parseConfig: parseFeishuConfig,
  load: (context) => loadFeishu(context),
  graph: async (context) => {
    const { graph, warnings } = graphFromCache(context);
    for (const warning of warnings) context.reporter.warn(`feishu: ${warning}`);
    return graph;
  },
  identities: async (context) => feishuIdentities(graphFromCache(context).accounts),
};

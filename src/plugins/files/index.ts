/** The `files` plugin: contributions recorded by hand under contributions/. Glue only. */
import path from 'node:path';
import type { Plugin, PluginContext } from '../../core/plugin.js';
import { parseFilesConfig, type FilesConfig } from './config.js';
import { filesDeclaration } from './declaration.js';
import { filesGraph } from './graph.js';
import { filesIdentities } from './identities.js';
import { readContributionRecords } from './records.js';

export type { FilesConfig } from './config.js';

function records(context: PluginContext<FilesConfig>) {
  return readContributionRecords(
    path.resolve(context.instanceDir, context.config.directory),
    context.instanceDir,
  );
}

export const filesPlugin: Plugin<FilesConfig> = {
  declaration: filesDeclaration,
  parseConfig: parseFilesConfig,
  graph: async (context) => filesGraph(records(context)),
  identities: async (context) => filesIdentities(records(context)),
};

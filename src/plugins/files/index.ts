/** The `files` plugin: contributions recorded by hand under contributions/. Glue only. */
import path from 'node:path';
import { z } from 'zod';
import type { Plugin, PluginContext } from '../../core/plugin.js';
import { parseWithSchema } from '../../core/validation.js';
import { filesDeclaration } from './declaration.js';
import { filesGraph } from './graph.js';
import { filesIdentities } from './identities.js';
import { readContributionRecords } from './records.js';

const configSchema = z.strictObject({
  /** Folder of records, relative to the instance. */
  directory: z.string().min(1).default('contributions'),
});

export type FilesConfig = z.infer<typeof configSchema>;

function records(context: PluginContext<FilesConfig>) {
  return readContributionRecords(
    path.resolve(context.instanceDir, context.config.directory),
    context.instanceDir,
  );
}

export const filesPlugin: Plugin<FilesConfig> = {
  declaration: filesDeclaration,
  parseConfig: (raw, where) =>
    parseWithSchema(
      configSchema,
      raw,
      where,
      'CONFIG_INVALID',
      'Fix "{field}" of the files plugin in cred.json.',
    ),
  graph: async (context) => filesGraph(records(context)),
  identities: async (context) => filesIdentities(records(context)),
};

/** The GitHub plugin: repositories read through GitHub's GraphQL API. Glue only. */
import { existsSync } from 'node:fs';
import type { Plugin, PluginContext } from '../../core/plugin.js';
import { parseGithubConfig, type GithubConfig } from './config.js';
import { githubDeclaration } from './declaration.js';
import { githubGraph } from './graph.js';
import { githubIdentities } from './identities.js';
import { loadGithub, mirrorPath, openMirror } from './loadGithub.js';
import { repoParts } from './run.js';
import { EMPTY_SNAPSHOT, type MirrorSnapshot } from './snapshot.js';

export type { GithubConfig } from './config.js';

/** What the mirror holds for the configured repositories (empty before the first load). */
function snapshot(context: PluginContext<GithubConfig>): MirrorSnapshot {
  if (!existsSync(mirrorPath(context.cacheDir))) {
    context.reporter.warn('github: nothing loaded yet; run "cred load github" first');
    return EMPTY_SNAPSHOT;
  }
  const mirror = openMirror(context.cacheDir);
  try {
    return mirror.snapshot(context.config.repositories.map((r) => repoParts(r).key));
  } finally {
    mirror.close();
  }
}

export const githubPlugin: Plugin<GithubConfig> = {
  declaration: githubDeclaration,
  parseConfig: parseGithubConfig,
  load: (context) => loadGithub(context),
  graph: async (context) => githubGraph(snapshot(context), { bots: context.config.bots }),
  identities: async (context) => githubIdentities(snapshot(context), context.config.bots),
};

/** The Discourse plugin: a forum's topics, posts, likes and references. Glue only. */
import path from 'node:path';
import type { Plugin, PluginContext } from '../../core/plugin.js';
import { pageUrl, parseDiscourseConfig, type DiscourseConfig } from './config.js';
import { discourseDeclaration } from './declaration.js';
import { discourseGraph } from './graph.js';
import { discourseIdentities } from './identities.js';
import { loadDiscourse, MIRROR_FILE } from './load.js';
import { DiscourseMirror } from './mirror.js';
import { publishedSnapshot } from './privacy.js';
import type { ForumSnapshot } from './snapshot.js';

/**
 * What the cache holds for the configured forum that may be published (empty before the first
 * load): private content the instance did not opt into is left out here, before any graph or
 * identity is made.
 */
function readSnapshot(context: PluginContext<DiscourseConfig>, warn: boolean): ForumSnapshot {
  const { serverUrl } = context.config;
  const empty: ForumSnapshot = {
    serverUrl: pageUrl(context.config),
    categories: [],
    topics: [],
    posts: [],
    likes: [],
    users: [],
  };
  const mirror = DiscourseMirror.openReadOnly(path.join(context.cacheDir, MIRROR_FILE));
  if (mirror === undefined) {
    if (warn) context.reporter.warn('discourse: nothing loaded yet; run "cred load discourse"');
    return empty;
  }
  try {
    const snapshot = mirror.snapshot();
    if (snapshot.serverUrl === serverUrl) {
      const served = { ...snapshot, serverUrl: pageUrl(context.config) };
      return publishedSnapshot(served, context.config).snapshot;
    }
    if (warn) {
      context.reporter.warn(
        `discourse: the cache holds ${snapshot.serverUrl}, not ${serverUrl}; run "cred load discourse"`,
      );
    }
    return empty;
  } finally {
    mirror.close();
  }
}

export const discoursePlugin: Plugin<DiscourseConfig> = {
  declaration: discourseDeclaration,
  parseConfig: parseDiscourseConfig,
  load: (context) => loadDiscourse(context),
  graph: async (context) => discourseGraph(readSnapshot(context, true)),
  identities: async (context) => discourseIdentities(readSnapshot(context, false)),
};

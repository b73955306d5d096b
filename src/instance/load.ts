/**
 * `cred load`: each remote plugin fetches what changed into its cache (incremental,
 * resumable, rate-limit aware: the plugin's job), then every graph is rebuilt from the caches
 * and written. Plugins load one after another so their progress reads clearly and they do not
 * compete for the same network.
 */
import { ConfigError } from '../core/errors.js';
import type { LoadSummary } from '../core/plugin.js';
import { buildPluginGraphs, gatherIdentityProposals, writePluginGraphs } from './graphs.js';
import { recordIdentityProposals } from './ledgerStore.js';
import { pluginContext, type Instance, type Runtime } from './instance.js';

export interface LoadReport {
  readonly loaded: { plugin: string; summary: LoadSummary }[];
  readonly graphs: { plugin: string; nodes: number; edges: number }[];
  /** New accounts recorded as identities in the ledger. */
  readonly identitiesCreated: number;
}

export async function loadInstance(
  instance: Instance,
  runtime: Runtime,
  only: readonly string[] = [],
): Promise<LoadReport> {
  const unknown = only.filter((name) => !instance.plugins.some((p) => p.name === name));
  if (unknown.length > 0) {
    throw new ConfigError(
      'LOAD_UNKNOWN_PLUGIN',
      `cred.json has no plugin ${unknown.map((n) => `"${n}"`).join(', ')}`,
      {
        suggestions: [`Configured plugins: ${instance.plugins.map((p) => p.name).join(', ')}.`],
      },
    );
  }
  const loaded: LoadReport['loaded'] = [];
  for (const configured of instance.plugins) {
    if (configured.plugin.load === undefined) continue;
    if (only.length > 0 && !only.includes(configured.name)) continue;
    runtime.reporter.progress(`load: ${configured.name}`);
    const summary = await configured.plugin.load(pluginContext(instance, configured, runtime));
    loaded.push({ plugin: configured.name, summary });
  }
  const graphs = await buildPluginGraphs(instance, runtime);
  const identitiesCreated = await recordIdentityProposals(
    instance,
    runtime,
    await gatherIdentityProposals(instance, runtime),
  );
  await writePluginGraphs(instance, graphs);
  if (identitiesCreated > 0)
    runtime.reporter.progress(`load: recorded ${identitiesCreated} new identities in the ledger`);
  return {
    loaded,
    identitiesCreated,
    graphs: graphs.map(({ plugin, graph }) => ({
      plugin,
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
    })),
  };
}

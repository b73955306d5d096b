/**
 * Building plugin graphs and gathering identity proposals. Graphs are built from caches and
 * local files only (no network), held in memory until the whole step has succeeded, then
 * written to output/graphs/<plugin>.json.
 */
import path from 'node:path';
import { canonicalJsonFile } from '../core/canonicalJson.js';
import { digestOf, sha256Hex } from '../core/digest.js';
import { Graph } from '../core/graph.js';
import { toGraphJson, type GraphJson } from '../core/graphJson.js';
import type { IdentityProposal } from '../core/identity.js';
import { resolveUrlReferences } from '../core/urlReference.js';
import { writeFileAtomic } from './files.js';
import { pluginContext, type Instance, type Runtime } from './instance.js';

export interface PluginGraph {
  readonly plugin: string;
  readonly graph: Graph;
  readonly json: GraphJson;
  /** The canonical file text, computed once: written as is and digested. */
  readonly text: string;
  readonly digest: string;
}

export async function buildPluginGraphs(
  instance: Instance,
  runtime: Runtime,
): Promise<PluginGraph[]> {
  const result: PluginGraph[] = [];
  for (const configured of instance.plugins) {
    runtime.reporter.progress(`graph: building ${configured.name}`);
    const graph = await configured.plugin.graph(pluginContext(instance, configured, runtime));
    const json = toGraphJson(graph, configured.name);
    const text = canonicalJsonFile(json);
    result.push({
      plugin: configured.name,
      graph,
      json,
      text,
      digest: `sha256:${sha256Hex(text)}`,
    });
  }
  return result;
}

export function graphFile(instance: Instance, plugin: string): string {
  return path.join(instance.paths.graphs, `${plugin}.json`);
}

export function writePluginGraphs(instance: Instance, graphs: readonly PluginGraph[]): void {
  for (const { plugin, text } of graphs) writeFileAtomic(graphFile(instance, plugin), text);
}

export async function gatherIdentityProposals(
  instance: Instance,
  runtime: Runtime,
): Promise<IdentityProposal[]> {
  const proposals: IdentityProposal[] = [];
  for (const configured of instance.plugins) {
    proposals.push(
      ...(await configured.plugin.identities(pluginContext(instance, configured, runtime))),
    );
  }
  return proposals;
}

/** Digest of all plugin graphs together (what a score was computed from). */
export function combinedGraphDigest(graphs: readonly PluginGraph[]): string {
  return digestOf(Object.fromEntries(graphs.map(({ plugin, digest }) => [plugin, digest])));
}

/** All plugin graphs as one, with cross-platform URL references resolved. */
export function unionGraph(graphs: readonly PluginGraph[]): Graph {
  const only = graphs.length === 1 ? graphs[0]?.graph : undefined;
  return resolveUrlReferences(only ?? Graph.union(graphs.map(({ graph }) => graph)));
}

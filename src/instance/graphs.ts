/**
 * Building plugin graphs and gathering identity proposals. Graphs are built from caches and
 * local files only (no network), held in memory until the whole step has succeeded, then
 * written to output/graphs/<plugin>.credgraph (cred/graph-columns, core/graphBinary.ts) and,
 * when asked, output/graphs/<plugin>.json (cred/graph version 1, for people and tests).
 * `cred score` reads the .credgraph files back when they are newer than everything a graph is
 * built from (graphsAreFresh), so `cred graph && cred score` builds each graph once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { canonicalJsonFile } from '../core/canonicalJson.js';
import { digestOf } from '../core/digest.js';
import { Graph } from '../core/graph.js';
import { decodeGraph, encodeGraph } from '../core/graphBinary.js';
import { toGraphJson } from '../core/graphJson.js';
import type { IdentityProposal } from '../core/identity.js';
import { resolveUrlReferences } from '../core/urlReference.js';
import { writeChunksAtomicWhile, writeFileAtomic } from './files.js';
import { pluginContext, type Instance, type Runtime } from './instance.js';

export interface PluginGraph {
  readonly plugin: string;
  readonly graph: Graph;
  /** sha256 of the graph file's bytes (for a graph built here, computed when first read). */
  readonly digest: string;
  /** The graph file's bytes when the graph was built here (so it is encoded once). */
  readonly encoded?: readonly Uint8Array[];
}

export async function buildPluginGraphs(
  instance: Instance,
  runtime: Runtime,
): Promise<PluginGraph[]> {
  const result: PluginGraph[] = [];
  for (const configured of instance.plugins) {
    runtime.reporter.progress(`graph: building ${configured.name}`);
    const graph = await configured.plugin.graph(pluginContext(instance, configured, runtime));
    result.push(builtGraph(configured.name, graph));
  }
  return result;
}

/** A graph built here, with its file's bytes; their digest is taken when first asked for. */
function builtGraph(plugin: string, graph: Graph): PluginGraph {
  const encoded = [...encodeGraph(graph, plugin)];
  let digest: string | undefined;
  return {
    plugin,
    graph,
    encoded,
    get digest() {
      return (digest ??= digestChunks(encoded));
    },
  };
}

/** output/graphs/<plugin>.credgraph: the file `cred score` and `cred explain` read. */
export function graphFile(instance: Instance, plugin: string): string {
  return path.join(instance.paths.graphs, `${plugin}.credgraph`);
}

/** output/graphs/<plugin>.json: the readable export (`cred graph --graph-json`). */
export function graphJsonFile(instance: Instance, plugin: string): string {
  return path.join(instance.paths.graphs, `${plugin}.json`);
}

/**
 * Writes each plugin's graph file (and the readable JSON on request). While the disk syncs a
 * file, its bytes are digested (at 1M edges each takes about 60 ms, so the two overlap instead
 * of taking turns); a digest already taken costs nothing here.
 */
export async function writePluginGraphs(
  instance: Instance,
  graphs: readonly PluginGraph[],
  options: { json?: boolean } = {},
): Promise<void> {
  for (const built of graphs) {
    const { plugin, graph, encoded } = built;
    await writeChunksAtomicWhile(
      graphFile(instance, plugin),
      encoded ?? encodeGraph(graph, plugin),
      () => void built.digest,
    );
    if (options.json === true) writeGraphJson(instance, plugin, graph);
  }
}

function writeGraphJson(instance: Instance, plugin: string, graph: Graph): void {
  writeFileAtomic(graphJsonFile(instance, plugin), canonicalJsonFile(toGraphJson(graph, plugin)));
}

/** Every plugin's graph file, read back (GRAPH_FILE_INVALID when one is damaged). */
export function readPluginGraphs(instance: Instance): PluginGraph[] {
  return instance.plugins.map(({ name }) => {
    const file = graphFile(instance, name);
    const bytes = readFileSync(file);
    const shown = path.relative(instance.paths.root, file);
    return { plugin: name, graph: decodeGraph(bytes, shown).graph, digest: digestChunks([bytes]) };
  });
}

/**
 * True when every plugin's graph file exists and is newer than everything graphs are built
 * from: cred.json, the caches and the contribution records.
 */
export function graphsAreFresh(instance: Instance): boolean {
  const files = instance.plugins.map(({ name }) => graphFile(instance, name));
  if (files.length === 0 || !files.every((file) => existsSync(file))) return false;
  const oldest = Math.min(...files.map((file) => statSync(file).mtimeMs));
  const { paths } = instance;
  return newestFile([paths.cache, paths.contributions], statSync(paths.config).mtimeMs) < oldest;
}

/** The newest modification time of the files under `directories` (at least `floor`). */
export function newestFile(directories: readonly string[], floor: number): number {
  let newest = floor;
  for (const directory of directories) {
    if (!existsSync(directory)) continue;
    for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
      if (entry.isFile())
        newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function digestChunks(chunks: Iterable<Uint8Array>): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
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
  // A lone non-empty graph is used as it is: a copy would decode a graph file's strings.
  const present = graphs.filter(({ graph }) => graph.nodeCount + graph.edgeCount > 0);
  const only = present.length === 1 ? present[0]?.graph : undefined;
  return resolveUrlReferences(only ?? Graph.union(present.map(({ graph }) => graph)));
}

/**
 * Building plugin graphs and gathering identity proposals. Graphs are built from caches and
 * local files only (no network), held in memory until the whole step has succeeded, then
 * written to output/graphs/<plugin>.credgraph (cred/graph-columns, core/graphBinary.ts) and,
 * when asked, output/graphs/<plugin>.json (cred/graph version 1, for people and tests).
 * `cred score` reads the .credgraph files back when they are newer than everything a graph is
 * built from (graphsAreFresh), so `cred graph && cred score` builds each graph once.
 *
 * A graph file's sha256 goes into the scores and the payout reports, so it must be the file's.
 * `cred graph` digests the bytes as it writes them and then remembers the digest beside the
 * file (<plugin>.credgraph.sha256, with its size), stamped with the file's change time as the
 * record's modification time. Every write to a file sets its change time and no one can set
 * it back, so a reader that finds the stamp equal to the file's change time reads the file
 * the digest was taken of, and uses it; any other file, a rewritten or copied one included, is
 * hashed again (a 1M-edge graph in 54 ms, a 10M one in 0.55 s). The record's content holds no
 * time, so the outputs of two runs stay byte-identical. Decision 0815.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  type BigIntStats,
} from 'node:fs';
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
    const file = graphFile(instance, plugin);
    await writeChunksAtomicWhile(
      file,
      encoded ?? encodeGraph(graph, plugin),
      () => void built.digest,
    );
    rememberDigest(file, built.digest);
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
    const { bytes, digest } = readDigested(file);
    const shown = path.relative(instance.paths.root, file);
    return { plugin: name, graph: decodeGraph(bytes, shown).graph, digest };
  });
}

/** A graph file's bytes and their digest: the remembered one when it is still the file's. */
function readDigested(file: string): { bytes: Buffer; digest: string } {
  const fd = openSync(file, 'r');
  try {
    const before = fstatSync(fd, { bigint: true });
    const bytes = readFileSync(fd);
    const after = fstatSync(fd, { bigint: true });
    const unchanged = sameFile(before, after);
    const remembered = unchanged ? rememberedDigest(file, after) : undefined;
    return { bytes, digest: remembered ?? digestChunks([bytes]) };
  } finally {
    closeSync(fd);
  }
}

/** The remembered digest of a graph file: <plugin>.credgraph.sha256. */
export function digestFile(file: string): string {
  return `${file}.sha256`;
}

function sameFile(a: BigIntStats, b: BigIntStats): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/**
 * Writes <file>.sha256: `digest` (which must be the digest of `file` as it is now) and the
 * file's size, stamped with the file's change time as its own modification time. Only a
 * shortcut, so a failure is not the command's: a record left from an earlier file is not
 * stamped with this one's change time, and readers hash the file.
 */
export function rememberDigest(file: string, digest: string): void {
  const record = digestFile(file);
  try {
    const { size, ctimeNs } = statSync(file, { bigint: true });
    writeFileAtomic(record, `${JSON.stringify({ bytes: Number(size), digest })}\n`);
    const stamp = Number(ctimeNs) / 1e9;
    utimesSync(record, stamp, stamp);
  } catch {
    // Nothing to undo (above).
  }
}

/** Times set through utimes are doubles: within this many nanoseconds of the change time. */
const STAMP_SLACK_NS = 1000n;

/**
 * The record's digest when it is stamped with the file's current change time and names the
 * file's size; otherwise undefined.
 */
function rememberedDigest(file: string, stats: BigIntStats): string | undefined {
  try {
    const record = digestFile(file);
    const { bytes, digest } = JSON.parse(readFileSync(record, 'utf8')) as Record<string, unknown>;
    const wellFormed = typeof digest === 'string' && /^sha256:[0-9a-f]{64}$/.test(digest);
    const offset = statSync(record, { bigint: true }).mtimeNs - stats.ctimeNs;
    const stamped = offset <= STAMP_SLACK_NS && offset >= -STAMP_SLACK_NS;
    return wellFormed && stamped && BigInt(bytes as number) === stats.size ? digest : undefined;
  } catch {
    return undefined;
  }
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

/**
 * data/weights.json: the weights in force, key by key, with where each value comes from (a
 * weight file of the instance, or a plugin's declared default), how many nodes and edges it
 * applies to, what its nodes minted and how much cred flowed along its edges each way. The
 * Weights view edits these values for the what-if and writes the edited weight files back,
 * with each file's anti-gaming knobs as they were.
 */
import path from 'node:path';
import { addressPlugin } from '../../core/address.js';
import { edgeFlows, processEdges } from '../../core/credrank/explainEdges.js';
import { edgeKeysOf } from '../../core/credrank/typeWeights.js';
import type { WeightsJson } from '../../core/weights.js';
import type { ScoredInstance } from '../explain/scores.js';
import { readJsonFile } from '../files.js';
import type { Instance } from '../instance.js';
import { SITE_FORMATS, type SiteWeights } from './format.js';
import type { WhatIfData } from './whatIf.js';
import { readWeightFiles } from '../weights/weights.js';

/** Sections of a weight file that are knobs, not weights: kept as they are in downloads. */
const KNOB_SECTIONS = ['budgets', 'containers', 'reactions'] as const;

export function buildWeights(
  instance: Instance,
  scored: ScoredInstance,
  whatif: WhatIfData,
): SiteWeights {
  const files = readWeightFiles(instance);
  const fileOf = (section: 'nodes' | 'edges', key: string): number =>
    files.findIndex(({ weights }) => weights[section].has(key));
  const names = typeNames(scored);
  const { nodeWeightKeys: nodeKeys, edgeWeightKeys: edgeKeys } = whatif;
  const flows = keyFlows(scored, edgeKeys);
  return {
    ...SITE_FORMATS.weights,
    files: files.map(({ file }) => {
      const raw = readJsonFile(path.join(instance.paths.root, file), file) as Record<
        string,
        unknown
      >;
      const knobs = Object.fromEntries(
        KNOB_SECTIONS.filter((section) => raw[section] !== undefined).map((section) => [
          section,
          raw[section],
        ]),
      ) as Pick<WeightsJson, (typeof KNOB_SECTIONS)[number]>;
      return {
        file,
        ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
        ...knobs,
      };
    }),
    nodes: nodeKeys.map((key, k) => ({
      key,
      plugin: addressPlugin(key),
      name: names.get(`nodes:${key}`) ?? '',
      file: fileOf('nodes', key),
      count: whatif.nodeCount[k] as number,
      weight: scored.weights.nodes.get(key) as number,
      mint: whatif.nodeMint[k] as number,
    })),
    edges: edgeKeys.map((key, k) => ({
      key,
      plugin: addressPlugin(key),
      name: names.get(`edges:${key}`) ?? '',
      file: fileOf('edges', key),
      count: whatif.edgeCount[k] as number,
      ...scored.weights.edges.get(key)!,
      forwardsCred: flows.forwards[k] as number,
      backwardsCred: flows.backwards[k] as number,
    })),
    unmatched: {
      nodes: whatif.nodeCount[nodeKeys.length] as number,
      mint: whatif.nodeMint[nodeKeys.length] as number,
      edges: whatif.edgeCount[edgeKeys.length] as number,
    },
  };
}

/** Declared type names by `nodes:<prefix>` / `edges:<prefix>`. */
function typeNames(scored: ScoredInstance): Map<string, string> {
  const names = new Map<string, string>();
  for (const declaration of scored.declarations.values()) {
    for (const type of declaration.nodeTypes) names.set(`nodes:${type.prefix}`, type.name);
    for (const type of declaration.edgeTypes) {
      names.set(`edges:${type.prefix}`, `${type.forwardName} / ${type.backwardName}`);
    }
  }
  return names;
}

/** Cred that flowed along the edges of each key, forwards and backwards. */
function keyFlows(scored: ScoredInstance, edgeKeys: readonly string[]) {
  // Each graph edge's key by a trie walk of its address bytes, not a decoded string per edge.
  const keyOf = edgeKeysOf(scored.graph, edgeKeys);
  const edges = processEdges(
    scored.graph,
    scored.weights,
    scored.identities,
    scored.result.process,
  );
  const flows = edgeFlows(edges, scored.result);
  const forwards = new Array<number>(edgeKeys.length).fill(0);
  const backwards = new Array<number>(edgeKeys.length).fill(0);
  for (let e = 0; e < edges.count; e++) {
    const k = keyOf[edges.edgeIndex[e] as number] as number;
    if (k === -1) continue;
    forwards[k] = (forwards[k] as number) + (flows.forwards[e] as number);
    backwards[k] = (backwards[k] as number) + (flows.backwards[e] as number);
  }
  return { forwards, backwards };
}

/**
 * Weights say how much cred each kind of contribution mints and how readily cred flows along
 * each kind of edge. Keys are address prefixes: a node type (`github/pull`), a narrower prefix
 * (`github/pull/octo/repo`) or one node's exact address, which overrides for that node alone.
 * The most specific matching key wins; a node no key matches weighs 1 (SourceCred's default).
 * The data may add an intrinsic multiplier (a task's points): the final mint is the key's
 * weight times that multiplier.
 *
 * Why "most specific wins" instead of SourceCred's product of all matching prefixes: the value a
 * maintainer reads next to a key is the value in force, which is what a weight file reviewed in
 * a pull request should show (docs/decisions/0002-most-specific-weight.md).
 */
import { z } from 'zod';
import { addressPlugin, hasPrefix, type NodeAddress } from './address.js';
import { compareStrings } from './canonicalJson.js';
import { ConfigError } from './errors.js';
import type { EdgeWeight, PluginDeclaration } from './plugin.js';
import { parseWithSchema } from './validation.js';

export type { EdgeWeight } from './plugin.js';

export interface Weights {
  readonly nodes: ReadonlyMap<string, number>;
  readonly edges: ReadonlyMap<string, EdgeWeight>;
}

export const WEIGHTS_FORMAT = { type: 'cred/weights', version: 1 } as const;

export const EMPTY_WEIGHTS: Weights = { nodes: new Map(), edges: new Map() };

const weight = z.number().finite().nonnegative({ message: 'expected a weight >= 0' });

const weightsFileSchema = z.strictObject({
  type: z.literal('cred/weights'),
  version: z.literal(1),
  description: z.string().optional(),
  nodes: z.record(z.string().min(1), weight).default({}),
  edges: z
    .record(z.string().min(1), z.strictObject({ forwards: weight, backwards: weight }))
    .default({}),
});

/** The default weights a plugin declares, one key per node and edge type. */
export function declarationWeights(declaration: PluginDeclaration): Weights {
  return {
    nodes: new Map(declaration.nodeTypes.map((type) => [type.prefix, type.defaultWeight])),
    edges: new Map(declaration.edgeTypes.map((type) => [type.prefix, type.defaultWeight])),
  };
}

/**
 * Parses a weight file. Every key must belong to a known plugin and to one of its declared
 * types (or be a prefix of one), so a typo fails loudly instead of silently matching nothing.
 */
export function parseWeightsFile(
  json: unknown,
  file: string,
  declarations: ReadonlyMap<string, PluginDeclaration>,
): Weights {
  const fix = `Fix "{field}" in ${file} (weights are numbers >= 0; edges have "forwards" and "backwards").`;
  const parsed = parseWithSchema(weightsFileSchema, json, file, 'WEIGHTS_INVALID', fix);
  for (const key of Object.keys(parsed.nodes)) checkKey(key, 'nodes', file, declarations);
  for (const key of Object.keys(parsed.edges)) checkKey(key, 'edges', file, declarations);
  return {
    nodes: new Map(Object.entries(parsed.nodes)),
    edges: new Map(Object.entries(parsed.edges)),
  };
}

function checkKey(
  key: string,
  section: 'nodes' | 'edges',
  file: string,
  declarations: ReadonlyMap<string, PluginDeclaration>,
): void {
  const plugin = addressPlugin(key);
  const declaration = declarations.get(plugin);
  if (declaration === undefined) {
    throw new ConfigError(
      'WEIGHTS_UNKNOWN_PLUGIN',
      `${file}: key "${key}" in "${section}" names plugin "${plugin}", which cred does not know`,
      {
        ref: `${file}#${section}.${key}`,
        suggestions: [
          `Known plugins: ${[...declarations.keys()].sort(compareStrings).join(', ')}. Fix the key, or add the plugin to cred.json.`,
        ],
      },
    );
  }
  const prefixes: readonly string[] =
    section === 'nodes'
      ? declaration.nodeTypes.map((type) => type.prefix)
      : declaration.edgeTypes.map((type) => type.prefix);
  const related = prefixes.some((prefix) => hasPrefix(key, prefix) || hasPrefix(prefix, key));
  if (!related) {
    throw new ConfigError(
      'WEIGHTS_UNKNOWN_TYPE',
      `${file}: key "${key}" in "${section}" matches no ${section === 'nodes' ? 'node' : 'edge'} type of plugin "${plugin}"`,
      {
        ref: `${file}#${section}.${key}`,
        suggestions: [
          `Use one of: ${[...prefixes].sort(compareStrings).join(', ')} (or an address under one).`,
        ],
      },
    );
  }
}

/**
 * Lays weight files over declaration defaults. A file's key replaces the default at the same
 * key; two files setting the same key is an error (which one should win is not obvious).
 */
export function combineWeights(
  defaults: readonly Weights[],
  files: readonly { readonly file: string; readonly weights: Weights }[],
): Weights {
  const nodes = new Map<string, number>();
  const edges = new Map<string, EdgeWeight>();
  for (const base of defaults) {
    for (const [key, value] of base.nodes) nodes.set(key, value);
    for (const [key, value] of base.edges) edges.set(key, value);
  }
  const setBy = new Map<string, string>();
  for (const { file, weights } of files) {
    for (const [section, entries] of [
      ['nodes', weights.nodes],
      ['edges', weights.edges],
    ] as const) {
      for (const [key, value] of entries) {
        const previous = setBy.get(`${section}:${key}`);
        if (previous !== undefined) {
          throw new ConfigError(
            'WEIGHTS_CONFLICT',
            `${file}: "${section}.${key}" is also set in ${previous}`,
            {
              ref: `${file}#${section}.${key}`,
              suggestions: ['Keep the key in one weight file only.'],
            },
          );
        }
        setBy.set(`${section}:${key}`, file);
        if (section === 'nodes') nodes.set(key, value as number);
        else edges.set(key, value as EdgeWeight);
      }
    }
  }
  return { nodes, edges };
}

/** Canonical JSON form of weights (a `cred/weights` document), for digests and downloads. */
export function toWeightsJson(weights: Weights): {
  type: 'cred/weights';
  version: 1;
  nodes: Record<string, number>;
  edges: Record<string, EdgeWeight>;
} {
  const sortedEntries = <V>(map: ReadonlyMap<string, V>): Record<string, V> =>
    Object.fromEntries([...map.entries()].sort(([a], [b]) => compareStrings(a, b)));
  return {
    ...WEIGHTS_FORMAT,
    nodes: sortedEntries(weights.nodes),
    edges: sortedEntries(weights.edges),
  };
}

/** The value of the most specific key matching `address`, or undefined. */
export function mostSpecific<V>(table: ReadonlyMap<string, V>, address: string): V | undefined {
  if (table.size === 0) return undefined;
  let end = address.length;
  for (;;) {
    const value = table.get(end === address.length ? address : address.slice(0, end));
    if (value !== undefined) return value;
    end = address.lastIndexOf('/', end - 1);
    if (end <= 0) return undefined;
  }
}

const UNIT_EDGE: EdgeWeight = { forwards: 1, backwards: 1 };

/** The node type weight in force for `address` (1 when no key matches). */
export function nodeTypeWeight(weights: Weights, address: NodeAddress): number {
  return mostSpecific(weights.nodes, address) ?? 1;
}

/** The edge weight in force for `address` ({1, 1} when no key matches). */
export function edgeTypeWeight(weights: Weights, address: string): EdgeWeight {
  return mostSpecific(weights.edges, address) ?? UNIT_EDGE;
}

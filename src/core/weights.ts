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
 *
 * Three optional anti-gaming knobs shape mint on top of the weights (docs/decisions/0301):
 * `budgets` (max mint per week under a prefix), `containers` (a multiplier for everything in
 * a repository, category or chat) and `reactions` (which nodes and edges are reactions, and a
 * cap on what one identity's reactions mint per week). Absent knobs change nothing.
 */
import * as z from 'zod';
import { addressPlugin, hasPrefix, type NodeAddress } from './address.js';
import { compareStrings } from './canonicalJson.js';
import { ConfigError } from './errors.js';
import type { EdgeWeight, PluginDeclaration } from './plugin.js';
import { parseWithSchema } from './validation.js';

export type { EdgeWeight } from './plugin.js';

export interface Weights {
  readonly nodes: ReadonlyMap<string, number>;
  readonly edges: ReadonlyMap<string, EdgeWeight>;
  /** Node address prefix -> max mint per week of the nodes under it (none overlap). */
  readonly budgets?: ReadonlyMap<string, number>;
  /** Container address prefix -> multiplier of the mint of the nodes it contains. */
  readonly containers?: ReadonlyMap<string, number>;
  readonly reactions?: Reactions;
}

/** What counts as a reaction, and how much one identity's reactions may mint per week. */
export interface Reactions {
  /** Max mint of one identity's reactions per week; undefined: no cap. */
  readonly capPerWeek: number | undefined;
  /** Node prefixes of reaction nodes (a forum like that mints), sorted. */
  readonly nodes: readonly string[];
  /** Edge prefixes of reaction edges (a GitHub emoji reaction that carries flow), sorted. */
  readonly edges: readonly string[];
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
  budgets: z.record(z.string().min(1), weight).optional(),
  containers: z.record(z.string().min(1), weight).optional(),
  reactions: z
    .strictObject({
      capPerWeek: weight.optional(),
      nodes: z.array(z.string().min(1)).default([]),
      edges: z.array(z.string().min(1)).default([]),
    })
    .optional(),
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
  const check = (keys: Iterable<string>, section: Section, type: 'nodes' | 'edges') => {
    for (const key of keys) checkKey(key, section, type, file, declarations);
  };
  check(Object.keys(parsed.nodes), 'nodes', 'nodes');
  check(Object.keys(parsed.edges), 'edges', 'edges');
  check(Object.keys(parsed.budgets ?? {}), 'budgets', 'nodes');
  check(Object.keys(parsed.containers ?? {}), 'containers', 'nodes');
  check(parsed.reactions?.nodes ?? [], 'reactions.nodes', 'nodes');
  check(parsed.reactions?.edges ?? [], 'reactions.edges', 'edges');
  const { reactions } = parsed;
  return {
    nodes: new Map(Object.entries(parsed.nodes)),
    edges: new Map(Object.entries(parsed.edges)),
    ...(parsed.budgets === undefined ? {} : { budgets: new Map(Object.entries(parsed.budgets)) }),
    ...(parsed.containers === undefined
      ? {}
      : { containers: new Map(Object.entries(parsed.containers)) }),
    ...(reactions === undefined
      ? {}
      : {
          reactions: {
            capPerWeek: reactions.capPerWeek,
            nodes: sortedUnique(reactions.nodes),
            edges: sortedUnique(reactions.edges),
          },
        }),
  };
}

type Section = 'nodes' | 'edges' | 'budgets' | 'containers' | 'reactions.nodes' | 'reactions.edges';

function checkKey(
  key: string,
  section: Section,
  type: 'nodes' | 'edges',
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
    type === 'nodes'
      ? declaration.nodeTypes.map((nodeType) => nodeType.prefix)
      : declaration.edgeTypes.map((edgeType) => edgeType.prefix);
  const related = prefixes.some((prefix) => hasPrefix(key, prefix) || hasPrefix(prefix, key));
  if (!related) {
    throw new ConfigError(
      'WEIGHTS_UNKNOWN_TYPE',
      `${file}: key "${key}" in "${section}" matches no ${type === 'nodes' ? 'node' : 'edge'} type of plugin "${plugin}"`,
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
 * key; two files setting the same key is an error (which one should win is not obvious). The
 * reaction prefixes of all files are merged; the reaction cap may be set in one file only.
 */
export function combineWeights(
  defaults: readonly Weights[],
  files: readonly { readonly file: string; readonly weights: Weights }[],
): Weights {
  const tables = {
    nodes: new Map<string, number | EdgeWeight>(),
    edges: new Map<string, number | EdgeWeight>(),
    budgets: new Map<string, number | EdgeWeight>(),
    containers: new Map<string, number | EdgeWeight>(),
  };
  for (const base of defaults) {
    for (const [key, value] of base.nodes) tables.nodes.set(key, value);
    for (const [key, value] of base.edges) tables.edges.set(key, value);
  }
  const setBy = new Map<string, string>();
  const claim = (file: string, field: string): void => {
    const previous = setBy.get(field);
    if (previous !== undefined) {
      throw new ConfigError('WEIGHTS_CONFLICT', `${file}: "${field}" is also set in ${previous}`, {
        ref: `${file}#${field}`,
        suggestions: ['Keep the key in one weight file only.'],
      });
    }
    setBy.set(field, file);
  };
  let reactions: Reactions | undefined;
  for (const { file, weights } of files) {
    const sections = [
      ['nodes', weights.nodes],
      ['edges', weights.edges],
      ['budgets', weights.budgets],
      ['containers', weights.containers],
    ] as const;
    for (const [section, entries] of sections) {
      for (const [key, value] of entries ?? []) {
        claim(file, `${section}.${key}`);
        tables[section].set(key, value);
      }
    }
    if (weights.reactions !== undefined) {
      if (weights.reactions.capPerWeek !== undefined) claim(file, 'reactions.capPerWeek');
      reactions = mergeReactions(reactions, weights.reactions);
    }
  }
  const budgets = tables.budgets as Map<string, number>;
  checkBudgetOverlap(budgets, setBy);
  return {
    nodes: tables.nodes as Map<string, number>,
    edges: tables.edges as Map<string, EdgeWeight>,
    ...(budgets.size === 0 ? {} : { budgets }),
    ...(tables.containers.size === 0
      ? {}
      : { containers: tables.containers as Map<string, number> }),
    ...(reactions === undefined ? {} : { reactions }),
  };
}

function mergeReactions(a: Reactions | undefined, b: Reactions): Reactions {
  return {
    capPerWeek: a?.capPerWeek ?? b.capPerWeek,
    nodes: sortedUnique([...(a?.nodes ?? []), ...b.nodes]),
    edges: sortedUnique([...(a?.edges ?? []), ...b.edges]),
  };
}

/** A node under two budgets would have two weekly limits: reject overlapping prefixes. */
function checkBudgetOverlap(budgets: ReadonlyMap<string, number>, setBy: Map<string, string>) {
  const keys = [...budgets.keys()].sort(compareStrings);
  for (const key of keys) {
    const outer = keys.find((other) => other !== key && hasPrefix(key, other));
    if (outer === undefined) continue;
    const file = setBy.get(`budgets.${key}`) ?? '';
    throw new ConfigError(
      'WEIGHTS_BUDGET_OVERLAP',
      `${file}: budget "${key}" lies under budget "${outer}" (set in ${setBy.get(`budgets.${outer}`) ?? ''})`,
      {
        ref: `${file}#budgets.${key}`,
        suggestions: ['Budgets may not overlap: keep either the narrower or the wider prefix.'],
      },
    );
  }
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareStrings);
}

/** True when any mint-shaping knob (budgets, container multipliers, reaction cap) is set. */
export function hasMintShaping(weights: Weights): boolean {
  return (
    (weights.budgets?.size ?? 0) > 0 ||
    (weights.containers?.size ?? 0) > 0 ||
    (weights.reactions?.capPerWeek !== undefined && weights.reactions.nodes.length > 0)
  );
}

export interface WeightsJson {
  type: 'cred/weights';
  version: 1;
  nodes: Record<string, number>;
  edges: Record<string, EdgeWeight>;
  budgets?: Record<string, number>;
  containers?: Record<string, number>;
  reactions?: { capPerWeek?: number; nodes: string[]; edges: string[] };
}

/**
 * Canonical JSON form of weights (a `cred/weights` document), for digests and downloads. Knob
 * sections appear only when set, so weights without knobs keep the digest they always had.
 */
export function toWeightsJson(weights: Weights): WeightsJson {
  const sortedEntries = <V>(map: ReadonlyMap<string, V>): Record<string, V> =>
    Object.fromEntries([...map.entries()].sort(([a], [b]) => compareStrings(a, b)));
  const { budgets, containers, reactions } = weights;
  return {
    ...WEIGHTS_FORMAT,
    nodes: sortedEntries(weights.nodes),
    edges: sortedEntries(weights.edges),
    ...(budgets === undefined || budgets.size === 0 ? {} : { budgets: sortedEntries(budgets) }),
    ...(containers === undefined || containers.size === 0
      ? {}
      : { containers: sortedEntries(containers) }),
    ...(reactions === undefined
      ? {}
      : {
          reactions: {
            ...(reactions.capPerWeek === undefined ? {} : { capPerWeek: reactions.capPerWeek }),
            nodes: [...reactions.nodes],
            edges: [...reactions.edges],
          },
        }),
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

/** The edge weight where no key matches. */
export const UNIT_EDGE: EdgeWeight = { forwards: 1, backwards: 1 };

/** The node type weight in force for `address` (1 when no key matches). */
export function nodeTypeWeight(weights: Weights, address: NodeAddress): number {
  return mostSpecific(weights.nodes, address) ?? 1;
}

/** The edge weight in force for `address` ({1, 1} when no key matches). */
export function edgeTypeWeight(weights: Weights, address: string): EdgeWeight {
  return mostSpecific(weights.edges, address) ?? UNIT_EDGE;
}

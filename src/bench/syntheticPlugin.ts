/**
 * The synthetic community (syntheticGraph.ts) as a community plugin, so benchmarks and the
 * explorer's browser tests run real instances of any size through the real commands
 * (`cred score`, `cred site`, `cred serve`). Name it in cred.json by path:
 *
 *   "bench": { "package": "<cred>/dist/bench/syntheticPlugin.js", "edges": 3000, "weeks": 30 }
 *
 * Settings: edges, weeks, users (default SourceCred's 1.6 sqrt(edges)), seed. Every 20th user is
 * a bot and every 50th an organization, so the explorer's type filter has something to filter;
 * contributions get a title and a link.
 */
import { edgeAddress, nodeAddress } from '../core/address.js';
import { Graph, type GraphColumns } from '../core/graph.js';
import type { IdentityProposal, IdentityType } from '../core/identity.js';
import type { EdgeWeight, Plugin, PluginDeclaration } from '../core/plugin.js';
import { ConfigError } from '../core/errors.js';
import { WEEK_MS } from '../core/weeks.js';
import {
  SYNTHETIC_START_MS,
  SYNTHETIC_WEIGHTS,
  syntheticColumns,
  syntheticIdentities,
  syntheticUserCount,
  type SyntheticShape,
} from './syntheticGraph.js';

/**
 * The settings, all integers: required and positive, optional and positive, or optional.
 * Checked by hand, not with zod: loading zod unbundled from a plugin package is a tenth of a
 * second of every `cred graph` (decision 0782).
 */
const SETTINGS: Readonly<Record<string, 'required' | 'positive' | 'any'>> = {
  edges: 'required',
  weeks: 'required',
  users: 'positive',
  seed: 'any',
  /** Only the data of the first N weeks (a rescore bench adds the last week afterwards). */
  weeksShown: 'positive',
};

function parseSettings(raw: unknown, where: string): SyntheticConfig {
  const bad = (field: string, problem: string): ConfigError =>
    new ConfigError('CONFIG_INVALID', `${where}: ${problem}`, {
      ref: field === '' ? where : `${where}#${field}`,
      suggestions: [`Fix "${field}" in ${where}.`],
    });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw bad('', `expected an object, got ${raw === null ? 'null' : typeof raw}`);
  const settings = raw as Record<string, unknown>;
  for (const [field, value] of Object.entries(settings)) {
    const rule = SETTINGS[field];
    if (rule === undefined)
      throw bad(field, `unknown setting "${field}" (known: ${Object.keys(SETTINGS).join(', ')})`);
    if (!Number.isInteger(value) || (rule !== 'any' && (value as number) <= 0))
      throw bad(field, `"${field}" must be ${rule === 'any' ? 'an' : 'a positive'} integer`);
  }
  for (const [field, rule] of Object.entries(SETTINGS)) {
    if (rule === 'required' && settings[field] === undefined)
      throw bad(field, `"${field}" is required (a positive integer)`);
  }
  return settings as unknown as SyntheticConfig;
}

const EDGE_NAMES = [
  ['authors', 'authors', 'is authored by'],
  ['reacts', 'reacts to', 'is reacted to by'],
  ['references', 'references', 'is referenced by'],
] as const;

const declaration: PluginDeclaration = {
  name: 'bench',
  title: 'Synthetic community',
  nodeTypes: [
    {
      name: 'Contribution',
      pluralName: 'Contributions',
      prefix: nodeAddress(['bench', 'contribution']),
      defaultWeight: SYNTHETIC_WEIGHTS.nodes.get('bench/contribution') as number,
      description: 'A synthetic contribution.',
    },
    {
      name: 'User',
      pluralName: 'Users',
      prefix: nodeAddress(['bench', 'user']),
      defaultWeight: SYNTHETIC_WEIGHTS.nodes.get('bench/user') as number,
      description: 'A synthetic account.',
    },
  ],
  edgeTypes: EDGE_NAMES.map(([kind, forwardName, backwardName]) => ({
    forwardName,
    backwardName,
    prefix: edgeAddress(['bench', kind]),
    defaultWeight: SYNTHETIC_WEIGHTS.edges.get(`bench/${kind}`) as EdgeWeight,
    description: `A synthetic ${kind} edge.`,
  })),
  userTypes: [nodeAddress(['bench', 'user'])],
};

function typeOf(user: number): IdentityType {
  if (user % 50 === 49) return 'organization';
  return user % 20 === 19 ? 'bot' : 'user';
}

type SyntheticConfig = SyntheticShape & { readonly weeksShown?: number };

const titled = true;

/** The columns without what happened after `weeks` weeks (timeless nodes stay). */
function firstWeeks(columns: GraphColumns, weeks: number): GraphColumns {
  const endMs = SYNTHETIC_START_MS + weeks * WEEK_MS;
  const before = (time: number): boolean => Number.isNaN(time) || time < endMs;
  const nodes = indexesWhere(columns.nodeAddress.length, (x) =>
    before(columns.nodeTimestampMs[x] as number),
  );
  const edges = indexesWhere(columns.edgeAddress.length, (e) =>
    before(columns.edgeTimestampMs[e] as number),
  );
  // Node x has address x (syntheticColumns) and every edge kept joins kept nodes, so the
  // address table is cut with the nodes and endpoints are renumbered.
  const renumbered = new Int32Array(columns.addresses.length).fill(-1);
  nodes.forEach((x, k) => (renumbered[x] = k));
  const pick = <T>(values: ArrayLike<T>, at: Int32Array): T[] =>
    Array.from(at, (index) => values[index] as T);
  return {
    addresses: pick(columns.addresses, nodes),
    nodeAddress: Int32Array.from(nodes.keys()),
    nodeDescription: pick(columns.nodeDescription, nodes),
    nodeTimestampMs: Float64Array.from(pick(columns.nodeTimestampMs, nodes)),
    nodeUrl: pick(columns.nodeUrl, nodes),
    nodeWeight: Float64Array.from(pick(columns.nodeWeight, nodes)),
    nodeContainer: Int32Array.from(pick(columns.nodeContainer, nodes)),
    edgeAddress: pick(columns.edgeAddress, edges),
    edgeSrc: Int32Array.from(edges, (e) => renumbered[columns.edgeSrc[e] as number] as number),
    edgeDst: Int32Array.from(edges, (e) => renumbered[columns.edgeDst[e] as number] as number),
    edgeTimestampMs: Float64Array.from(pick(columns.edgeTimestampMs, edges)),
    edgeWeight: Float64Array.from(pick(columns.edgeWeight, edges)),
  };
}

function indexesWhere(count: number, keep: (index: number) => boolean): Int32Array {
  const kept: number[] = [];
  for (let k = 0; k < count; k++) if (keep(k)) kept.push(k);
  return Int32Array.from(kept);
}

export const syntheticPlugin: Plugin<SyntheticConfig> = {
  declaration,
  parseConfig: parseSettings,
  // A bulk plugin: the graph is built and handed over as columns, its strings packed (one
  // buffer per column, not a string per node or edge). Cutting weeks works on strings.
  async graph(context) {
    const { weeksShown } = context.config;
    if (weeksShown === undefined)
      return Graph.fromColumns(syntheticColumns(context.config, { titled, packed: true }), 'bench');
    const columns = syntheticColumns(context.config, { titled });
    return Graph.fromColumns(firstWeeks(columns, weeksShown), 'bench');
  },
  async identities(context): Promise<IdentityProposal[]> {
    return syntheticIdentities(syntheticUserCount(context.config)).map((identity, user) => ({
      plugin: 'bench',
      alias: identity.aliases[0]!,
      name: identity.name,
      type: typeOf(user),
      description: `synthetic user ${user}`,
    }));
  },
};

export default syntheticPlugin;

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
import * as z from 'zod';
import { edgeAddress, nodeAddress } from '../core/address.js';
import { Graph, type GraphColumns } from '../core/graph.js';
import type { IdentityProposal, IdentityType } from '../core/identity.js';
import type { EdgeWeight, Plugin, PluginDeclaration } from '../core/plugin.js';
import { parseWithSchema } from '../core/validation.js';
import { WEEK_MS } from '../core/weeks.js';
import {
  SYNTHETIC_START_MS,
  SYNTHETIC_WEIGHTS,
  syntheticColumns,
  syntheticIdentities,
  syntheticUserCount,
  type SyntheticShape,
} from './syntheticGraph.js';

const configSchema = z.strictObject({
  edges: z.number().int().positive(),
  weeks: z.number().int().positive(),
  users: z.number().int().positive().optional(),
  seed: z.number().int().optional(),
  /** Only the data of the first N weeks (a rescore bench adds the last week afterwards). */
  weeksShown: z.number().int().positive().optional(),
});

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

const TOPICS = ['parser', 'docs', 'release', 'tests', 'website', 'translations', 'CI', 'design'];
const VERBS = ['Fix', 'Improve', 'Review', 'Document', 'Refactor', 'Plan'];

function typeOf(user: number): IdentityType {
  if (user % 50 === 49) return 'organization';
  return user % 20 === 19 ? 'bot' : 'user';
}

type SyntheticConfig = SyntheticShape & { readonly weeksShown?: number };

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
  parseConfig: (raw, where) =>
    parseWithSchema(configSchema, raw, where, 'CONFIG_INVALID', `Fix "{field}" in ${where}.`),
  // A bulk plugin: the graph is built and handed over as columns, contributions titled in place.
  async graph(context) {
    const columns = syntheticColumns(context.config);
    for (let c = 0; c < columns.contributions; c++) {
      const x = columns.users + c;
      columns.nodeDescription[x] =
        `${VERBS[c % VERBS.length]} ${TOPICS[(c >> 3) % TOPICS.length]} (#${c})`;
      columns.nodeUrl[x] = `https://example.org/bench/c${c}`;
    }
    const { weeksShown } = context.config;
    const shown = weeksShown === undefined ? columns : firstWeeks(columns, weeksShown);
    return Graph.fromColumns(shown, 'bench');
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

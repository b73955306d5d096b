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
import { z } from 'zod';
import { edgeAddress, nodeAddress } from '../core/address.js';
import { Graph } from '../core/graph.js';
import type { IdentityProposal, IdentityType } from '../core/identity.js';
import type { EdgeWeight, Plugin, PluginDeclaration } from '../core/plugin.js';
import { parseWithSchema } from '../core/validation.js';
import { WEEK_MS } from '../core/weeks.js';
import {
  SYNTHETIC_START_MS,
  SYNTHETIC_WEIGHTS,
  syntheticCommunity,
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

/** The graph without what happened after `weeks` weeks (timeless nodes stay). */
function firstWeeks(graph: Graph, weeks: number): Graph {
  const endMs = SYNTHETIC_START_MS + weeks * WEEK_MS;
  const shown = new Graph();
  for (const node of graph.nodes())
    if (node.timestampMs === null || node.timestampMs < endMs) shown.addNode(node);
  for (const edge of graph.edges()) if (edge.timestampMs < endMs) shown.addEdge(edge);
  return shown;
}

export const syntheticPlugin: Plugin<SyntheticConfig> = {
  declaration,
  parseConfig: (raw, where) =>
    parseWithSchema(configSchema, raw, where, 'CONFIG_INVALID', `Fix "{field}" in ${where}.`),
  // A bulk plugin: the graph is handed over as columns, titles and links filled in per column.
  async graph(context) {
    const columns = syntheticCommunity(context.config).graph.columns();
    const { addresses, nodeAddress: nodeIds } = columns;
    const nodeDescription = [...columns.nodeDescription];
    const nodeUrl = [...columns.nodeUrl];
    for (let x = 0; x < nodeIds.length; x++) {
      const match = /^bench\/contribution\/c(\d+)$/.exec(addresses[nodeIds[x]!]!);
      if (match === null) continue;
      const n = Number(match[1]);
      nodeDescription[x] = `${VERBS[n % VERBS.length]} ${TOPICS[(n >> 3) % TOPICS.length]} (#${n})`;
      nodeUrl[x] = `https://example.org/bench/c${n}`;
    }
    const graph = Graph.fromColumns({ ...columns, nodeDescription, nodeUrl }, 'bench');
    const { weeksShown } = context.config;
    return weeksShown === undefined ? graph : firstWeeks(graph, weeksShown);
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

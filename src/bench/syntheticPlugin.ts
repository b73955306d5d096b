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
import {
  SYNTHETIC_WEIGHTS,
  syntheticCommunity,
  type SyntheticCommunity,
  type SyntheticShape,
} from './syntheticGraph.js';

const configSchema = z.strictObject({
  edges: z.number().int().positive(),
  weeks: z.number().int().positive(),
  users: z.number().int().positive().optional(),
  seed: z.number().int().optional(),
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

/** One community per settings: graph() and identities() of a run share it. */
const built = new Map<string, SyntheticCommunity>();

function community(config: SyntheticShape): SyntheticCommunity {
  const key = JSON.stringify(config);
  let value = built.get(key);
  if (value === undefined) built.set(key, (value = syntheticCommunity(config)));
  return value;
}

export const syntheticPlugin: Plugin<SyntheticShape> = {
  declaration,
  parseConfig: (raw, where) =>
    parseWithSchema(configSchema, raw, where, 'CONFIG_INVALID', `Fix "{field}" in ${where}.`),
  async graph(context) {
    const { graph } = community(context.config);
    const titled = new Graph();
    for (const node of graph.nodes()) {
      const match = /^bench\/contribution\/c(\d+)$/.exec(node.address);
      if (match === null) {
        titled.addNode(node);
        continue;
      }
      const n = Number(match[1]);
      titled.addNode({
        ...node,
        description: `${VERBS[n % VERBS.length]} ${TOPICS[(n >> 3) % TOPICS.length]} (#${n})`,
        url: `https://example.org/bench/c${n}`,
      });
    }
    for (const edge of graph.edges()) titled.addEdge(edge);
    return titled;
  },
  async identities(context): Promise<IdentityProposal[]> {
    return community(context.config).identities.map((identity, user) => ({
      plugin: 'bench',
      alias: identity.aliases[0]!,
      name: identity.name,
      type: typeOf(user),
      description: `synthetic user ${user}`,
    }));
  },
};

export default syntheticPlugin;

/**
 * Versioned JSON form of a graph (`cred/graph` version 1). Addresses are listed once, sorted;
 * nodes and edges refer to endpoints by index into that list, which keeps a million-edge graph
 * compact and makes the file independent of insertion order. Addresses that only dangling edges
 * mention are listed too, so a round trip keeps them.
 */
import * as z from 'zod';
import type { EdgeAddress, NodeAddress } from './address.js';
import { compareStrings } from './canonicalJson.js';
import { ConfigError } from './errors.js';
import { Graph, type GraphEdge, type GraphNode } from './graph.js';

export const GRAPH_FORMAT = { type: 'cred/graph', version: 1 } as const;

export interface GraphJson {
  readonly type: 'cred/graph';
  readonly version: 1;
  readonly plugin?: string;
  readonly addresses: readonly string[];
  readonly nodes: readonly NodeJson[];
  readonly edges: readonly EdgeJson[];
}

interface NodeJson {
  readonly index: number;
  readonly description: string;
  readonly timestampMs: number | null;
  readonly url?: string;
  readonly weight?: number;
  readonly container?: number;
}

interface EdgeJson {
  readonly address: string;
  readonly src: number;
  readonly dst: number;
  readonly timestampMs: number;
  readonly weight?: number;
}

export function toGraphJson(graph: Graph, plugin?: string): GraphJson {
  const addressSet = new Set<string>();
  for (const node of graph.nodes()) {
    addressSet.add(node.address);
    if (node.container !== undefined) addressSet.add(node.container);
  }
  for (const edge of graph.edges()) addressSet.add(edge.src).add(edge.dst);
  const addresses = [...addressSet].sort(compareStrings);
  const indexOf = new Map(addresses.map((address, index) => [address, index]));
  const at = (address: string): number => indexOf.get(address) as number;
  const nodes = [...graph.nodes()]
    .map((node): NodeJson => ({
      index: at(node.address),
      description: node.description,
      timestampMs: node.timestampMs,
      ...(node.url === undefined ? {} : { url: node.url }),
      ...(node.weight === undefined ? {} : { weight: node.weight }),
      ...(node.container === undefined ? {} : { container: at(node.container) }),
    }))
    .sort((a, b) => a.index - b.index);
  const edges = [...graph.edges()]
    .sort((a, b) => compareStrings(a.address, b.address))
    .map((edge): EdgeJson => ({
      address: edge.address,
      src: at(edge.src),
      dst: at(edge.dst),
      timestampMs: edge.timestampMs,
      ...(edge.weight === undefined ? {} : { weight: edge.weight }),
    }));
  return { ...GRAPH_FORMAT, ...(plugin === undefined ? {} : { plugin }), addresses, nodes, edges };
}

const graphJsonSchema = z.strictObject({
  type: z.literal('cred/graph'),
  version: z.literal(1),
  plugin: z.string().optional(),
  addresses: z.array(z.string().min(1)),
  nodes: z.array(
    z.strictObject({
      index: z.number().int().nonnegative(),
      description: z.string(),
      timestampMs: z.number().nullable(),
      url: z.string().optional(),
      weight: z.number().nonnegative().optional(),
      container: z.number().int().nonnegative().optional(),
    }),
  ),
  edges: z.array(
    z.strictObject({
      address: z.string().min(1),
      src: z.number().int().nonnegative(),
      dst: z.number().int().nonnegative(),
      timestampMs: z.number(),
      weight: z.number().nonnegative().optional(),
    }),
  ),
});

/** Parses a `cred/graph` document; `where` names the file in errors. */
export function fromGraphJson(json: unknown, where: string): Graph {
  const parsed = graphJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      'GRAPH_FILE_INVALID',
      `${where}: not a cred/graph version 1 file (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
      { ref: where, suggestions: ['Rebuild it with "cred graph".'] },
    );
  }
  const { addresses, nodes, edges } = parsed.data;
  const address = (index: number): string => {
    const value = addresses[index];
    if (value === undefined) {
      throw new ConfigError('GRAPH_FILE_INVALID', `${where}: address index ${index} out of range`, {
        ref: where,
        suggestions: ['Rebuild it with "cred graph".'],
      });
    }
    return value;
  };
  const graph = new Graph();
  for (const node of nodes) graph.addNode(nodeFromJson(node, address));
  for (const edge of edges) {
    const graphEdge: GraphEdge = {
      address: edge.address as EdgeAddress,
      src: address(edge.src) as NodeAddress,
      dst: address(edge.dst) as NodeAddress,
      timestampMs: edge.timestampMs,
      ...(edge.weight === undefined ? {} : { weight: edge.weight }),
    };
    graph.addEdge(graphEdge);
  }
  return graph;
}

function nodeFromJson(node: NodeJson, address: (index: number) => string): GraphNode {
  return {
    address: address(node.index) as NodeAddress,
    description: node.description,
    timestampMs: node.timestampMs,
    ...(node.url === undefined ? {} : { url: node.url }),
    ...(node.weight === undefined ? {} : { weight: node.weight }),
    ...(node.container === undefined ? {} : { container: address(node.container) as NodeAddress }),
  };
}

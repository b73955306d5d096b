/**
 * The contribution graph: nodes (contributions, accounts, containers) and timestamped edges
 * between them. It stores no type weights (those live in weight files); a node or edge may
 * carry an intrinsic `weight` multiplier that the data itself supplies (a task's agreed points,
 * a contributor's share), which the weight files then scale.
 *
 * `add*` throws when the address is present; `merge*` is idempotent and throws only when the
 * same address arrives with different content. Edges may dangle (an endpoint absent from the
 * graph): plugins may point at nodes they do not own, and every algorithm ignores dangling
 * edges. Users are timeless (`timestampMs: null`); edges always carry a time, which is what
 * places cred in calendar weeks.
 */
import type { EdgeAddress, NodeAddress } from './address.js';
import { CredError } from './errors.js';

export interface GraphNode {
  readonly address: NodeAddress;
  /** One line of markdown: what this node is ("#12: Fix the parser"). */
  readonly description: string;
  readonly timestampMs: number | null;
  /** Where a human can see the contribution. */
  readonly url?: string;
  /** Intrinsic mint multiplier supplied by the data (points, shares); 1 when absent. */
  readonly weight?: number;
  /** The container (repository, category, chat, table) the node belongs to. */
  readonly container?: NodeAddress;
}

export interface GraphEdge {
  readonly address: EdgeAddress;
  readonly src: NodeAddress;
  readonly dst: NodeAddress;
  readonly timestampMs: number;
  /** Intrinsic multiplier applied to both directions (a contributor's share); 1 when absent. */
  readonly weight?: number;
}

export class Graph {
  private readonly nodeMap = new Map<NodeAddress, GraphNode>();
  private readonly edgeMap = new Map<EdgeAddress, GraphEdge>();

  get nodeCount(): number {
    return this.nodeMap.size;
  }

  get edgeCount(): number {
    return this.edgeMap.size;
  }

  node(address: NodeAddress): GraphNode | undefined {
    return this.nodeMap.get(address);
  }

  edge(address: EdgeAddress): GraphEdge | undefined {
    return this.edgeMap.get(address);
  }

  hasNode(address: NodeAddress): boolean {
    return this.nodeMap.has(address);
  }

  nodes(): IterableIterator<GraphNode> {
    return this.nodeMap.values();
  }

  edges(): IterableIterator<GraphEdge> {
    return this.edgeMap.values();
  }

  /** Adds a node; throws GRAPH_DUPLICATE_NODE when the address is already present. */
  addNode(node: GraphNode): this {
    if (this.nodeMap.has(node.address)) {
      throw new CredError('GRAPH_DUPLICATE_NODE', `graph already has node "${node.address}"`, {
        suggestions: ['Use mergeNode to add a node that may already be present.'],
      });
    }
    checkNode(node);
    this.nodeMap.set(node.address, node);
    return this;
  }

  /** Adds an edge; throws GRAPH_DUPLICATE_EDGE when the address is already present. */
  addEdge(edge: GraphEdge): this {
    if (this.edgeMap.has(edge.address)) {
      throw new CredError('GRAPH_DUPLICATE_EDGE', `graph already has edge "${edge.address}"`, {
        suggestions: ['Use mergeEdge to add an edge that may already be present.'],
      });
    }
    checkEdge(edge);
    this.edgeMap.set(edge.address, edge);
    return this;
  }

  /** Adds a node unless an identical one is present; throws on a conflicting one. */
  mergeNode(node: GraphNode): this {
    const existing = this.nodeMap.get(node.address);
    if (existing === undefined) return this.addNode(node);
    if (!sameNode(existing, node)) {
      throw new CredError(
        'GRAPH_CONFLICTING_NODE',
        `node "${node.address}" is present with different content`,
        { suggestions: ['Two sources describe the same node differently; make them agree.'] },
      );
    }
    return this;
  }

  /** Adds an edge unless an identical one is present; throws on a conflicting one. */
  mergeEdge(edge: GraphEdge): this {
    const existing = this.edgeMap.get(edge.address);
    if (existing === undefined) return this.addEdge(edge);
    if (!sameEdge(existing, edge)) {
      throw new CredError(
        'GRAPH_CONFLICTING_EDGE',
        `edge "${edge.address}" is present with different content`,
        { suggestions: ['Two sources describe the same edge differently; make them agree.'] },
      );
    }
    return this;
  }

  /** Merges every node and edge of `other` into this graph (idempotent). */
  merge(other: Graph): this {
    for (const node of other.nodes()) this.mergeNode(node);
    for (const edge of other.edges()) this.mergeEdge(edge);
    return this;
  }

  /** A new graph holding the union of `graphs`. */
  static union(graphs: Iterable<Graph>): Graph {
    const result = new Graph();
    for (const graph of graphs) result.merge(graph);
    return result;
  }
}

function checkNode(node: GraphNode): void {
  if (node.timestampMs !== null && !Number.isFinite(node.timestampMs)) {
    throw new CredError('GRAPH_BAD_TIMESTAMP', `node "${node.address}" has a non-finite time`);
  }
  checkWeight(node.weight, `node "${node.address}"`);
}

function checkEdge(edge: GraphEdge): void {
  if (!Number.isFinite(edge.timestampMs)) {
    throw new CredError('GRAPH_BAD_TIMESTAMP', `edge "${edge.address}" needs a finite time`);
  }
  checkWeight(edge.weight, `edge "${edge.address}"`);
}

function checkWeight(weight: number | undefined, where: string): void {
  if (weight !== undefined && !(Number.isFinite(weight) && weight >= 0)) {
    throw new CredError('GRAPH_BAD_WEIGHT', `${where}: expected weight >= 0, got ${weight}`);
  }
}

function sameNode(a: GraphNode, b: GraphNode): boolean {
  return (
    a.description === b.description &&
    a.timestampMs === b.timestampMs &&
    a.url === b.url &&
    (a.weight ?? 1) === (b.weight ?? 1) &&
    a.container === b.container
  );
}

function sameEdge(a: GraphEdge, b: GraphEdge): boolean {
  return (
    a.src === b.src &&
    a.dst === b.dst &&
    a.timestampMs === b.timestampMs &&
    (a.weight ?? 1) === (b.weight ?? 1)
  );
}

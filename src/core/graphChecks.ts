/**
 * What a Graph checks of the nodes and edges added to it, and when two are the same.
 */
import type { GraphEdge, GraphNode } from './graph.js';
import { CredError } from './errors.js';
import { checkWeight } from './graphColumns.js';

export function duplicateEdge(address: string): CredError {
  return new CredError('GRAPH_DUPLICATE_EDGE', `graph already has edge "${address}"`, {
    suggestions: ['Use mergeEdge to add an edge that may already be present.'],
  });
}

export function checkNode(node: GraphNode): void {
  if (node.timestampMs !== null && !Number.isFinite(node.timestampMs)) {
    throw new CredError('GRAPH_BAD_TIMESTAMP', `node "${node.address}" has a non-finite time`);
  }
  checkWeight(node.weight, `node "${node.address}"`);
}

export function checkEdge(edge: GraphEdge): void {
  if (!Number.isFinite(edge.timestampMs)) {
    throw new CredError('GRAPH_BAD_TIMESTAMP', `edge "${edge.address}" needs a finite time`);
  }
  checkWeight(edge.weight, `edge "${edge.address}"`);
}

export function sameNode(a: GraphNode, b: GraphNode): boolean {
  return (
    a.description === b.description &&
    a.timestampMs === b.timestampMs &&
    a.url === b.url &&
    (a.weight ?? 1) === (b.weight ?? 1) &&
    a.container === b.container
  );
}

export function sameEdge(a: GraphEdge, b: GraphEdge): boolean {
  return (
    a.src === b.src &&
    a.dst === b.dst &&
    a.timestampMs === b.timestampMs &&
    (a.weight ?? 1) === (b.weight ?? 1)
  );
}

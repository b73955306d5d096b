/**
 * What a node or edge in the object form must satisfy (graph.ts addNode/addEdge), and when two
 * descriptions of the same node or edge agree (mergeNode/mergeEdge).
 */
import { CredError } from './errors.js';
import type { GraphEdge, GraphNode } from './graph.js';
import { checkWeight } from './graphColumns.js';

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

/**
 * Cross-platform references by URL. A forum post that links a GitHub pull request, or a chat
 * message that links a forum topic, should add an edge between the two, but a plugin may not
 * know (or import) another plugin. So a plugin points such an edge at `core/url/<url>`, and
 * after all graphs are merged, `resolveUrlReferences` re-points it at whichever node carries that
 * `url`. Links to things no plugin loaded stay dangling, and every algorithm ignores them.
 */
import { nodeAddress, type NodeAddress } from './address.js';
import { Graph, type GraphEdge } from './graph.js';
import { someStartsWith } from './graphStrings.js';

export const URL_PREFIX = nodeAddress(['core', 'url']);

/** Canonical form of a URL for matching: lowercase scheme and host, no trailing slash, no query. */
export function normalizeUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host.toLowerCase()}${path}${url.hash}`;
}

/** The placeholder address of a URL (undefined when it is not an http(s) URL). */
export function urlAddress(raw: string): NodeAddress | undefined {
  const url = normalizeUrl(raw);
  return url === undefined ? undefined : nodeAddress(['core', 'url', url]);
}

/**
 * A graph in which edges to `core/url/<url>` point at the node whose `url` matches, when one
 * does. Returns `graph` itself when nothing changes.
 */
export function resolveUrlReferences(graph: Graph): Graph {
  const prefix = `${URL_PREFIX}/`;
  if (!someStartsWith(graph.storedColumns().addresses, prefix)) return graph;
  const byUrl = new Map<string, NodeAddress>();
  for (const node of graph.nodes()) {
    if (node.url === undefined) continue;
    const url = normalizeUrl(node.url);
    if (url !== undefined && !byUrl.has(url)) byUrl.set(url, node.address);
  }
  const resolve = (address: NodeAddress): NodeAddress => {
    if (!address.startsWith(`${URL_PREFIX}/`)) return address;
    const url = urlFromAddress(address);
    return byUrl.get(url) ?? address;
  };
  let changed = false;
  const edges: GraphEdge[] = [];
  for (const edge of graph.edges()) {
    const src = resolve(edge.src);
    const dst = resolve(edge.dst);
    if (src !== edge.src || dst !== edge.dst) changed = true;
    edges.push(src === edge.src && dst === edge.dst ? edge : { ...edge, src, dst });
  }
  if (!changed) return graph;
  const resolved = new Graph();
  for (const node of graph.nodes()) resolved.addNode(node);
  for (const edge of edges) resolved.addEdge(edge);
  return resolved;
}

function urlFromAddress(address: NodeAddress): string {
  const rest = address.slice(URL_PREFIX.length + 1);
  return rest.replaceAll('%2F', '/').replaceAll('%25', '%');
}

/**
 * Words for explanation sources: what a base node of the process is (its description, link,
 * date and plugin, from the graph), which identity a person source is, and what kind of edge
 * carried the flow (the declared edge type's name in the direction the flow went). Shared by
 * `cred explain` and the explorer's contributor pages.
 */
import { addressPlugin, hasPrefix } from '../../core/address.js';
import { identityAddress } from '../../core/identity.js';
import type { EdgeType, NodeType } from '../../core/plugin.js';
import type { ScoredInstance } from './scores.js';

export interface SourceInfo {
  readonly kind: 'contribution' | 'identity';
  readonly address: string;
  readonly description: string;
  readonly plugin: string;
  readonly url?: string;
  readonly timestampMs: number | null;
  /** For a person source: the identity's id and name. */
  readonly identity?: { readonly id: string; readonly name: string };
}

/** Describes a source (`node` as in CredSource: base index, or -(identity + 1)). */
export function describeSource(scored: ScoredInstance, node: number): SourceInfo {
  if (node < 0) {
    const identity = scored.identities[-node - 1];
    if (identity === undefined) throw new RangeError(`no identity ${-node - 1}`);
    return {
      kind: 'identity',
      address: identityAddress(identity.id),
      description: identity.name,
      plugin: 'core',
      timestampMs: null,
      identity: { id: identity.id, name: identity.name },
    };
  }
  // By address id: a base node is a graph node, found without a map of every address.
  const { process } = scored.result;
  const id = process.baseAddressIds[node];
  if (id === undefined) throw new RangeError(`no base node ${node}`);
  const index = scored.graph.nodeIndexOfAddressId(id);
  const graphNode = index === -1 ? undefined : scored.graph.nodeAt(index);
  const address = graphNode?.address ?? (process.baseAddresses[node] as string);
  return {
    kind: 'contribution',
    address,
    description: graphNode?.description ?? address,
    plugin: addressPlugin(address),
    ...(graphNode?.url === undefined ? {} : { url: graphNode.url }),
    timestampMs: graphNode?.timestampMs ?? null,
  };
}

export interface EdgeKind {
  /** The declared edge type's prefix, or the address when no declared type matches. */
  readonly type: string;
  /** Its name in the direction the flow went ("is the work of"). */
  readonly relation: string;
}

/** Edge kinds by address, looked up once per declared type. */
export function edgeKinds(
  scored: ScoredInstance,
): (address: string, forwards: boolean) => EdgeKind {
  const types: EdgeType[] = [];
  for (const declaration of scored.declarations.values()) types.push(...declaration.edgeTypes);
  types.sort((a, b) => b.prefix.length - a.prefix.length);
  return (address, forwards) => {
    const type = types.find((candidate) => hasPrefix(address, candidate.prefix));
    if (type === undefined) return { type: address, relation: forwards ? 'to' : 'from' };
    return { type: type.prefix, relation: forwards ? type.forwardName : type.backwardName };
  };
}

/** Node kinds by address: the plural name of the most specific declared type ("Other"). */
export function nodeKinds(scored: ScoredInstance): (address: string) => string {
  const types: NodeType[] = [];
  for (const declaration of scored.declarations.values()) types.push(...declaration.nodeTypes);
  types.sort((a, b) => b.prefix.length - a.prefix.length);
  return (address) =>
    types.find((candidate) => hasPrefix(address, candidate.prefix))?.pluralName ?? 'Other';
}

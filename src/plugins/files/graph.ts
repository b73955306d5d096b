/**
 * Contribution records to a graph (pure). Each record is a node dated by the record, minting
 * its type's weight times its own `weight`; each contributor is a person node joined to it by a
 * `contributes` edge whose intrinsic weight is the contributor's share, so cred minted at the
 * record flows back to contributors in proportion to their shares. References become edges to
 * the named nodes (any plugin's), which dangle harmlessly if that node is not loaded. A record's
 * container is the folder it was read from (`files/folder/media`), for domains and weights.
 */
import { edgeAddressBetween, extendAddress, type NodeAddress } from '../../core/address.js';
import { Graph } from '../../core/graph.js';
import {
  CONTRIBUTES_PREFIX,
  CONTRIBUTION_PREFIX,
  FOLDER_PREFIX,
  PERSON_PREFIX,
  REFERENCES_PREFIX,
} from './declaration.js';
import type { ContributionRecord } from './records.js';

export function contributionAddress(record: Pick<ContributionRecord, 'type' | 'id'>): NodeAddress {
  return extendAddress(CONTRIBUTION_PREFIX, [record.type, record.id]);
}

export function personAddress(name: string): NodeAddress {
  return extendAddress(PERSON_PREFIX, [name]);
}

export function filesGraph(records: readonly ContributionRecord[]): Graph {
  const graph = new Graph();
  for (const record of records) {
    const contribution = contributionAddress(record);
    graph.addNode({
      address: contribution,
      description: record.title,
      timestampMs: record.timestampMs,
      ...(record.url === undefined ? {} : { url: record.url }),
      ...(record.weight === undefined ? {} : { weight: record.weight }),
      ...(record.folder === undefined
        ? {}
        : { container: extendAddress(FOLDER_PREFIX, record.folder) }),
    });
    for (const { name, share } of record.contributors) {
      const person = personAddress(name);
      graph.mergeNode({ address: person, description: name, timestampMs: null });
      graph.mergeEdge({
        address: edgeAddressBetween(CONTRIBUTES_PREFIX, person, contribution),
        src: person,
        dst: contribution,
        timestampMs: record.timestampMs,
        ...(share === 1 ? {} : { weight: share }),
      });
    }
    for (const reference of record.references) {
      const target = reference as NodeAddress;
      graph.mergeEdge({
        address: edgeAddressBetween(REFERENCES_PREFIX, contribution, target),
        src: contribution,
        dst: target,
        timestampMs: record.timestampMs,
      });
    }
  }
  return graph;
}

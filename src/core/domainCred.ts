/**
 * Cred per domain: which domain each participant's weekly cred came from, by CredRank's flow
 * decomposition (credrank/explain.ts). A participant-week's cred is a sum over the flows that
 * entered the participant's chain, each weighted by how much of it ends up banked in that week;
 * each flow comes from a base node of the graph (a contribution, a container), whose domain is
 * that of its container. So grouping the inflows by domain before explaining gives, for every
 * week, cred per domain that adds up to the week's cred (explainChain scales the parts to the
 * exact total). Flow a participant received straight from another participant (not through a
 * contribution) has no container: it is counted in the root domain, the whole community.
 * docs/decisions/0500-domain-cred-by-flow.md records the choice.
 */
import { domainOf, type DomainTree, rollUp } from './domains.js';
import type { CredRankResult } from './credrank/credRank.js';
import { explainChain, participantChainAt, type ParticipantChain } from './credrank/explain.js';
import type { Graph } from './graph.js';

export interface DomainCred {
  readonly weekCount: number;
  readonly domainCount: number;
  /**
   * Per identity (in the order CredRank was given them): own cred of domain d in week t at
   * d * weekCount + t, or null for an identity without cred.
   */
  readonly own: readonly (Float64Array | null)[];
}

/** The domain of every base node of the process (its index there). */
export function baseNodeDomains(
  result: CredRankResult,
  graph: Graph,
  tree: DomainTree,
): Int32Array {
  return Int32Array.from(result.process.baseAddresses, (address) =>
    domainOf(tree, address, graph.node(address)?.container),
  );
}

export function computeDomainCred(
  result: CredRankResult,
  baseDomains: Int32Array,
  domainCount: number,
): DomainCred {
  const weekCount = result.process.weekCount;
  const own: (Float64Array | null)[] = result.credByIdentity.map(() => null);
  result.process.participants.forEach((identity, slot) => {
    const chain = byDomain(participantChainAt(result, slot), baseDomains);
    const values = new Float64Array(domainCount * weekCount);
    for (let t = 0; t < weekCount; t++) {
      const cred = chain.cred[t] as number;
      if (cred <= 0) continue;
      const explanation = explainChain(chain, t, t + 1);
      if (explanation.sources.length === 0) {
        values[t] = cred; // no inflow to attribute it to: the whole community's
        continue;
      }
      for (const source of explanation.sources) {
        const at = source.node * weekCount + t;
        values[at] = (values[at] as number) + source.cred;
      }
    }
    own[identity] = values;
  });
  return { weekCount, domainCount, own };
}

/** The chain with its inflows grouped by (domain, entry week): node labels become domains. */
function byDomain(chain: ParticipantChain, baseDomains: Int32Array): ParticipantChain {
  const grouped = new Map<number, number>();
  const { node, entryWeek, mass } = chain.sources;
  for (let k = 0; k < node.length; k++) {
    const source = node[k] as number;
    const domain = source >= 0 ? (baseDomains[source] as number) : 0;
    const key = domain * chain.weekCount + (entryWeek[k] as number);
    grouped.set(key, (grouped.get(key) ?? 0) + (mass[k] as number));
  }
  const keys = [...grouped.keys()].sort((a, b) => a - b);
  return {
    ...chain,
    sources: {
      node: Int32Array.from(keys, (key) => Math.floor(key / chain.weekCount)),
      entryWeek: Int32Array.from(keys, (key) => key % chain.weekCount),
      mass: Float64Array.from(keys, (key) => grouped.get(key) as number),
    },
  };
}

/** An identity's weekly cred in each domain with its descendants: result[d][t] (zeros if none). */
export function rolledUpWeekly(
  cred: DomainCred,
  tree: DomainTree,
  identity: number,
): Float64Array[] {
  const own = cred.own[identity];
  const { weekCount, domainCount } = cred;
  const result = Array.from({ length: domainCount }, () => new Float64Array(weekCount));
  if (own === null || own === undefined) return result;
  for (let t = 0; t < weekCount; t++) {
    const week = new Float64Array(domainCount);
    for (let d = 0; d < domainCount; d++) week[d] = own[d * weekCount + t] as number;
    const totals = rollUp(tree, week);
    for (let d = 0; d < domainCount; d++) (result[d] as Float64Array)[t] = totals[d] as number;
  }
  return result;
}

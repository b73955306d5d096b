/**
 * The shares of a proposal once some of its lines are removed (an objection upheld during
 * review): each removed share goes to the remaining lines in proportion to their proposed
 * shares, within the same domain when the proposal split the pool by domain, so every domain
 * keeps its part and the shares still add up to the pool. It is computed from the proposal and
 * the set of removed lines, not step by step, so the order in which objections were decided
 * does not matter; with nothing removed it gives the proposed shares back exactly.
 * docs/decisions/0503-upheld-objections-redistribute.md.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import type { IdentityId } from '../../core/identity.js';
import type { EventOf } from '../events.js';

/** A line's share per bucket: its domains, or one bucket for a proposal without a split. */
function buckets(proposal: EventOf<'payout.propose'>): Map<string, Map<IdentityId, bigint>> {
  const result = new Map<string, Map<IdentityId, bigint>>();
  for (const line of proposal.lines) {
    const id = line.identityId as IdentityId;
    const parts =
      proposal.split === undefined || line.domains === undefined
        ? [['', BigInt(line.share)] as const]
        : Object.entries(line.domains).map(
            ([domain, part]) => [domain, BigInt(part.share)] as const,
          );
    for (const [bucket, share] of parts) {
      if (share === 0n) continue;
      const map = result.get(bucket) ?? new Map<IdentityId, bigint>();
      map.set(id, share);
      result.set(bucket, map);
    }
  }
  return result;
}

/**
 * The shares with `removed` taken out and their amounts shared among the other lines; null
 * when no line with a share is left to take them.
 */
export function sharesWithout(
  proposal: EventOf<'payout.propose'>,
  removed: ReadonlySet<IdentityId>,
): Map<IdentityId, bigint> | null {
  const shares = new Map<IdentityId, bigint>();
  const add = (id: IdentityId, amount: bigint) => {
    if (amount > 0n) shares.set(id, (shares.get(id) ?? 0n) + amount);
  };
  let orphaned = 0n;
  for (const bucket of buckets(proposal).values()) {
    let amount = 0n;
    for (const share of bucket.values()) amount += share;
    const kept = [...bucket].filter(([id]) => !removed.has(id));
    if (kept.length === 0) orphaned += amount;
    else for (const [id, share] of proportional(amount, kept)) add(id, share);
  }
  if (orphaned > 0n) {
    if (shares.size === 0) return null;
    for (const [id, share] of proportional(orphaned, [...shares])) add(id, share);
  }
  return shares;
}

/** `amount` split in proportion to integer weights, largest remainder, ties by id. */
function proportional(
  amount: bigint,
  weights: readonly (readonly [IdentityId, bigint])[],
): Map<IdentityId, bigint> {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0n);
  const result = new Map<IdentityId, bigint>();
  let given = 0n;
  const remainders = weights.map(([id, weight]) => {
    const exact = amount * weight;
    result.set(id, exact / total);
    given += exact / total;
    return { id, remainder: exact % total };
  });
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? compareStrings(a.id, b.id) : a.remainder > b.remainder ? -1 : 1,
  );
  for (let k = 0; k < Number(amount - given); k++) {
    const { id } = remainders[k] as { id: IdentityId };
    result.set(id, (result.get(id) as bigint) + 1n);
  }
  return result;
}

/**
 * Splitting a month's pool among domains first, then within each domain by cred: each domain
 * taking part gets a part of the pool by its weight (a fixed share from cred.json, or the
 * budget box's split of the members' pairwise votes), and that part is split among the
 * eligible identities by the payout policy applied to their cred in the domain (descendants
 * included, so a parent's part also rewards work in its children). Both steps are exact
 * largest-remainder splits, so the domain parts add up to the pool and each domain's shares to
 * its part. A domain nobody earned cred in this month gives its weight up: the pool is split
 * among the domains that can use it.
 */
import { PayoutError } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import { splitExactly } from '../../core/split.js';
import { monthlyCred, type WeeklyCred } from './monthlyCred.js';
import { policyWeights, type PayoutPolicy, type PolicyInput } from './policy.js';

export type SplitType = 'fixed' | 'budget';

export interface DomainSplitInput {
  readonly type: SplitType;
  /** The domains taking part, with their weights (any positive scale). */
  readonly domains: readonly { readonly id: string; readonly weight: number }[];
  /** Weekly cred of each identity in each domain, its descendants included. */
  readonly weeklyByDomain: ReadonlyMap<string, WeeklyCred>;
}

export interface DomainPart {
  readonly id: string;
  readonly weight: number;
  readonly amount: bigint;
}

export interface IdentityDomainShare {
  readonly domain: string;
  /** The identity's cred in the domain this month (weeks prorated). */
  readonly cred: number;
  readonly share: bigint;
}

export interface DomainSplitResult {
  readonly type: SplitType;
  readonly domains: readonly DomainPart[];
  readonly shares: ReadonlyMap<IdentityId, bigint>;
  /** Per identity with cred or a share in some domain, in the order of `domains`. */
  readonly byIdentity: ReadonlyMap<IdentityId, readonly IdentityDomainShare[]>;
}

export function splitByDomain(
  split: DomainSplitInput,
  policy: PayoutPolicy,
  base: Omit<PolicyInput, 'weekly'>,
): DomainSplitResult {
  if (policy.type === 'balanced') {
    throw new PayoutError(
      'PAYOUT_SPLIT_POLICY',
      'the balanced policy cannot be combined with a domain split',
      {
        suggestions: [
          'Use payout.policy "proportional" or "recent" with governance.split, or remove the split.',
        ],
      },
    );
  }
  const perDomain = split.domains.map(({ id, weight }) => {
    const weekly = split.weeklyByDomain.get(id) ?? { weekStartsMs: [], byIdentity: new Map() };
    const weights = policyWeights(policy, { ...base, weekly });
    const total = [...weights.values()].reduce((sum, value) => sum + value, 0);
    return { id, weight, weights, cred: monthlyCred(weekly, base.month), usable: total > 0 };
  });
  const usable = perDomain.filter((domain) => domain.usable && domain.weight > 0);
  if (usable.length === 0) {
    throw new PayoutError(
      'PAYOUT_NO_CRED',
      `${base.month.name}: no domain of the split has an eligible identity with cred`,
      { suggestions: ['Check governance.split and "cred domains --month M".'] },
    );
  }
  const scale = usable.reduce((sum, { weight }) => sum + weight, 0);
  const amounts = splitExactly(
    base.pool,
    usable.map(({ id, weight }) => ({ key: id, weight: weight / scale })),
  );
  const shares = new Map<IdentityId, bigint>();
  const byIdentity = new Map<IdentityId, IdentityDomainShare[]>();
  for (const domain of perDomain) {
    const amount = amounts.get(domain.id) ?? 0n;
    const split =
      amount === 0n
        ? new Map<string, bigint>()
        : splitExactly(
            amount,
            [...domain.weights].map(([key, weight]) => ({ key, weight })),
          );
    const ids = new Set([...domain.cred.keys(), ...(split.keys() as Iterable<IdentityId>)]);
    for (const id of ids) {
      const share = split.get(id) ?? 0n;
      const cred = domain.cred.get(id) ?? 0;
      if (share === 0n && cred <= 0) continue;
      shares.set(id, (shares.get(id) ?? 0n) + share);
      byIdentity.set(id, [...(byIdentity.get(id) ?? []), { domain: domain.id, cred, share }]);
    }
  }
  return {
    type: split.type,
    domains: perDomain.map(({ id, weight }) => ({ id, weight, amount: amounts.get(id) ?? 0n })),
    shares,
    byIdentity,
  };
}

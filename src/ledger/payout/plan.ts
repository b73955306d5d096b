/**
 * Planning a month's payout: the pool is R x p (floored to the minor unit), split among eligible
 * identities by the policy with exact largest-remainder rounding; each share is added to what
 * the identity is already owed, and whoever is then owed at least the minimum is paid all of
 * it, while the others carry their balance to a later month. The plan is pure: the same inputs
 * give the same lines, and the shares always add up to the pool.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import { PayoutError } from '../../core/errors.js';
import type { IdentityId, IdentityType } from '../../core/identity.js';
import { applyRatio, splitExactly } from '../../core/split.js';
import type { MonthRange } from '../../core/weeks.js';
import {
  splitByDomain,
  type DomainPart,
  type DomainSplitInput,
  type IdentityDomainShare,
  type SplitType,
} from './domainSplit.js';
import { formatMoney } from '../money.js';
import { monthlyCred, type WeeklyCred } from './monthlyCred.js';
import { policyWeights, type PayoutPolicy, type PolicyInput } from './policy.js';

export interface PayoutIdentity {
  readonly id: IdentityId;
  readonly name: string;
  readonly kind: IdentityType;
  readonly active: boolean;
}

export interface PayoutInput {
  readonly month: MonthRange;
  readonly currency: string;
  /** Revenue R in minor units. */
  readonly revenue: bigint;
  /** Payout ratio p as a decimal string ("0.8"). */
  readonly ratio: string;
  readonly minimum: bigint;
  readonly policy: PayoutPolicy;
  readonly weekly: WeeklyCred;
  readonly identities: readonly PayoutIdentity[];
  readonly exclusions: ReadonlyMap<IdentityId, string>;
  /** Owed before this month (not yet filed as an expense). */
  readonly owed: ReadonlyMap<IdentityId, bigint>;
  readonly earnedBefore: (fromMs: number) => ReadonlyMap<IdentityId, bigint>;
  /** Split the pool among domains first (docs/governance.md); by cred alone when absent. */
  readonly split?: DomainSplitInput;
}

export type LineStatus = 'paid' | 'carried' | 'excluded' | 'inactive';

export interface PayoutLine {
  readonly identityId: IdentityId;
  readonly name: string;
  /** Cred this month (weeks prorated by their days in the month). */
  readonly cred: number;
  readonly share: bigint;
  readonly owedBefore: bigint;
  /** What is paid this month: everything owed, when that reaches the minimum. */
  readonly payment: bigint;
  readonly owedAfter: bigint;
  readonly status: LineStatus;
  readonly reason?: string;
  /** With a domain split: the identity's cred and share in each domain. */
  readonly domains?: readonly IdentityDomainShare[];
}

export interface PayoutPlan {
  readonly month: string;
  readonly currency: string;
  readonly revenue: bigint;
  readonly ratio: string;
  readonly pool: bigint;
  readonly minimum: bigint;
  readonly policy: PayoutPolicy;
  readonly totalCred: number;
  readonly lines: readonly PayoutLine[];
  /** With a domain split: each domain's weight and part of the pool. */
  readonly split?: { readonly type: SplitType; readonly domains: readonly DomainPart[] };
}

export function planPayout(input: PayoutInput): PayoutPlan {
  checkInput(input);
  const pool = applyRatio(input.revenue, input.ratio);
  const cred = monthlyCred(input.weekly, input.month);
  const eligible = new Set(
    input.identities
      .filter((identity) => identity.active && !input.exclusions.has(identity.id))
      .map((identity) => identity.id),
  );
  const base = { month: input.month, eligible, earnedBefore: input.earnedBefore, pool };
  const { shares, split } = sharesOf(input, base);
  const lines = input.identities.flatMap((identity) =>
    lineFor(identity, input, cred.get(identity.id) ?? 0, shares.get(identity.id) ?? 0n).map(
      (line) => {
        const domains = split?.byIdentity.get(identity.id);
        return domains === undefined ? line : { ...line, domains };
      },
    ),
  );
  return {
    month: input.month.name,
    currency: input.currency,
    revenue: input.revenue,
    ratio: input.ratio,
    pool,
    minimum: input.minimum,
    policy: input.policy,
    totalCred: [...eligible].reduce((sum, id) => sum + (cred.get(id) ?? 0), 0),
    lines: lines.sort((a, b) => compareStrings(a.name.toLowerCase(), b.name.toLowerCase())),
    ...(split === undefined ? {} : { split: { type: split.type, domains: split.domains } }),
  };
}

function sharesOf(input: PayoutInput, base: Omit<PolicyInput, 'weekly'>) {
  if (input.split !== undefined) {
    const split = splitByDomain(input.split, input.policy, base);
    return { shares: split.shares, split };
  }
  const weights = policyWeights(input.policy, { ...base, weekly: input.weekly });
  if (weights.size === 0) {
    throw new PayoutError(
      'PAYOUT_NO_CRED',
      `${input.month.name}: no eligible identity has cred to share the pool by`,
      {
        suggestions: [
          'Check that "cred score" covers this month and that contributors are active ("cred identity list").',
        ],
      },
    );
  }
  const shares = splitExactly(
    base.pool,
    [...weights].map(([key, weight]) => ({ key, weight })),
  ) as Map<IdentityId, bigint>;
  return { shares, split: undefined };
}

function lineFor(
  identity: PayoutIdentity,
  input: PayoutInput,
  cred: number,
  share: bigint,
): PayoutLine[] {
  const owedBefore = input.owed.get(identity.id) ?? 0n;
  const exclusion = input.exclusions.get(identity.id);
  if (cred <= 0 && owedBefore === 0n && share === 0n) return [];
  const base = { identityId: identity.id, name: identity.name, cred, share, owedBefore };
  if (exclusion !== undefined)
    return [{ ...base, payment: 0n, owedAfter: owedBefore, status: 'excluded', reason: exclusion }];
  if (!identity.active)
    return [
      {
        ...base,
        payment: 0n,
        owedAfter: owedBefore,
        status: 'inactive',
        reason: 'not active for payouts',
      },
    ];
  const owed = owedBefore + share;
  const paid = owed > 0n && owed >= input.minimum;
  return [
    {
      ...base,
      payment: paid ? owed : 0n,
      owedAfter: paid ? 0n : owed,
      status: paid ? 'paid' : 'carried',
    },
  ];
}

function checkInput(input: PayoutInput): void {
  if (input.revenue <= 0n) {
    throw new PayoutError(
      'PAYOUT_BAD_REVENUE',
      `revenue must be positive, got ${formatMoney(input.revenue, input.currency)}`,
      {
        suggestions: [
          "Give the month's revenue, e.g. --revenue 1234.56, or --revenue opencollective.",
        ],
      },
    );
  }
  const ratio = Number(input.ratio);
  if (!/^\d+(\.\d+)?$/.test(input.ratio) || ratio <= 0 || ratio > 1) {
    throw new PayoutError(
      'PAYOUT_BAD_RATIO',
      `payout ratio must be in (0, 1], got "${input.ratio}"`,
      {
        suggestions: ['Set payout.ratio in cred.json (e.g. "0.8") or pass --ratio.'],
      },
    );
  }
}

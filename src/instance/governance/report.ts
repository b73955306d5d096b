/**
 * The governance part of a month's public report: the domain split (each domain's weight and
 * part of the pool) and every objection to the proposal, with who raised it and why, each vote,
 * and the decision with its tally per group (maintainers, contributors, funders). Built from
 * the ledger alone, like the rest of the report; absent when the month had neither.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import type { IdentityId } from '../../core/identity.js';
import type { GroupTally } from '../../ledger/events.js';
import type { LedgerState, ObjectionRecord, PayoutRecord } from '../../ledger/state.js';

export interface ObjectionReport {
  readonly id: string;
  readonly by: string;
  /** The contributor objected to, or null for an objection to the weights. */
  readonly line: string | null;
  readonly reason: string;
  readonly raised: string;
  readonly status: string;
  readonly votes: readonly { voter: string; vote: string }[];
  readonly decision: {
    readonly outcome: string;
    readonly blockedBy: readonly string[];
    readonly blockingShare: string;
    readonly majority: { uphold: number; dismiss: number };
    readonly groups: Readonly<Record<string, GroupTally & { names: readonly string[] }>>;
  } | null;
}

export interface GovernanceReport {
  readonly split: {
    readonly type: string;
    readonly domains: readonly { id: string; weight: number; amount: string }[];
  } | null;
  readonly objections: readonly ObjectionReport[];
}

/** The objections to `payout`, in the order raised. */
export function objectionsOf(state: LedgerState, payout: PayoutRecord): ObjectionRecord[] {
  return [...state.objections.values()]
    .filter((o) => o.proposalId === payout.id)
    .sort((a, b) => a.raisedMs - b.raisedMs || compareStrings(a.id, b.id));
}

/** Lines removed by an objection that was upheld or blocked, with that objection. */
export function removedLines(
  state: LedgerState,
  payout: PayoutRecord,
): Map<IdentityId, ObjectionRecord> {
  const removed = new Map<IdentityId, ObjectionRecord>();
  for (const o of objectionsOf(state, payout)) {
    if (
      o.line !== null &&
      (o.status === 'upheld' || o.status === 'blocked') &&
      !removed.has(o.line)
    )
      removed.set(o.line, o);
  }
  return removed;
}

export function governanceReport(
  state: LedgerState,
  payout: PayoutRecord,
  money: (amount: bigint) => string,
): GovernanceReport | undefined {
  const split = payout.proposal.split;
  const objections = objectionsOf(state, payout);
  if (split === undefined && objections.length === 0) return undefined;
  return {
    split:
      split === undefined
        ? null
        : {
            type: split.type,
            domains: Object.entries(split.domains).map(([id, part]) => ({
              id,
              weight: part.weight,
              amount: money(BigInt(part.amount)),
            })),
          },
    objections: objections.map((o) => objectionReport(state, o)),
  };
}

/** One objection for the public: names instead of ids, votes by voter name. */
export function objectionReport(state: LedgerState, o: ObjectionRecord): ObjectionReport {
  const name = (id: string) => state.identities.get(id as IdentityId)?.name ?? id;
  return {
    id: o.id,
    by: name(o.by),
    line: o.line === null ? null : name(o.line),
    reason: o.reason,
    raised: new Date(o.raisedMs).toISOString(),
    status: o.status,
    votes: [...o.votes]
      .map(([voter, vote]) => ({ voter: name(voter), vote }))
      .sort((a, b) => compareStrings(a.voter, b.voter)),
    decision:
      o.decision === null
        ? null
        : {
            outcome: o.decision.outcome,
            blockedBy: o.decision.blockedBy,
            blockingShare: o.decision.blockingShare,
            majority: o.decision.majority,
            groups: Object.fromEntries(
              Object.entries(o.decision.groups).map(([group, tally]) => [
                group,
                { ...tally, names: groupNames(o.decision!, group, name) },
              ]),
            ),
          },
  };
}

function groupNames(
  decision: NonNullable<ObjectionRecord['decision']>,
  group: string,
  name: (id: string) => string,
): string[] {
  if (group === 'maintainers') return decision.maintainers.map(name);
  if (group === 'funders') return decision.funders.map(name);
  return [];
}

/**
 * Counting the votes on an objection (Kriya's proposal, docs/decisions/0502-review-votes.md).
 * Three groups vote: maintainers and funders (declared in cred.json and written into the
 * decision), and contributors (every identity with cred). A vote is weighted by the voter's
 * lifetime cred as the ledger records it: it is what the ledger can check by itself, a month's
 * cred swings with one busy week, and long-standing members who had a quiet month still count.
 * In a group where nobody has cred (funders, usually), each member weighs 1.
 *
 * - Upheld: more cred voted to uphold than to dismiss, all voters together.
 * - Blocked: otherwise, when in some group the members voting to uphold hold at least the
 *   blocking share (a quarter) of the group's weight, that group alone removes the line.
 * - Dismissed: otherwise.
 * Sums run over identities in id order, so the same state always gives the same numbers.
 */
import { compareStrings } from '../core/canonicalJson.js';
import type { IdentityId } from '../core/identity.js';
import type { EventOf, GovernanceGroup, GroupTally } from './events.js';
import type { LedgerState, ObjectionRecord } from './state.js';
import { lifetimeCred } from './views.js';

export type Decision = Omit<EventOf<'objection.decide'>, 'type' | 'objectionId'>;

export interface DeclaredGroups {
  readonly maintainers: readonly IdentityId[];
  readonly funders: readonly IdentityId[];
  /** Decimal string, "0.25". */
  readonly blockingShare: string;
}

/** Each live identity's voting weight: its lifetime cred (merged identities' included). */
export function voteWeights(state: LedgerState): Map<IdentityId, number> {
  return lifetimeCred(state);
}

export function tallyObjection(
  state: LedgerState,
  objection: ObjectionRecord,
  declared: DeclaredGroups,
): Decision {
  const weights = voteWeights(state);
  const live = (id: IdentityId) => state.identities.get(id)?.mergedInto === null;
  const members: Record<GovernanceGroup, IdentityId[]> = {
    maintainers: sortedUnique(declared.maintainers),
    contributors: sortedUnique(
      [...weights].filter(([id, w]) => w > 0 && live(id)).map(([id]) => id),
    ),
    funders: sortedUnique(declared.funders),
  };
  const votes = [...objection.votes].sort(([a], [b]) => compareStrings(a, b));
  const majority = { uphold: 0, dismiss: 0 };
  for (const [voter, vote] of votes) majority[vote] += weights.get(voter) ?? 0;
  const share = Number(declared.blockingShare);
  const groups = {} as Record<GovernanceGroup, GroupTally>;
  const blockedBy: GovernanceGroup[] = [];
  for (const group of ['maintainers', 'contributors', 'funders'] as const) {
    const tally = groupTally(members[group], weights, objection);
    groups[group] = tally;
    if (tally.weight > 0 && tally.uphold > 0 && tally.uphold >= share * tally.weight)
      blockedBy.push(group);
  }
  const outcome =
    majority.uphold > majority.dismiss ? 'upheld' : blockedBy.length > 0 ? 'blocked' : 'dismissed';
  return {
    maintainers: members.maintainers,
    funders: members.funders,
    blockingShare: declared.blockingShare,
    outcome,
    blockedBy,
    majority,
    groups,
  };
}

function groupTally(
  members: readonly IdentityId[],
  weights: ReadonlyMap<IdentityId, number>,
  objection: ObjectionRecord,
): GroupTally {
  let credTotal = 0;
  for (const id of members) credTotal += weights.get(id) ?? 0;
  const equalWeights = credTotal <= 0;
  const weightOf = (id: IdentityId) => (equalWeights ? 1 : (weights.get(id) ?? 0));
  const tally = { members: members.length, equalWeights, weight: 0, uphold: 0, dismiss: 0 };
  for (const id of members) {
    const weight = weightOf(id);
    tally.weight += weight;
    const vote = objection.votes.get(id);
    if (vote !== undefined) tally[vote] += weight;
  }
  return tally;
}

function sortedUnique(ids: readonly IdentityId[]): IdentityId[] {
  return [...new Set(ids)].sort(compareStrings);
}

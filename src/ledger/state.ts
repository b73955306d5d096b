/**
 * Ledger state: the replay of every event, kept in persistent collections so that applying an
 * event returns a new state and a rejected one provably leaves the old state untouched (tests
 * compare with `Immutable.is`). The large maps, which replay reads and writes about a million
 * times, are VersionedMaps (a plain `Map` for the newest version, decision 0813); the others
 * and the record itself are `immutable`'s. Nothing here is stored; it is rebuilt from
 * data/ledger.jsonl.
 */
import { Map as ImmutableMap, Record as ImmutableRecord } from 'immutable';
import type { IdentityId, IdentityType } from '../core/identity.js';
import type { EventOf } from './events.js';
import { EMPTY_KTOKEN, type KtokenLedger } from './ktoken/records.js';
import type { BalanceMap, MinorUnits } from './money.js';
import { VersionedMap } from './versionedMap.js';
import type { WeekCred } from './weekCred.js';

/*
 * Entities (identities, merges, expenses, distributions, payouts) are plain readonly objects:
 * Immutable's Record costs four times a plain object to create, and a long ledger creates one
 * per event. The collections holding them are persistent maps, and handlers replace entities
 * with spread copies, never mutate them.
 */

export interface IdentityRecord {
  readonly id: IdentityId;
  readonly name: string;
  readonly kind: IdentityType;
  readonly aliases: readonly string[];
  readonly active: boolean;
  /** Set while this identity is merged into another. */
  readonly mergedInto: IdentityId | null;
  readonly openCollective: string | null;
  readonly ethereum: string | null;
  readonly createdMs: number;
}

/** What a merge moved, so that unmerge can move exactly that back. */
export interface MergeRecord {
  readonly baseId: IdentityId;
  readonly targetId: IdentityId;
  readonly aliases: readonly string[];
  readonly owed: MinorUnits;
  readonly paid: MinorUnits;
}

/** A payment submission skipped (no Open Collective account, no email): it stays owed. */
export interface SkipRecord {
  readonly reference: string;
  readonly identityId: IdentityId;
  readonly distributionId: string;
  readonly reason: string;
}

export type ExpenseStatus = 'filed' | 'paid' | 'declined' | 'rejected' | 'expired';

export interface ExpenseRecord {
  readonly reference: string;
  readonly identityId: IdentityId;
  readonly amount: MinorUnits;
  readonly distributionId: string;
  readonly platform: 'opencollective' | 'ktoken' | 'manual';
  readonly externalId: string | null;
  readonly status: ExpenseStatus;
}

export interface DistributionRecord {
  readonly id: string;
  readonly month: string;
  readonly currency: string;
  /** Built once and never changed: a plain map (decision 0811), not an Immutable one. */
  readonly amounts: ReadonlyMap<IdentityId, MinorUnits>;
}

export type PayoutStatus = 'proposed' | 'withdrawn' | 'final';

export interface PayoutRecord {
  readonly id: string;
  readonly month: string;
  readonly status: PayoutStatus;
  readonly currency: string;
  readonly pool: MinorUnits;
  readonly minimum: MinorUnits;
  readonly reviewEndsMs: number;
  readonly shares: ImmutableMap<IdentityId, MinorUnits>;
  /** Set at finalization: what each paid identity is to receive. */
  readonly payments: ImmutableMap<IdentityId, MinorUnits>;
  /** Set at finalization: what each identity of the proposal was owed just before. */
  readonly owedAtFinalize: ImmutableMap<IdentityId, MinorUnits>;
  /** The proposal as recorded (plan lines, revenue, policy, digests), for reports. */
  readonly proposal: EventOf<'payout.propose'>;
}

export type ObjectionStatus = 'open' | 'upheld' | 'blocked' | 'dismissed';

/** An objection to a payout under review (docs/governance.md). */
export interface ObjectionRecord {
  readonly id: string;
  readonly proposalId: string;
  readonly by: IdentityId;
  /** The line objected to, or null for an objection to the weights. */
  readonly line: IdentityId | null;
  readonly reason: string;
  readonly raisedMs: number;
  /** The latest vote of each voter. */
  readonly votes: ImmutableMap<IdentityId, 'uphold' | 'dismiss'>;
  readonly status: ObjectionStatus;
  /** The decision as recorded, once decided. */
  readonly decision: EventOf<'objection.decide'> | null;
}

/** A history imported from another system (import.sourcecred), by the file's SHA-256. */
export interface ImportRecord {
  readonly sha256: string;
  readonly source: 'sourcecred';
  readonly version: string;
  readonly timestampMs: number;
}

export interface LedgerStateProps {
  readonly identities: VersionedMap<IdentityId, IdentityRecord>;
  /** Alias address -> the identity holding it (merged aliases point at the base). */
  readonly aliasOwner: VersionedMap<string, IdentityId>;
  /** Lower-cased name -> identity (names stay reserved while merged). */
  readonly names: VersionedMap<string, IdentityId>;
  readonly merges: VersionedMap<IdentityId, MergeRecord>;
  /** Owed and not yet filed as an expense. */
  readonly owed: VersionedMap<IdentityId, MinorUnits>;
  /** Filed as an expense, not yet settled. */
  readonly pending: VersionedMap<IdentityId, MinorUnits>;
  readonly paid: VersionedMap<IdentityId, MinorUnits>;
  readonly distributed: MinorUnits;
  readonly paidTotal: MinorUnits;
  readonly distributions: ImmutableMap<string, DistributionRecord>;
  readonly expenses: VersionedMap<string, ExpenseRecord>;
  /** Payments skipped at submission, by expense reference (the latest reason). */
  readonly skipped: VersionedMap<string, SkipRecord>;
  /** Week start -> identity -> cred, the latest recorded value (weekCred.ts). */
  readonly weeklyCred: ImmutableMap<string, WeekCred>;
  /** Month -> identity -> reason. */
  readonly exclusions: ImmutableMap<string, ImmutableMap<IdentityId, string>>;
  /** Payout proposals by id (payout-YYYY-MM-N). */
  readonly payouts: ImmutableMap<string, PayoutRecord>;
  /** KToken quotas, batches and token balances (docs/ktoken.md); tokens are not money. */
  readonly ktoken: KtokenLedger;
  /** Objections by id (payout-YYYY-MM-N-oK). */
  readonly objections: ImmutableMap<string, ObjectionRecord>;
  /** Month -> voter -> the voter's latest budget box ballot. */
  readonly budgetBallots: ImmutableMap<
    string,
    ImmutableMap<IdentityId, readonly { readonly prefer: string; readonly over: string }[]>
  >;
  /** Imported histories by SHA-256 of their file. */
  readonly imports: ImmutableMap<string, ImportRecord>;
}

export const LedgerState = ImmutableRecord<LedgerStateProps>({
  identities: VersionedMap.empty(),
  aliasOwner: VersionedMap.empty(),
  names: VersionedMap.empty(),
  merges: VersionedMap.empty(),
  owed: VersionedMap.empty(),
  pending: VersionedMap.empty(),
  paid: VersionedMap.empty(),
  distributed: 0n,
  paidTotal: 0n,
  distributions: ImmutableMap(),
  expenses: VersionedMap.empty(),
  skipped: VersionedMap.empty(),
  weeklyCred: ImmutableMap(),
  exclusions: ImmutableMap(),
  payouts: ImmutableMap(),
  ktoken: EMPTY_KTOKEN,
  objections: ImmutableMap(),
  budgetBallots: ImmutableMap(),
  imports: ImmutableMap(),
});
export type LedgerState = ReturnType<typeof LedgerState>;

export const EMPTY_STATE: LedgerState = LedgerState();

export function amountOf(
  map: Pick<BalanceMap<IdentityId, unknown>, 'get'>,
  id: IdentityId,
): MinorUnits {
  return map.get(id) ?? 0n;
}

/** Owed plus pending: what the collective still owes an identity. */
export function balanceOf(state: LedgerState, id: IdentityId): MinorUnits {
  return amountOf(state.owed, id) + amountOf(state.pending, id);
}

/** Sets several fields of the state at once (faster than Record.merge, which goes through a Seq). */
export function patchState(state: LedgerState, changes: Partial<LedgerStateProps>): LedgerState {
  return state.withMutations((mutable) => {
    for (const key in changes) {
      mutable.set(key as keyof LedgerStateProps, changes[key as keyof LedgerStateProps] as never);
    }
  });
}

/**
 * Replay's working copy of `state`: the record and every top-level map in mutable mode, so the
 * handlers' `set`s update in place instead of making a version per event (Immutable copies a
 * path of its tree; a VersionedMap records the change to undo). Only replay uses it: it keeps
 * no earlier state, and a rejected event ends the replay, so no caller can see a state an event
 * changed. Handlers build the same maps in both modes. `frozenState` turns it back into an
 * ordinary state before anyone else sees it.
 */
export function replayState(state: LedgerState): LedgerState {
  const mutable = state.asMutable();
  for (const key of MAP_KEYS) mutable.set(key, (state.get(key) as AnyMap).asMutable() as never);
  return mutable;
}

/** An ordinary (immutable) state again, after `replayState`. */
export function frozenState(state: LedgerState): LedgerState {
  const frozen = state.asImmutable();
  return frozen.withMutations((fields) => {
    for (const key of MAP_KEYS) fields.set(key, (frozen.get(key) as AnyMap).asImmutable() as never);
  });
}

/** The two kinds of map in the state, as far as mutable mode goes. */
type AnyMap = Pick<ImmutableMap<unknown, unknown>, 'asMutable' | 'asImmutable'>;

const MAP_KEYS = (Object.keys(EMPTY_STATE.toObject()) as (keyof LedgerStateProps)[]).filter(
  (key) =>
    ImmutableMap.isMap(EMPTY_STATE.get(key)) || VersionedMap.isVersionedMap(EMPTY_STATE.get(key)),
);

/** The latest proposal for a month that is open or final (not withdrawn), if any. */
export function activePayout(state: LedgerState, month: string): PayoutRecord | undefined {
  return state.payouts.find((payout) => payout.month === month && payout.status !== 'withdrawn');
}

/**
 * Read-only views of the ledger state for commands, reports and the explorer: finding an
 * identity by name, id or account; one identity's record with its balances and lifetime cred
 * (including the cred of identities merged into it); balances of everyone.
 */
import { compareStrings } from '../core/canonicalJson.js';
import type { Identity, IdentityId } from '../core/identity.js';
import { LedgerError } from '../core/errors.js';
import { amountOf, type IdentityRecord, type LedgerState } from './state.js';

/** Finds an identity by id, name (any case) or one of its account addresses. */
export function findIdentity(state: LedgerState, ref: string): IdentityRecord {
  const id = (
    state.identities.has(ref as IdentityId)
      ? ref
      : (state.names.get(ref.toLowerCase()) ?? state.aliasOwner.get(ref))
  ) as IdentityId | undefined;
  const identity = id === undefined ? undefined : state.identities.get(id);
  if (identity === undefined) {
    throw new LedgerError(
      'identity_not_found',
      `no identity named "${ref}" (by name, id or account address)`,
      {
        suggestions: ['"cred identity list" shows the identities.'],
      },
    );
  }
  return identity;
}

/** Lifetime cred per identity, with merged identities' cred counted in the one they merged into. */
export function lifetimeCred(state: LedgerState): Map<IdentityId, number> {
  const totals = new Map<IdentityId, number>();
  for (const week of state.weeklyCred.values()) {
    for (const [id, cred] of week) totals.set(id, (totals.get(id) ?? 0) + cred);
  }
  const resolved = new Map<IdentityId, number>();
  for (const [id, cred] of totals) {
    const owner = ultimateOwner(state, id);
    resolved.set(owner, (resolved.get(owner) ?? 0) + cred);
  }
  return resolved;
}

/** The identity that `id` is (transitively) merged into, or `id` itself. */
export function ultimateOwner(state: LedgerState, id: IdentityId): IdentityId {
  let current = id;
  for (let depth = 0; depth < 1000; depth++) {
    const next = state.identities.get(current)?.mergedInto ?? null;
    if (next === null) return current;
    current = next;
  }
  return current;
}

export interface IdentityRow {
  readonly id: IdentityId;
  readonly name: string;
  readonly type: string;
  readonly active: boolean;
  readonly mergedInto: string | null;
  readonly aliases: readonly string[];
  readonly openCollective: string | null;
  readonly ethereum: string | null;
  /** Minor units, as decimal strings. */
  readonly owed: string;
  readonly pending: string;
  readonly paid: string;
  readonly lifetimeCred: number;
  readonly exclusions: readonly { month: string; reason: string }[];
}

export function identityRows(state: LedgerState, includeMerged = false): IdentityRow[] {
  const cred = lifetimeCred(state);
  const rows: IdentityRow[] = [];
  for (const identity of state.identities.values()) {
    if (identity.mergedInto !== null && !includeMerged) continue;
    rows.push(identityRow(state, identity, cred));
  }
  return rows.sort((a, b) => compareStrings(a.name.toLowerCase(), b.name.toLowerCase()));
}

export function identityRow(
  state: LedgerState,
  identity: IdentityRecord,
  cred = lifetimeCred(state),
): IdentityRow {
  const exclusions = [...state.exclusions.entries()]
    .filter(([, month]) => month.has(identity.id))
    .map(([month, reasons]) => ({ month, reason: reasons.get(identity.id) as string }))
    .sort((a, b) => compareStrings(a.month, b.month));
  return {
    id: identity.id,
    name: identity.name,
    type: identity.kind,
    active: identity.active,
    mergedInto:
      identity.mergedInto === null
        ? null
        : (state.identities.get(identity.mergedInto)?.name ?? identity.mergedInto),
    aliases: [...identity.aliases],
    openCollective: identity.openCollective,
    ethereum: identity.ethereum,
    owed: amountOf(state.owed, identity.id).toString(),
    pending: amountOf(state.pending, identity.id).toString(),
    paid: amountOf(state.paid, identity.id).toString(),
    lifetimeCred: cred.get(identity.id) ?? 0,
    exclusions,
  };
}

/** The identities CredRank scores: every identity not merged into another, sorted by id. */
export function scoringIdentities(state: LedgerState): Identity[] {
  const identities: Identity[] = [];
  for (const identity of state.identities.values()) {
    if (identity.mergedInto !== null) continue;
    identities.push({
      id: identity.id,
      name: identity.name,
      type: identity.kind,
      aliases: [...identity.aliases] as unknown as Identity['aliases'],
    });
  }
  return identities.sort((a, b) => compareStrings(a.id, b.id));
}

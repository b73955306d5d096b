/**
 * Ledger invariants, checked after every event in tests and on every load: no negative amount;
 * owed + pending summed over identities equals distributed minus paid; every alias belongs to
 * exactly one identity and is listed by it; names are unique. A failure is our bug
 * (InvariantError), never a user's.
 */
import { assert } from '../core/errors.js';
import { assertKtokenInvariants } from './ktoken/invariants.js';
import type { LedgerState } from './state.js';

export function assertLedgerInvariants(state: LedgerState): void {
  let balances = 0n;
  for (const map of [state.owed, state.pending]) {
    for (const [id, amount] of map) {
      assert(amount > 0n, `stored amount for ${id} must be positive, got ${amount}`);
      balances += amount;
    }
  }
  for (const [id, amount] of state.paid)
    assert(amount > 0n, `paid for ${id} must be positive, got ${amount}`);
  assert(
    balances === state.distributed - state.paidTotal,
    `balances ${balances} != distributed ${state.distributed} - paid ${state.paidTotal}`,
  );
  const listed = new Map<string, string>();
  for (const identity of state.identities.values()) {
    assert(
      state.names.get(identity.name.toLowerCase()) === identity.id,
      `name "${identity.name}" does not map back to ${identity.id}`,
    );
    if (identity.mergedInto !== null)
      assert(identity.aliases.length === 0, `merged identity ${identity.id} still lists aliases`);
    for (const alias of identity.aliases) {
      assert(
        !listed.has(alias),
        `alias ${alias} is listed by ${listed.get(alias)} and ${identity.id}`,
      );
      listed.set(alias, identity.id);
      assert(
        state.aliasOwner.get(alias) === identity.id,
        `alias ${alias} is not owned by ${identity.id}`,
      );
    }
  }
  assert(listed.size === state.aliasOwner.size, 'aliasOwner holds aliases no identity lists');
  assert(state.names.size === state.identities.size, 'names and identities differ in number');
  assertKtokenInvariants(state.ktoken);
}

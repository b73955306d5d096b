/**
 * Ledger invariants, checked after every event in tests and on every load: no negative amount;
 * owed + pending summed over identities equals distributed minus paid; every alias belongs to
 * exactly one identity and is listed by it; names are unique. A failure is our bug
 * (InvariantError), never a user's.
 */
import { assert, InvariantError } from '../core/errors.js';
import { assertKtokenInvariants } from './ktoken/invariants.js';
import type { LedgerState } from './state.js';

export function assertLedgerInvariants(state: LedgerState): void {
  let balances = 0n;
  for (const map of [state.owed, state.pending]) {
    for (const [id, amount] of map) {
      if (amount <= 0n) fail(`stored amount for ${id} must be positive, got ${amount}`);
      balances += amount;
    }
  }
  for (const [id, amount] of state.paid)
    if (amount <= 0n) fail(`paid for ${id} must be positive, got ${amount}`);
  assert(
    balances === state.distributed - state.paidTotal,
    `balances ${balances} != distributed ${state.distributed} - paid ${state.paidTotal}`,
  );
  const listed = new Map<string, string>();
  const { names, aliasOwner } = state;
  for (const identity of state.identities.values()) {
    if (names.get(identity.name.toLowerCase()) !== identity.id)
      fail(`name "${identity.name}" does not map back to ${identity.id}`);
    if (identity.mergedInto !== null && identity.aliases.length !== 0)
      fail(`merged identity ${identity.id} still lists aliases`);
    for (const alias of identity.aliases) {
      if (listed.has(alias))
        fail(`alias ${alias} is listed by ${listed.get(alias)} and ${identity.id}`);
      listed.set(alias, identity.id);
      if (aliasOwner.get(alias) !== identity.id)
        fail(`alias ${alias} is not owned by ${identity.id}`);
    }
  }
  assert(listed.size === state.aliasOwner.size, 'aliasOwner holds aliases no identity lists');
  assert(state.names.size === state.identities.size, 'names and identities differ in number');
  assertKtokenInvariants(state.ktoken);
}

/**
 * Throws the InvariantError of a failed check. The checks above run once per entry of the state
 * on every load, so their messages are built only when one fails.
 */
function fail(message: string): never {
  throw new InvariantError(message);
}

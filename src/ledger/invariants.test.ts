import { describe, expect, it } from 'vitest';
import { InvariantError } from '../core/errors.js';
import type { IdentityId } from '../core/identity.js';
import { applyEvent } from './apply.js';
import { assertLedgerInvariants } from './invariants.js';
import { EMPTY_STATE, type LedgerState } from './state.js';
import { SETUP } from './testing/events.js';

const A = 'id-a' as IdentityId;
const B = 'id-b' as IdentityId;

function setup(): LedgerState {
  return SETUP.reduce((state, event) => applyEvent(state, event, 0), EMPTY_STATE);
}

/** What `assertLedgerInvariants` says of `state`, or null when it holds. */
function broken(state: LedgerState): string | null {
  try {
    assertLedgerInvariants(state);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(InvariantError);
    return (error as InvariantError).message;
  }
}

describe('assertLedgerInvariants', () => {
  it('holds after the setup events', () => {
    expect(broken(setup())).toBeNull();
  });

  it('names each broken invariant', () => {
    const state = setup();
    const a = state.identities.get(A);
    if (a === undefined) throw new Error('setup has no id-a');
    const cases: [LedgerState, string][] = [
      [state.set('owed', state.owed.set(A, 0n)), 'stored amount for id-a must be positive, got 0'],
      [state.set('paid', state.paid.set(B, -1n)), 'paid for id-b must be positive, got -1'],
      [state.set('distributed', 1n), 'balances 400 != distributed 1 - paid 0'],
      [
        state.set('names', state.names.set('person0', B)),
        'name "person0" does not map back to id-a',
      ],
      [
        state.set('identities', state.identities.set(A, { ...a, mergedInto: B })),
        'merged identity id-a still lists aliases',
      ],
      [
        state.set('identities', state.identities.set(B, { ...a, id: B, name: 'person1' })),
        'alias t/setup/0 is listed by id-a and id-b',
      ],
      [
        state.set('aliasOwner', state.aliasOwner.set('t/setup/0', B)),
        'alias t/setup/0 is not owned by id-a',
      ],
      [
        state.set('aliasOwner', state.aliasOwner.set('t/extra', A)),
        'aliasOwner holds aliases no identity lists',
      ],
      [state.set('names', state.names.set('someone', A)), 'names and identities differ in number'],
    ];
    for (const [state, message] of cases) expect(broken(state)).toBe(message);
  });
});

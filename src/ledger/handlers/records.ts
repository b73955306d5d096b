/**
 * Weekly cred and exclusions. Weekly cred is recorded when a payout is proposed (only the
 * values that changed since the last record), with the digests of the graph and weights it came
 * from, so the ledger alone shows what every payout was based on. An exclusion sets an
 * identity's cred to zero for a month, with a reason the public report shows.
 */
import { Map as ImmutableMap } from 'immutable';
import type { IdentityId } from '../../core/identity.js';
import type { EventOf } from '../events.js';
import { reject } from '../rejection.js';
import type { LedgerState } from '../state.js';
import { WeekCred } from '../weekCred.js';
import { liveIdentity } from './identities.js';

export function recordWeeks(state: LedgerState, event: EventOf<'cred.weeks'>): LedgerState {
  // Weeks of one record mostly name the same identities: each is looked up once.
  const live = new Set<string>();
  for (const values of Object.values(event.weeks)) {
    for (const id of Object.keys(values)) {
      if (live.has(id)) continue;
      liveIdentity(state, id as IdentityId);
      live.add(id);
    }
  }
  const weeklyCred = state.weeklyCred.withMutations((weeks) => {
    for (const [week, values] of Object.entries(event.weeks))
      weeks.set(week, (weeks.get(week) ?? WeekCred.EMPTY).merged(values));
  });
  return state.set('weeklyCred', weeklyCred);
}

export function setExclusion(state: LedgerState, event: EventOf<'exclusion.set'>): LedgerState {
  const identity = liveIdentity(state, event.identityId as IdentityId);
  const month = state.exclusions.get(event.month) ?? ImmutableMap<IdentityId, string>();
  if (month.get(identity.id) === event.reason)
    reject(
      'no_change',
      `"${identity.name}" is already excluded for ${event.month} with that reason`,
    );
  return state.set(
    'exclusions',
    state.exclusions.set(event.month, month.set(identity.id, event.reason)),
  );
}

export function clearExclusion(state: LedgerState, event: EventOf<'exclusion.clear'>): LedgerState {
  const month = state.exclusions.get(event.month);
  const id = event.identityId as IdentityId;
  if (month === undefined || !month.has(id))
    reject('exclusion_not_found', `"${id}" is not excluded for ${event.month}`);
  const rest = month.delete(id);
  return state.set(
    'exclusions',
    rest.isEmpty() ? state.exclusions.delete(event.month) : state.exclusions.set(event.month, rest),
  );
}

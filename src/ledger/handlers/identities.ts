/**
 * Identity events: create, rename, retype, aliases, merge and unmerge, activation, payout
 * addresses. Each handler checks everything first and builds the new state last, so a
 * rejection leaves the state untouched. A merge records exactly what it moved (aliases, owed,
 * paid) so that unmerge moves exactly that back, the remedy for a wrong or fraudulent link that
 * SourceCred never had.
 */
import type { IdentityId } from '../../core/identity.js';
import { ETHEREUM_ADDRESS, OPEN_COLLECTIVE_SLUG, type EventOf } from '../events.js';
import { addAmount, type BalanceMap } from '../money.js';
import { reject } from '../rejection.js';
import {
  amountOf,
  patchState,
  type IdentityRecord,
  type LedgerState,
  type MergeRecord,
} from '../state.js';

export function liveIdentity(state: LedgerState, id: IdentityId): IdentityRecord {
  const identity = state.identities.get(id);
  if (identity === undefined)
    reject('identity_not_found', `no identity with id "${id}"`, [
      '"cred identity list" shows the identities.',
    ]);
  if (identity.mergedInto !== null) {
    reject('identity_merged', `identity "${identity.name}" is merged into another identity`, [
      'Use the identity it was merged into, or unmerge it first.',
    ]);
  }
  return identity;
}

function checkNameFree(state: LedgerState, name: string, except?: IdentityId): void {
  const holder = state.names.get(name.toLowerCase());
  if (holder !== undefined && holder !== except)
    reject('name_taken', `the name "${name}" is taken`, ['Choose another name.']);
}

function checkAliasFree(state: LedgerState, alias: string): void {
  const holder = state.aliasOwner.get(alias);
  if (holder !== undefined) {
    const name = state.identities.get(holder)?.name ?? holder;
    reject('alias_taken', `the account "${alias}" already belongs to "${name}"`, [
      `Remove it there first ("cred identity unalias ${name} ${alias}") or merge the identities.`,
    ]);
  }
}

export function createIdentity(
  state: LedgerState,
  event: EventOf<'identity.create'>,
  timestampMs: number,
): LedgerState {
  const id = event.identityId as IdentityId;
  if (state.identities.has(id)) reject('identity_exists', `an identity with id "${id}" exists`);
  checkNameFree(state, event.name);
  const aliases = [...new Set(event.aliases)];
  for (const alias of aliases) checkAliasFree(state, alias);
  const identity: IdentityRecord = {
    id,
    name: event.name,
    kind: event.kind,
    aliases,
    active: event.kind === 'user',
    mergedInto: null,
    openCollective: null,
    ethereum: null,
    createdMs: timestampMs,
  };
  return patchState(state, {
    identities: state.identities.set(id, identity),
    names: state.names.set(event.name.toLowerCase(), id),
    aliasOwner: state.aliasOwner.withMutations((map) => {
      for (const alias of aliases) map.set(alias, id);
    }),
  });
}

export function renameIdentity(state: LedgerState, event: EventOf<'identity.rename'>): LedgerState {
  const identity = liveIdentity(state, event.identityId as IdentityId);
  if (identity.name === event.name) reject('no_change', `"${identity.name}" already has that name`);
  checkNameFree(state, event.name, identity.id);
  return patchState(state, {
    identities: state.identities.set(identity.id, { ...identity, name: event.name }),
    names: state.names
      .delete(identity.name.toLowerCase())
      .set(event.name.toLowerCase(), identity.id),
  });
}

export function retypeIdentity(state: LedgerState, event: EventOf<'identity.retype'>): LedgerState {
  const identity = liveIdentity(state, event.identityId as IdentityId);
  if (identity.kind === event.kind)
    reject('no_change', `"${identity.name}" is already of type ${event.kind}`);
  return state.set(
    'identities',
    state.identities.set(identity.id, { ...identity, kind: event.kind }),
  );
}

export function addAlias(state: LedgerState, event: EventOf<'identity.addAlias'>): LedgerState {
  const identity = liveIdentity(state, event.identityId as IdentityId);
  checkAliasFree(state, event.alias);
  return patchState(state, {
    identities: state.identities.set(identity.id, {
      ...identity,
      aliases: [...identity.aliases, event.alias],
    }),
    aliasOwner: state.aliasOwner.set(event.alias, identity.id),
  });
}

export function removeAlias(
  state: LedgerState,
  event: EventOf<'identity.removeAlias'>,
): LedgerState {
  const identity = liveIdentity(state, event.identityId as IdentityId);
  const index = identity.aliases.indexOf(event.alias);
  if (index === -1)
    reject('alias_not_held', `"${identity.name}" does not hold the account "${event.alias}"`);
  return patchState(state, {
    identities: state.identities.set(identity.id, {
      ...identity,
      aliases: identity.aliases.filter((_, k) => k !== index),
    }),
    aliasOwner: state.aliasOwner.delete(event.alias),
  });
}

export function mergeIdentities(state: LedgerState, event: EventOf<'identity.merge'>): LedgerState {
  if (event.baseId === event.targetId)
    reject('cannot_merge_self', 'an identity cannot be merged into itself');
  const base = liveIdentity(state, event.baseId as IdentityId);
  const target = liveIdentity(state, event.targetId as IdentityId);
  if (amountOf(state.pending, target.id) > 0n) {
    reject('pending_expenses', `"${target.name}" has expenses awaiting an outcome`, [
      'Run "cred payout sync" until they are paid or declined, then merge.',
    ]);
  }
  const owed = amountOf(state.owed, target.id);
  const paid = amountOf(state.paid, target.id);
  const record: MergeRecord = {
    baseId: base.id,
    targetId: target.id,
    aliases: target.aliases,
    owed,
    paid,
  };
  return patchState(state, {
    identities: state.identities
      .set(base.id, { ...base, aliases: [...base.aliases, ...target.aliases] })
      .set(target.id, { ...target, aliases: [], mergedInto: base.id }),
    aliasOwner: state.aliasOwner.withMutations((map) => {
      for (const alias of target.aliases) map.set(alias, base.id);
    }),
    merges: state.merges.set(target.id, record),
    owed: moveAmount(state.owed, target.id, base.id, owed),
    paid: moveAmount(state.paid, target.id, base.id, paid),
  });
}

export function unmergeIdentity(
  state: LedgerState,
  event: EventOf<'identity.unmerge'>,
): LedgerState {
  const targetId = event.targetId as IdentityId;
  const record = state.merges.get(targetId);
  if (record === undefined)
    reject('not_merged', `identity "${targetId}" is not merged into another`);
  const base = liveIdentity(state, record.baseId);
  const target = state.identities.get(targetId) as IdentityRecord;
  const missing = record.aliases.find((alias) => !base.aliases.includes(alias));
  if (missing !== undefined) {
    reject(
      'unmerge_conflict',
      `"${base.name}" no longer holds "${missing}", which the merge moved`,
      ['Add the account back to it first, then unmerge.'],
    );
  }
  if (amountOf(state.owed, base.id) < record.owed) {
    reject(
      'unmerge_conflict',
      `"${base.name}" is owed less than the merge moved to it (it has been paid since)`,
      ['Settle the difference with a transfer, or leave the identities merged.'],
    );
  }
  return patchState(state, {
    identities: state.identities
      .set(base.id, {
        ...base,
        aliases: base.aliases.filter((alias) => !record.aliases.includes(alias)),
      })
      .set(target.id, { ...target, aliases: record.aliases, mergedInto: null }),
    aliasOwner: state.aliasOwner.withMutations((map) => {
      for (const alias of record.aliases) map.set(alias, target.id);
    }),
    merges: state.merges.delete(targetId),
    owed: moveAmount(state.owed, base.id, target.id, record.owed),
    paid: moveAmount(state.paid, base.id, target.id, record.paid),
  });
}

function moveAmount<K, M extends BalanceMap<K, M>>(map: M, from: K, to: K, amount: bigint): M {
  return amount === 0n ? map : addAmount(addAmount(map, from, -amount), to, amount);
}

export function setActive(
  state: LedgerState,
  event: EventOf<'identity.activate' | 'identity.deactivate'>,
): LedgerState {
  const identity = liveIdentity(state, event.identityId as IdentityId);
  const active = event.type === 'identity.activate';
  if (identity.active === active) {
    reject(
      active ? 'already_active' : 'already_inactive',
      `"${identity.name}" is already ${active ? 'active' : 'inactive'}`,
    );
  }
  return state.set('identities', state.identities.set(identity.id, { ...identity, active }));
}

export function setPayoutAddress(
  state: LedgerState,
  event: EventOf<'identity.setPayoutAddress'>,
): LedgerState {
  const identity = liveIdentity(state, event.identityId as IdentityId);
  const pattern = event.method === 'opencollective' ? OPEN_COLLECTIVE_SLUG : ETHEREUM_ADDRESS;
  if (event.value !== null && !pattern.test(event.value)) {
    const expected =
      event.method === 'opencollective'
        ? 'an Open Collective account slug (lowercase letters, digits, -)'
        : 'an Ethereum address (0x and 40 hex digits)';
    reject('payout_address_invalid', `"${event.value}" is not ${expected}`);
  }
  const field = event.method === 'opencollective' ? 'openCollective' : 'ethereum';
  if (identity[field] === event.value)
    reject('no_change', `"${identity.name}" already has that ${event.method} address`);
  return state.set(
    'identities',
    state.identities.set(identity.id, { ...identity, [field]: event.value }),
  );
}

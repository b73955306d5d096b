/**
 * Identity operations for `cred identity ...`: each resolves names (or ids, or account
 * addresses) against the fresh ledger state under the ledger lock, turns the request into one
 * event, appends it, and returns the identity's record afterwards. The rules themselves live in
 * the ledger; a refused request changes nothing.
 */
import type { IdentityType } from '../core/identity.js';
import { checkName, checkText } from '../core/textInput.js';
import type { LedgerEvent } from '../ledger/events.js';
import { freshId } from '../ledger/proposals.js';
import type { LedgerState } from '../ledger/state.js';
import { findIdentity, identityRow, type IdentityRow } from '../ledger/views.js';
import type { InstanceSettings, Runtime } from './instance.js';
import { ledgerStore } from './ledgerStore.js';

export interface IdentityChange {
  readonly event: LedgerEvent;
  readonly identity: IdentityRow;
}

async function change(
  instance: InstanceSettings,
  runtime: Runtime,
  subject: string,
  build: (state: LedgerState) => LedgerEvent,
): Promise<IdentityChange> {
  let event: LedgerEvent | undefined;
  const { state } = await ledgerStore(instance, runtime).append((fresh) => [
    (event = build(fresh)),
  ]);
  return {
    event: event as LedgerEvent,
    identity: identityRow(state, findIdentity(state, subject)),
  };
}

export async function addIdentity(
  instance: InstanceSettings,
  runtime: Runtime,
  rawName: string,
  kind: IdentityType,
  rawAliases: readonly string[],
): Promise<IdentityChange> {
  const name = checkName(rawName);
  const aliases = rawAliases.map((alias) => checkText(alias, 'account address', 500));
  return change(instance, runtime, name, (state) => ({
    type: 'identity.create',
    identityId: freshId(`name:${name.toLowerCase()}`, new Set(state.identities.keys())),
    name,
    kind,
    aliases: [...aliases],
  }));
}

export async function aliasIdentity(
  instance: InstanceSettings,
  runtime: Runtime,
  ref: string,
  alias: string,
  remove: boolean,
): Promise<IdentityChange> {
  return change(instance, runtime, ref, (state) => ({
    type: remove ? 'identity.removeAlias' : 'identity.addAlias',
    identityId: findIdentity(state, ref).id,
    alias: remove ? alias : checkText(alias, 'account address', 500),
  }));
}

/** Merges `targetRef` into `baseRef`: the target's accounts and balances move to the base. */
export function mergeIdentity(
  instance: InstanceSettings,
  runtime: Runtime,
  baseRef: string,
  targetRef: string,
): Promise<IdentityChange> {
  return change(instance, runtime, baseRef, (state) => ({
    type: 'identity.merge',
    baseId: findIdentity(state, baseRef).id,
    targetId: findIdentity(state, targetRef).id,
  }));
}

export function unmergeIdentity(
  instance: InstanceSettings,
  runtime: Runtime,
  targetRef: string,
): Promise<IdentityChange> {
  return change(instance, runtime, targetRef, (state) => ({
    type: 'identity.unmerge',
    targetId: findIdentity(state, targetRef).id,
  }));
}

export function setIdentityActive(
  instance: InstanceSettings,
  runtime: Runtime,
  ref: string,
  active: boolean,
): Promise<IdentityChange> {
  return change(instance, runtime, ref, (state) => ({
    type: active ? 'identity.activate' : 'identity.deactivate',
    identityId: findIdentity(state, ref).id,
  }));
}

export async function renameIdentity(
  instance: InstanceSettings,
  runtime: Runtime,
  ref: string,
  rawName: string,
): Promise<IdentityChange> {
  const name = checkName(rawName, 'new name');
  return change(instance, runtime, name, (state) => ({
    type: 'identity.rename',
    identityId: findIdentity(state, ref).id,
    name,
  }));
}

export function setPayoutAddress(
  instance: InstanceSettings,
  runtime: Runtime,
  ref: string,
  method: 'opencollective' | 'ethereum',
  value: string | null,
): Promise<IdentityChange> {
  return change(instance, runtime, ref, (state) => ({
    type: 'identity.setPayoutAddress',
    identityId: findIdentity(state, ref).id,
    method,
    value,
  }));
}

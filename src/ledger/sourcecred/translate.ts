/**
 * A SourceCred ledger, replayed into cred ledger events. Identity history is replayed event by
 * event at its original time (creations, renames, type changes, aliases, merges, activation),
 * so the cred ledger shows what happened when; grain is summarized, as issue 20 asks, into one
 * closing `import.sourcecred` event that opens each identity's balances (SourceCred's `paid`
 * as lifetime paid, its `balance` as currently owed, merged identities folded into their base)
 * and records the file's SHA-256. Every event goes through `applyEvent` as it is built, so a
 * translation the ledger would refuse fails here, naming the SourceCred line.
 */
import { freeIdentityName, type IdentityId, type IdentityType } from '../../core/identity.js';
import { applyEvent } from '../apply.js';
import type { EventOf, LedgerEvent } from '../events.js';
import { EMPTY_STATE, type LedgerState } from '../state.js';
import type { TimedEvent } from '../store.js';
import { ScLedger, type ScAccount } from './accounts.js';
import { mapScAlias } from './aliases.js';
import { conversionRule, convertGrain, type GrainRate } from './grain.js';
import { scLineError, type ScEvent } from './ledgerFile.js';
import { emptyTally, noteAlias, type ImportTally } from './tally.js';
import { versionHint } from './version.js';

export interface TranslateOptions {
  readonly file: string;
  readonly sha256: string;
  readonly currency: string;
  readonly digits: number;
  readonly rate: GrainRate;
  readonly discourseServerUrl: string | null;
  /** Version evidence from the instance's config files ("0.10.0 or later"), if any. */
  readonly configVersion: string | null;
  readonly state?: LedgerState;
}

export interface Translation {
  readonly events: readonly TimedEvent[];
  readonly state: LedgerState;
  readonly sourcecred: ScLedger;
  readonly tally: ImportTally;
  readonly closing: EventOf<'import.sourcecred'>;
}

/** Cred's id for a SourceCred identity: `sc-` and the hex of its id, reversible by anyone. */
export function credIdFor(scId: string): IdentityId {
  return `sc-${Buffer.from(scId, 'utf8').toString('hex').slice(0, 61)}` as IdentityId;
}

export function translateSourcecred(
  scEvents: readonly ScEvent[],
  options: TranslateOptions,
): Translation {
  const sc = new ScLedger(options.file);
  const tally = emptyTally();
  const events: TimedEvent[] = [];
  let state = options.state ?? EMPTY_STATE;
  let line = 0;
  const emit = (event: LedgerEvent, timestampMs: number | null): void => {
    try {
      state = applyEvent(state, event, timestampMs ?? 0);
    } catch (error) {
      throw scLineError(options.file, line, `cannot be replayed: ${(error as Error).message}`);
    }
    events.push({ event, timestampMs });
  };
  for (const scEvent of scEvents) {
    line = scEvent.line;
    tally.actions[scEvent.action.type] = (tally.actions[scEvent.action.type] ?? 0) + 1;
    replayIdentity(scEvent, sc, state, tally, options, emit);
    sc.apply(scEvent);
    if (scEvent.action.type === 'CREATE_IDENTITY' || scEvent.action.type === 'TOGGLE_ACTIVATION') {
      const account = sc.account(
        scEvent.action.type === 'CREATE_IDENTITY'
          ? scEvent.action.identity.id
          : scEvent.action.identityId,
      );
      const id = credIdFor(account.id);
      const active = state.identities.get(id)?.active;
      if (active !== account.active)
        emit(
          { type: account.active ? 'identity.activate' : 'identity.deactivate', identityId: id },
          scEvent.timestampMs,
        );
    }
  }
  const lastMs = scEvents.at(-1)?.timestampMs ?? null;
  line = scEvents.at(-1)?.line ?? 0;
  for (const account of sc.live()) {
    const address = payoutAddressOf(account, sc.externalCurrency, tally);
    if (address !== null)
      emit(
        {
          type: 'identity.setPayoutAddress',
          identityId: credIdFor(account.id),
          method: 'ethereum',
          value: address,
        },
        lastMs,
      );
  }
  const closing = closingEvent(sc, tally, options, scEvents);
  emit(closing, null);
  return { events, state, sourcecred: sc, tally, closing };
}

type Emit = (event: LedgerEvent, timestampMs: number | null) => void;

/** Cred events for one SourceCred identity action, from the SourceCred state before it. */
function replayIdentity(
  { action, timestampMs }: ScEvent,
  sc: ScLedger,
  state: LedgerState,
  tally: ImportTally,
  options: TranslateOptions,
  emit: Emit,
): void {
  switch (action.type) {
    case 'CREATE_IDENTITY': {
      const name = credName(action.identity.name, state, tally);
      const kind = action.identity.subtype.toLowerCase() as IdentityType;
      emit(
        {
          type: 'identity.create',
          identityId: credIdFor(action.identity.id),
          name,
          kind,
          aliases: [],
        },
        timestampMs,
      );
      return;
    }
    case 'RENAME_IDENTITY': {
      const id = credIdFor(sc.account(action.identityId).id);
      const name = credName(action.newName, state, tally, id);
      if (name !== state.identities.get(id)?.name)
        emit({ type: 'identity.rename', identityId: id, name }, timestampMs);
      return;
    }
    case 'CHANGE_IDENTITY_TYPE': {
      const id = credIdFor(sc.account(action.identityId).id);
      emit(
        {
          type: 'identity.retype',
          identityId: id,
          kind: action.newType.toLowerCase() as IdentityType,
        },
        timestampMs,
      );
      return;
    }
    case 'ADD_ALIAS':
      return replayAlias(
        credIdFor(sc.account(action.identityId).id),
        action.alias.address,
        state,
        tally,
        options,
        timestampMs,
        emit,
      );
    case 'MERGE_IDENTITIES': {
      const baseId = credIdFor(sc.account(action.base).id);
      const targetId = credIdFor(sc.account(action.target).id);
      tally.merges.push({ baseId, targetId });
      emit({ type: 'identity.merge', baseId, targetId }, timestampMs);
      return;
    }
    default:
      return;
  }
}

function replayAlias(
  id: IdentityId,
  address: string,
  state: LedgerState,
  tally: ImportTally,
  options: TranslateOptions,
  timestampMs: number,
  emit: Emit,
): void {
  const result = mapScAlias(address, options.discourseServerUrl);
  if (result.kind === 'identity') {
    tally.skippedAliases.push({
      identityId: id,
      address: address,
      reason: 'the innate address of another SourceCred identity',
    });
    return;
  }
  if (state.aliasOwner.has(result.mapped.alias)) {
    tally.skippedAliases.push({
      identityId: id,
      address: address,
      reason: `maps to ${result.mapped.alias}, already held`,
    });
    return;
  }
  noteAlias(tally, result.mapped);
  emit({ type: 'identity.addAlias', identityId: id, alias: result.mapped.alias }, timestampMs);
  return;
}

/** SourceCred's name when cred accepts it and it is free, else the first free variant. */
function credName(
  scName: string,
  state: LedgerState,
  tally: ImportTally,
  self?: IdentityId,
): string {
  const taken = new Set(state.names.filter((holder) => holder !== self).keys());
  const name = freeIdentityName({ name: scName, plugin: 'sourcecred' }, taken);
  if (name !== scName) tally.renamed.push({ sourcecred: scName, cred: name });
  return name;
}

function payoutAddressOf(
  account: ScAccount,
  external: string | null,
  tally: ImportTally,
): string | null {
  const entries = [...account.payoutAddresses];
  if (entries.length === 0) return null;
  const chosen = entries.find(([key]) => key === external) ?? entries[0]!;
  for (const [key, address] of entries) {
    if (key !== chosen[0] && address !== chosen[1])
      tally.droppedPayoutAddresses.push({
        identityId: credIdFor(account.id),
        currency: key,
        address,
      });
  }
  return chosen[1];
}

function closingEvent(
  sc: ScLedger,
  tally: ImportTally,
  options: TranslateOptions,
  scEvents: readonly ScEvent[],
): EventOf<'import.sourcecred'> {
  const balances: EventOf<'import.sourcecred'>['balances'] = {};
  for (const account of sc.live()) {
    if (account.paid === 0n && account.balance === 0n) continue;
    const paid = convertGrain(account.paid, options.rate, options.digits);
    const owed = convertGrain(account.balance, options.rate, options.digits);
    tally.dustAttoGrain += paid.dust + owed.dust;
    balances[credIdFor(account.id)] = {
      paid: paid.minor.toString(),
      owed: owed.minor.toString(),
      paidAttoGrain: account.paid.toString(),
      owedAttoGrain: account.balance.toString(),
    };
  }
  const live = sc.live();
  return {
    type: 'import.sourcecred',
    sha256: options.sha256,
    version: versionHint(scEvents, options.configVersion),
    file: options.file,
    counts: {
      events: scEvents.length,
      identities: live.length,
      merged: sc.accounts.size - live.length,
      aliases: live.reduce((sum, account) => sum + account.aliases.length, 0),
      active: live.filter((account) => account.active).length,
      ...tally.actions,
    },
    currency: options.currency,
    rule: conversionRule(options.rate, options.currency, options.digits),
    balances,
  };
}

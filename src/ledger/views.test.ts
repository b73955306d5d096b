import { describe, expect, it } from 'vitest';
import type { IdentityId, IdentityProposal } from '../core/identity.js';
import { node } from '../core/testing/graphs.js';
import { applyEvent } from './apply.js';
import type { LedgerEvent } from './events.js';
import { formatMinorUnits, parseMinorUnits, toDecimal } from './money.js';
import { freshId, proposalEvents } from './proposals.js';
import { EMPTY_STATE, type LedgerState } from './state.js';
import { SETUP } from './testing/events.js';
import {
  findIdentity,
  identityRow,
  identityRows,
  lifetimeCred,
  scoringIdentities,
  ultimateOwner,
} from './views.js';

const applyAll = (events: readonly LedgerEvent[], state: LedgerState = EMPTY_STATE) =>
  events.reduce((s, e) => applyEvent(s, e, 7), state);
const proposal = (alias: string, name: string): IdentityProposal => ({
  plugin: 'github',
  alias: node(alias),
  name,
  type: 'user',
  description: name,
});

describe('ledger/views', () => {
  const state = applyAll([
    ...SETUP,
    {
      type: 'cred.weeks',
      algorithm: 'credrank',
      graphDigest: 'g',
      weightsDigest: 'w',
      weeks: { '2026-10-05': { 'id-a': 2, 'id-b': 3 }, '2026-10-12': { 'id-b': 1 } },
    },
    { type: 'identity.merge', baseId: 'id-a', targetId: 'id-b' },
    { type: 'identity.merge', baseId: 'id-c', targetId: 'id-a' },
    { type: 'exclusion.set', identityId: 'id-d', month: '2026-10', reason: 'spam' },
  ]);

  it('lifetimeCred(state) counts merged identities in the one they are (transitively) merged into', () => {
    expect(lifetimeCred(state).get('id-c' as IdentityId)).toBe(6);
    expect(ultimateOwner(state, 'id-b' as IdentityId)).toBe('id-c');
  });

  it('findIdentity(state, ref) finds by id, any-case name or account address, and says how to list otherwise', () => {
    expect(findIdentity(state, 'id-d').name).toBe('person3');
    expect(findIdentity(state, 'PERSON3').id).toBe('id-d');
    expect(findIdentity(state, 't/setup/1').id).toBe('id-c');
    expect(() => findIdentity(state, 'nobody')).toThrow(
      expect.objectContaining({ code: 'identity_not_found' }),
    );
  });

  it('identityRows(state) lists live identities with balances, cred and exclusions; scoringIdentities drops merged ones', () => {
    const rows = identityRows(state);
    expect(rows.map((row) => row.name)).toEqual(['person2', 'person3']);
    expect(rows[0]).toMatchObject({
      owed: '300',
      lifetimeCred: 6,
      aliases: ['t/setup/2', 't/setup/0', 't/setup/1'],
    });
    expect(rows[1]?.exclusions).toEqual([{ month: '2026-10', reason: 'spam' }]);
    expect(identityRows(state, true)).toHaveLength(4);
    expect(identityRow(state, findIdentity(state, 'id-b')).mergedInto).toBe('person0');
    expect(scoringIdentities(state).map((identity) => identity.id)).toEqual(['id-c', 'id-d']);
  });
});

describe('ledger/proposals', () => {
  it('proposalEvents(state, proposals) creates identities for new accounts only, with free names and stable ids', () => {
    const state = applyAll(SETUP);
    const events = proposalEvents(state, [
      proposal('t/setup/0', 'x'),
      proposal('github/user/9', 'person0'),
      proposal('github/user/8', 'kim'),
      proposal('github/user/8', 'kim'),
    ]);
    expect(events).toEqual([
      expect.objectContaining({ type: 'identity.create', name: 'kim', aliases: ['github/user/8'] }),
      expect.objectContaining({
        type: 'identity.create',
        name: 'person0-github',
        aliases: ['github/user/9'],
      }),
    ]);
    expect(proposalEvents(applyAll(events, state), [proposal('github/user/8', 'kim')])).toEqual([]);
    const used = new Set([freshId('seed', new Set())]);
    expect(freshId('seed', used)).not.toBe([...used][0]);
  });

  it('proposalEvents(state, proposals) gives an account to the identity holding its login alias', () => {
    const state = applyAll([
      { type: 'identity.create', identityId: 'sc-1', name: 'Alice', kind: 'user', aliases: [] },
      { type: 'identity.addAlias', identityId: 'sc-1', alias: 'github/login/alice' },
    ]);
    const events = proposalEvents(state, [
      proposal('github/user/7', 'ALICE'),
      proposal('github/user/8', 'bob'),
    ]);
    expect(events).toEqual([
      { type: 'identity.addAlias', identityId: 'sc-1', alias: 'github/user/7' },
      expect.objectContaining({ type: 'identity.create', name: 'bob' }),
    ]);
    expect(applyAll(events, state).aliasOwner.get('github/user/7')).toBe('sc-1');
  });
});

describe('ledger/money', () => {
  it('parseMinorUnits/toDecimal convert exactly, and reject what is not an integer', () => {
    expect(parseMinorUnits('1234', 'x')).toBe(1234n);
    expect(formatMinorUnits(5n)).toBe('5');
    expect(toDecimal(1234n, 2)).toBe('12.34');
    expect(toDecimal(5n, 2)).toBe('0.05');
    expect(toDecimal(-5n, 2)).toBe('-0.05');
    expect(toDecimal(700n, 0)).toBe('700');
    expect(() => parseMinorUnits('1.5', 'x')).toThrow(
      expect.objectContaining({ code: 'amount_malformed' }),
    );
    expect(() => parseMinorUnits('-1', 'x')).toThrow(/integer amount/);
  });
});

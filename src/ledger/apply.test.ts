import fc from 'fast-check';
import { is } from 'immutable';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../core/errors.js';
import type { IdentityId } from '../core/identity.js';
import { applyEvent } from './apply.js';
import type { LedgerEvent } from './events.js';
import { assertLedgerInvariants } from './invariants.js';
import { balanceOf, EMPTY_STATE, type LedgerState } from './state.js';
import { expectSameState, failsWithoutMutation, ledgerEvent, SETUP } from './testing/events.js';

const FC = { seed: 424242, numRuns: 300 };

function applyAll(events: readonly LedgerEvent[], state: LedgerState = EMPTY_STATE): LedgerState {
  return events.reduce((current, event) => applyEvent(current, event, 1), state);
}

const setup = () => applyAll(SETUP);
const id = (value: string) => value as IdentityId;

describe('ledger/apply', () => {
  it('applyEvent keeps the invariants on random event sequences, and every rejection leaves the state deep-equal', () => {
    fc.assert(
      fc.property(fc.array(ledgerEvent, { minLength: 10, maxLength: 80 }), (events) => {
        let state = setup();
        for (const event of events) {
          const before = state;
          try {
            state = applyEvent(state, event, 1);
          } catch (error) {
            if (!(error instanceof LedgerError)) throw error;
            expect(is(state, before)).toBe(true);
          }
          assertLedgerInvariants(state);
          for (const identity of state.identities.keys())
            expect(balanceOf(state, identity) >= 0n).toBe(true);
        }
      }),
      FC,
    );
  });

  it('identity.merge then identity.unmerge restores the earlier state', () => {
    fc.assert(
      fc.property(
        fc.array(ledgerEvent, { maxLength: 40 }),
        fc.constantFrom('id-a', 'id-b'),
        fc.constantFrom('id-c', 'id-d'),
        (events, baseId, targetId) => {
          let state = setup();
          for (const event of events) {
            try {
              state = applyEvent(state, event, 1);
            } catch (error) {
              if (!(error instanceof LedgerError)) throw error;
            }
          }
          let merged: LedgerState;
          try {
            merged = applyEvent(state, { type: 'identity.merge', baseId, targetId }, 1);
          } catch (error) {
            if (error instanceof LedgerError) return; // not mergeable in this state
            throw error;
          }
          assertLedgerInvariants(merged);
          expectSameState(applyEvent(merged, { type: 'identity.unmerge', targetId }, 1), state);
        },
      ),
      FC,
    );
  });

  it('identity.merge moves aliases and balances to the base; unmerge refuses when they are gone', () => {
    let state = applyAll([
      ...SETUP,
      {
        type: 'grain.distribute',
        distributionId: 'd1',
        month: '2026-10',
        currency: 'USD',
        amounts: { 'id-a': '100', 'id-b': '30' },
      },
      { type: 'identity.merge', baseId: 'id-a', targetId: 'id-b' },
    ]);
    expect(balanceOf(state, id('id-a'))).toBe(330n);
    expect(state.aliasOwner.get('t/setup/1')).toBe('id-a');
    expect(state.identities.get(id('id-b'))?.mergedInto).toBe('id-a');
    failsWithoutMutation(
      state,
      { type: 'identity.rename', identityId: 'id-b', name: 'other' },
      'identity_merged',
    );
    failsWithoutMutation(
      state,
      { type: 'identity.merge', baseId: 'id-c', targetId: 'id-b' },
      'identity_merged',
    );
    state = applyAll(
      [{ type: 'identity.removeAlias', identityId: 'id-a', alias: 't/setup/1' }],
      state,
    );
    failsWithoutMutation(state, { type: 'identity.unmerge', targetId: 'id-b' }, 'unmerge_conflict');
    state = applyAll(
      [
        { type: 'identity.addAlias', identityId: 'id-a', alias: 't/setup/1' },
        {
          type: 'expense.file',
          reference: 'e1',
          identityId: 'id-a',
          amount: '250',
          distributionId: 'd1',
          platform: 'opencollective',
          externalId: null,
        },
      ],
      state,
    );
    failsWithoutMutation(state, { type: 'identity.unmerge', targetId: 'id-b' }, 'unmerge_conflict');
    failsWithoutMutation(state, { type: 'identity.unmerge', targetId: 'id-c' }, 'not_merged');
    failsWithoutMutation(
      state,
      { type: 'identity.merge', baseId: 'id-a', targetId: 'id-a' },
      'cannot_merge_self',
    );
  });

  it('expense.skip records why a payment was not filed, moves no money, and refuses a filed one', () => {
    const state = applyAll([
      ...SETUP,
      {
        type: 'grain.distribute',
        distributionId: 'd1',
        month: '2026-10',
        currency: 'USD',
        amounts: { 'id-a': '50', 'id-b': '30' },
      },
      {
        type: 'expense.file',
        reference: 'e-a',
        identityId: 'id-a',
        amount: '50',
        distributionId: 'd1',
        platform: 'opencollective',
        externalId: null,
      },
    ]);
    const skip = {
      type: 'expense.skip' as const,
      reference: 'e-b',
      identityId: 'id-b',
      distributionId: 'd1',
      reason: 'no Open Collective account and no email',
    };
    const skipped = applyEvent(state, skip, 2_000);
    expect(skipped.skipped.get('e-b')?.reason).toBe(skip.reason);
    expect(balanceOf(skipped, 'id-b' as IdentityId)).toBe(balanceOf(state, 'id-b' as IdentityId));
    expect(skipped.set('skipped', state.skipped).equals(state)).toBe(true);
    failsWithoutMutation(
      state,
      { ...skip, reference: 'e-a', identityId: 'id-a' },
      'expense_exists',
    );
    failsWithoutMutation(state, { ...skip, distributionId: 'd9' }, 'distribution_not_found');
    failsWithoutMutation(state, { ...skip, identityId: 'id-zz' }, 'identity_not_found');
  });

  it('rejects each kind of bad event with its code and without mutation', () => {
    const state = applyAll([
      ...SETUP,
      {
        type: 'identity.create',
        identityId: 'bot-1',
        name: 'helper-bot',
        kind: 'bot',
        aliases: [],
      },
      {
        type: 'grain.distribute',
        distributionId: 'd1',
        month: '2026-10',
        currency: 'USD',
        amounts: { 'id-a': '50' },
      },
      {
        type: 'expense.file',
        reference: 'e1',
        identityId: 'id-a',
        amount: '20',
        distributionId: 'd1',
        platform: 'opencollective',
        externalId: null,
      },
      { type: 'exclusion.set', identityId: 'id-c', month: '2026-10', reason: 'alt account' },
    ]);
    failsWithoutMutation(
      state,
      { type: 'identity.create', identityId: 'id-a', name: 'new', kind: 'user', aliases: [] },
      'identity_exists',
    );
    failsWithoutMutation(
      state,
      { type: 'identity.create', identityId: 'id-x', name: 'PERSON0', kind: 'user', aliases: [] },
      'name_taken',
    );
    failsWithoutMutation(
      state,
      {
        type: 'identity.create',
        identityId: 'id-x',
        name: 'x',
        kind: 'user',
        aliases: ['t/setup/2'],
      },
      'alias_taken',
    );
    failsWithoutMutation(
      state,
      { type: 'identity.rename', identityId: 'id-zz', name: 'x' },
      'identity_not_found',
    );
    failsWithoutMutation(
      state,
      { type: 'identity.rename', identityId: 'id-a', name: 'person0' },
      'no_change',
    );
    failsWithoutMutation(
      state,
      { type: 'identity.retype', identityId: 'id-a', kind: 'user' },
      'no_change',
    );
    failsWithoutMutation(
      state,
      { type: 'identity.removeAlias', identityId: 'id-a', alias: 't/setup/2' },
      'alias_not_held',
    );
    failsWithoutMutation(
      state,
      { type: 'identity.activate', identityId: 'id-a' },
      'already_active',
    );
    failsWithoutMutation(
      state,
      { type: 'identity.deactivate', identityId: 'bot-1' },
      'already_inactive',
    );
    failsWithoutMutation(
      state,
      { type: 'identity.setPayoutAddress', identityId: 'id-a', method: 'ethereum', value: '0x123' },
      'payout_address_invalid',
    );
    failsWithoutMutation(
      state,
      {
        type: 'identity.setPayoutAddress',
        identityId: 'id-a',
        method: 'opencollective',
        value: null,
      },
      'no_change',
    );
    failsWithoutMutation(
      state,
      {
        type: 'grain.distribute',
        distributionId: 'd1',
        month: '2026-10',
        currency: 'USD',
        amounts: {},
      },
      'distribution_exists',
    );
    failsWithoutMutation(
      state,
      {
        type: 'grain.distribute',
        distributionId: 'd2',
        month: '2026-10',
        currency: 'USD',
        amounts: { 'bot-1': '5' },
      },
      'account_inactive',
    );
    failsWithoutMutation(
      state,
      {
        type: 'grain.distribute',
        distributionId: 'd2',
        month: '2026-10',
        currency: 'USD',
        amounts: { 'id-a': '0' },
      },
      'amount_must_be_positive',
    );
    failsWithoutMutation(
      state,
      { type: 'grain.transfer', from: 'id-a', to: 'id-b', amount: '131', memo: 'm' },
      'insufficient_balance',
    );
    failsWithoutMutation(
      state,
      { type: 'grain.transfer', from: 'id-a', to: 'id-a', amount: '1', memo: 'm' },
      'no_change',
    );
    failsWithoutMutation(
      state,
      {
        type: 'expense.file',
        reference: 'e1',
        identityId: 'id-a',
        amount: '1',
        distributionId: 'd1',
        platform: 'opencollective',
        externalId: null,
      },
      'expense_exists',
    );
    failsWithoutMutation(
      state,
      {
        type: 'expense.file',
        reference: 'e2',
        identityId: 'id-a',
        amount: '1',
        distributionId: 'd9',
        platform: 'opencollective',
        externalId: null,
      },
      'distribution_not_found',
    );
    failsWithoutMutation(
      state,
      { type: 'expense.settle', reference: 'e9', outcome: 'paid', externalId: null },
      'expense_not_found',
    );
    failsWithoutMutation(
      state,
      { type: 'identity.merge', baseId: 'id-b', targetId: 'id-a' },
      'pending_expenses',
    );
    failsWithoutMutation(
      state,
      { type: 'exclusion.clear', identityId: 'id-a', month: '2026-10' },
      'exclusion_not_found',
    );
    failsWithoutMutation(
      state,
      { type: 'exclusion.set', identityId: 'id-c', month: '2026-10', reason: 'alt account' },
      'no_change',
    );
    failsWithoutMutation(
      state,
      {
        type: 'cred.weeks',
        algorithm: 'credrank',
        graphDigest: 'g',
        weightsDigest: 'w',
        weeks: { '2026-10-05': { 'id-zz': 1 } },
      },
      'identity_not_found',
    );
    const settled = applyEvent(
      state,
      { type: 'expense.settle', reference: 'e1', outcome: 'declined', externalId: null },
      1,
    );
    expect(balanceOf(settled, id('id-a'))).toBe(150n);
    failsWithoutMutation(
      settled,
      { type: 'expense.settle', reference: 'e1', outcome: 'paid', externalId: null },
      'expense_settled',
    );
  });

  it('expense outcomes: paid moves pending to paid, declined returns it to what is owed', () => {
    const state = applyAll([
      ...SETUP,
      {
        type: 'grain.distribute',
        distributionId: 'd1',
        month: '2026-10',
        currency: 'USD',
        amounts: { 'id-a': '50', 'id-b': '7' },
      },
      {
        type: 'expense.file',
        reference: 'e1',
        identityId: 'id-a',
        amount: '50',
        distributionId: 'd1',
        platform: 'opencollective',
        externalId: 'x1',
      },
      { type: 'expense.settle', reference: 'e1', outcome: 'paid', externalId: null },
      { type: 'grain.transfer', from: 'id-b', to: 'id-c', amount: '2', memo: 'split' },
    ]);
    expect(state.paid.get(id('id-a'))).toBe(50n);
    expect(state.expenses.get('e1')?.externalId).toBe('x1');
    expect(balanceOf(state, id('id-a'))).toBe(100n);
    expect(balanceOf(state, id('id-c'))).toBe(102n);
    expect(state.distributed - state.paidTotal).toBe(407n);
  });

  it('cred.weeks keeps the latest value per identity and week; exclusions clear', () => {
    const state = applyAll([
      ...SETUP,
      {
        type: 'cred.weeks',
        algorithm: 'credrank',
        graphDigest: 'g',
        weightsDigest: 'w',
        weeks: { '2026-10-05': { 'id-a': 1, 'id-b': 2 } },
      },
      {
        type: 'cred.weeks',
        algorithm: 'credrank',
        graphDigest: 'g',
        weightsDigest: 'w',
        weeks: { '2026-10-05': { 'id-a': 4 } },
      },
      { type: 'exclusion.set', identityId: 'id-b', month: '2026-10', reason: 'spam' },
      { type: 'exclusion.clear', identityId: 'id-b', month: '2026-10' },
    ]);
    expect(state.weeklyCred.get('2026-10-05')?.toObject()).toEqual({ 'id-a': 4, 'id-b': 2 });
    expect(state.exclusions.size).toBe(0);
  });
});

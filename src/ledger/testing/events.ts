/**
 * Test helpers for the ledger: a fast-check arbitrary of event sequences over a small pool of
 * identities, names, aliases and amounts, so that random sequences hit both accepted and
 * rejected events often; and `failsWithoutMutation`, which applies an event expected to be
 * rejected and checks that the state is deep-equal afterwards.
 */
import fc from 'fast-check';
import { isImmutable } from 'immutable';
import { expect } from 'vitest';
import { LedgerError } from '../../core/errors.js';
import { applyEvent } from '../apply.js';
import type { LedgerEvent } from '../events.js';
import type { LedgerState } from '../state.js';
import { VersionedMap } from '../versionedMap.js';

export const IDS = ['id-a', 'id-b', 'id-c', 'id-d'] as const;
const NEW_IDS = ['id-e', 'id-f'];
const NAMES = ['ana', 'bo', 'cy', 'Ana', 'dee'];
const ALIASES = ['t/user/1', 't/user/2', 't/user/3', 't/user/4', 't/setup/0', 't/setup/1'];
const MONTHS = ['2026-09', '2026-10'];

const id = fc.constantFrom(...IDS);
const small = fc.constantFrom('0', '1', '5', '9');
const large = fc.constantFrom('40', '500');
const reference = fc.constantFrom('e1', 'e2', 'e3', 'e4');
const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

/** Random events, weighted so that most kinds are accepted often and rejected often. */
export const ledgerEvent: fc.Arbitrary<LedgerEvent> = fc.oneof(
  weighted(
    2,
    fc.record({
      type: fc.constant('identity.create' as const),
      identityId: fc.constantFrom(...NEW_IDS, 'id-a'),
      name: fc.constantFrom(...NAMES),
      kind: fc.constantFrom('user' as const, 'bot' as const),
      aliases: fc.subarray(ALIASES, { maxLength: 2 }),
    }),
  ),
  weighted(
    1,
    fc.record({
      type: fc.constant('identity.rename' as const),
      identityId: id,
      name: fc.constantFrom(...NAMES),
    }),
  ),
  weighted(
    2,
    fc.record({
      type: fc.constant('identity.addAlias' as const),
      identityId: id,
      alias: fc.constantFrom(...ALIASES),
    }),
  ),
  weighted(
    2,
    fc.record({
      type: fc.constant('identity.removeAlias' as const),
      identityId: id,
      alias: fc.constantFrom(...ALIASES),
    }),
  ),
  weighted(
    2,
    fc.record({ type: fc.constant('identity.merge' as const), baseId: id, targetId: id }),
  ),
  weighted(3, fc.record({ type: fc.constant('identity.unmerge' as const), targetId: id })),
  weighted(
    2,
    fc.record({
      type: fc.constantFrom('identity.activate' as const, 'identity.deactivate' as const),
      identityId: id,
    }),
  ),
  weighted(
    1,
    fc.record({
      type: fc.constant('identity.setPayoutAddress' as const),
      identityId: id,
      method: fc.constant('opencollective' as const),
      value: fc.constantFrom('ana-oc', 'Bad Slug', null),
    }),
  ),
  weighted(
    4,
    fc.record({
      type: fc.constant('grain.distribute' as const),
      distributionId: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5'),
      month: fc.constantFrom(...MONTHS),
      currency: fc.constant('USD'),
      amounts: fc.dictionary(id, fc.oneof(large, small), { minKeys: 1, maxKeys: 3 }),
    }),
  ),
  weighted(
    3,
    fc.record({
      type: fc.constant('grain.transfer' as const),
      from: id,
      to: id,
      amount: small,
      memo: fc.constant('thanks'),
    }),
  ),
  weighted(
    4,
    fc.record({
      type: fc.constant('expense.file' as const),
      reference,
      identityId: id,
      amount: fc.oneof(small, large),
      distributionId: fc.constantFrom('d0', 'd0', 'd1'),
      platform: fc.constant('opencollective' as const),
      externalId: fc.constant(null),
    }),
  ),
  weighted(
    4,
    fc.record({
      type: fc.constant('expense.settle' as const),
      reference,
      outcome: fc.constantFrom('paid' as const, 'declined' as const, 'rejected' as const),
      externalId: fc.constantFrom(null, 'oc-1'),
    }),
  ),
  weighted(
    1,
    fc.record({
      type: fc.constant('expense.skip' as const),
      reference,
      identityId: id,
      distributionId: fc.constantFrom('d0', 'd1'),
      reason: fc.constant('no Open Collective account and no email'),
    }),
  ),
  weighted(
    1,
    fc.record({
      type: fc.constant('exclusion.set' as const),
      identityId: id,
      month: fc.constantFrom(...MONTHS),
      reason: fc.constantFrom('spam', 'alt account'),
    }),
  ),
  weighted(
    1,
    fc.record({
      type: fc.constant('exclusion.clear' as const),
      identityId: id,
      month: fc.constantFrom(...MONTHS),
    }),
  ),
  weighted(
    1,
    fc.record({
      type: fc.constant('cred.weeks' as const),
      algorithm: fc.constant('credrank'),
      graphDigest: fc.constant('sha256:g'),
      weightsDigest: fc.constant('sha256:w'),
      weeks: fc.dictionary(
        fc.constantFrom('2026-10-05', '2026-10-12'),
        fc.dictionary(id, fc.constantFrom(0, 1.5, 3), { maxKeys: 2 }),
        { maxKeys: 2 },
      ),
    }),
  ),
);

/** Every pooled identity, created, and a first distribution to each of them. */
export const SETUP: LedgerEvent[] = [
  ...IDS.map((identityId, index): LedgerEvent => ({
    type: 'identity.create',
    identityId,
    name: `person${index}`,
    kind: 'user',
    aliases: [`t/setup/${index}`],
  })),
  {
    type: 'grain.distribute',
    distributionId: 'd0',
    month: '2026-08',
    currency: 'USD',
    amounts: Object.fromEntries(IDS.map((identityId) => [identityId, '100'])),
  },
];

/** Applies `event`, expecting a LedgerError with `code`; checks the state did not change. */
export function failsWithoutMutation(state: LedgerState, event: LedgerEvent, code: string): void {
  const before = comparable(state);
  let thrown: unknown;
  try {
    applyEvent(state, event, 1);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(LedgerError);
  expect((thrown as LedgerError).code).toBe(code);
  expect(comparable(state)).toEqual(before);
}

/**
 * Deep structural equality of two states built separately (entities are plain objects), in any
 * order of their maps' entries, as Immutable's equality.
 */
export function expectSameState(actual: LedgerState, expected: LedgerState): void {
  expect(comparable(actual)).toEqual(comparable(expected));
}

function comparable(state: LedgerState): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(state.toObject()).map(([key, value]) => [
      key,
      VersionedMap.isVersionedMap(value)
        ? new Map(value.entryArray())
        : isImmutable(value)
          ? value.toJS()
          : value,
    ]),
  );
}

import fc from 'fast-check';
import { is } from 'immutable';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import { applyEvent } from '../apply.js';
import type { EventOf, LedgerEvent } from '../events.js';
import { assertLedgerInvariants } from '../invariants.js';
import { sharesWithout } from '../payout/redistribute.js';
import { EMPTY_STATE, type LedgerState } from '../state.js';
import { tallyObjection } from '../tally.js';
import { SETUP } from '../testing/events.js';
import { paymentsDue } from './payouts.js';

const P = 'payout-2026-10-1';
const REVIEW_ENDS = 1_000;
const id = (value: string) => value as IdentityId;

/** Applies events at times 1, 2, ... (or at `atMs`). */
const applyAll = (
  events: readonly LedgerEvent[],
  state: LedgerState = EMPTY_STATE,
  atMs?: number,
) => events.reduce((s, e, k) => applyEvent(s, e, atMs ?? k + 1), state);

function rejects(state: LedgerState, event: LedgerEvent, code: string, atMs = 10): void {
  let thrown: unknown;
  try {
    applyEvent(state, event, atMs);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(LedgerError);
  expect((thrown as LedgerError).code).toBe(code);
}

const line = (identityId: string, share: string) => ({
  identityId,
  cred: 1,
  share,
  owedBefore: '0',
  payment: '0',
  status: 'paid' as const,
});

const PROPOSAL: EventOf<'payout.propose'> = {
  type: 'payout.propose',
  proposalId: P,
  month: '2026-10',
  currency: 'USD',
  revenue: '1000',
  ratio: '0.8',
  pool: '800',
  minimum: '0',
  policy: { type: 'proportional' },
  algorithm: 'credrank',
  graphDigest: 'g',
  weightsDigest: 'w',
  reviewEndsMs: REVIEW_ENDS,
  lines: [line('id-a', '400'), line('id-b', '250'), line('id-c', '150')],
};

// Lifetime cred: a 10, b 6, c 3; d has none (a funder).
const PROPOSED = applyAll([
  ...SETUP,
  {
    type: 'cred.weeks',
    algorithm: 'credrank',
    graphDigest: 'g',
    weightsDigest: 'w',
    weeks: { '2026-10-05': { 'id-a': 10, 'id-b': 6, 'id-c': 3 } },
  },
  PROPOSAL,
]);
const GROUPS = { maintainers: [id('id-a')], funders: [id('id-d')], blockingShare: '0.25' };

const raise = (k: number, by: string, target: string | null): EventOf<'objection.raise'> => ({
  type: 'objection.raise',
  objectionId: `${P}-o${k}`,
  proposalId: P,
  by,
  line: target,
  reason: 'not the work of this month',
});
const vote = (k: number, voter: string, choice: 'uphold' | 'dismiss'): LedgerEvent => ({
  type: 'objection.vote',
  objectionId: `${P}-o${k}`,
  voter,
  vote: choice,
});

/** The decision the rules give for objection k, as the payout job writes it. */
function decide(state: LedgerState, k: number): EventOf<'objection.decide'> {
  const objection = state.objections.get(`${P}-o${k}`)!;
  return {
    type: 'objection.decide',
    objectionId: objection.id,
    ...tallyObjection(state, objection, GROUPS),
  };
}

function finalize(state: LedgerState): LedgerState {
  const payout = state.payouts.get(P)!;
  const payments = Object.fromEntries(
    [...paymentsDue(state, payout)].map(([key, amount]) => [key, amount.toString()]),
  );
  return applyEvent(state, { type: 'payout.finalize', proposalId: P, payments }, REVIEW_ENDS + 9);
}

describe('ledger/handlers/governance', () => {
  it('objection.decide upholds a line by cred majority; its share goes to the others exactly', () => {
    const voted = applyAll([raise(1, 'id-a', 'id-c'), vote(1, 'id-b', 'uphold')], PROPOSED, 10);
    const decision = decide(voted, 1);
    expect(decision).toMatchObject({
      outcome: 'upheld',
      majority: { uphold: 16, dismiss: 0 },
      groups: { contributors: { members: 3, weight: 19, uphold: 16, equalWeights: false } },
    });
    const decided = applyEvent(voted, decision, REVIEW_ENDS);
    // c's 150 goes to a and b as 400 : 250: 92.31 and 57.69 -> 92 + 1 (larger remainder: b).
    expect(Object.fromEntries(decided.payouts.get(P)!.shares)).toEqual({
      'id-a': 492n,
      'id-b': 308n,
    });
    expect(decided.objections.get(`${P}-o1`)?.status).toBe('upheld');
    const final = finalize(decided);
    assertLedgerInvariants(final);
    expect(final.distributions.get(P)?.amounts.get(id('id-c'))).toBeUndefined();
  });

  it('objection.decide lets a quarter of one group block a line the majority would keep', () => {
    const voted = applyAll(
      [
        raise(1, 'id-c', 'id-b'),
        vote(1, 'id-a', 'dismiss'),
        vote(1, 'id-b', 'dismiss'),
        vote(1, 'id-d', 'uphold'),
      ],
      PROPOSED,
      10,
    );
    const decision = decide(voted, 1);
    expect(decision).toMatchObject({
      outcome: 'blocked',
      blockedBy: ['funders'],
      majority: { uphold: 3, dismiss: 16 },
      groups: {
        maintainers: { members: 1, weight: 10, uphold: 0, dismiss: 10 },
        contributors: { weight: 19, uphold: 3, dismiss: 16 },
        funders: { members: 1, equalWeights: true, weight: 1, uphold: 1, dismiss: 0 },
      },
    });
    const decided = applyEvent(voted, decision, REVIEW_ENDS);
    expect(decided.payouts.get(P)!.shares.has(id('id-b'))).toBe(false);
    expect([...decided.payouts.get(P)!.shares.values()].reduce((a, b) => a + b, 0n)).toBe(800n);
    // Without the funder's vote the same objection is dismissed and nothing changes.
    const kept = applyAll([raise(1, 'id-c', 'id-b'), vote(1, 'id-a', 'dismiss')], PROPOSED, 10);
    const dismissed = applyEvent(kept, decide(kept, 1), REVIEW_ENDS);
    expect(dismissed.objections.get(`${P}-o1`)?.status).toBe('dismissed');
    expect(is(dismissed.payouts.get(P)!.shares, PROPOSED.payouts.get(P)!.shares)).toBe(true);
  });

  it('an upheld objection to the weights blocks finalizing until the proposal is withdrawn', () => {
    const voted = applyAll([raise(1, 'id-a', null)], PROPOSED, 10);
    rejects(voted, { type: 'payout.finalize', proposalId: P, payments: {} }, 'objections_open');
    const decided = applyEvent(voted, decide(voted, 1), REVIEW_ENDS);
    expect(decided.objections.get(`${P}-o1`)?.status).toBe('upheld');
    rejects(decided, { type: 'payout.finalize', proposalId: P, payments: {} }, 'payout_blocked');
    const again = applyAll(
      [
        { type: 'payout.withdraw', proposalId: P, reason: 'weights objected to' },
        { ...PROPOSAL, proposalId: 'payout-2026-10-2', reviewEndsMs: 5_000 },
      ],
      decided,
      REVIEW_ENDS + 1,
    );
    expect(again.payouts.get('payout-2026-10-2')?.status).toBe('proposed');
  });

  it('objection events are refused outside the rules, leaving the state as it was', () => {
    const raised = applyAll([raise(1, 'id-a', 'id-c')], PROPOSED, 10);
    rejects(PROPOSED, raise(1, 'id-a', 'id-c'), 'review_closed', REVIEW_ENDS);
    rejects(PROPOSED, raise(1, 'id-d', 'id-c'), 'no_cred');
    rejects(PROPOSED, raise(1, 'id-a', 'id-e'), 'objection_line_not_found');
    rejects(
      PROPOSED,
      { ...raise(1, 'id-a', 'id-c'), objectionId: 'payout-2026-11-1-o1' },
      'objection_bad_id',
    );
    rejects(
      PROPOSED,
      { ...raise(1, 'id-a', 'id-c'), proposalId: 'payout-2026-11-1' },
      'payout_not_found',
    );
    rejects(raised, raise(1, 'id-b', 'id-c'), 'objection_exists');
    rejects(raised, vote(2, 'id-b', 'uphold'), 'objection_not_found');
    rejects(raised, vote(1, 'id-b', 'uphold'), 'review_closed', REVIEW_ENDS);
    rejects(raised, decide(raised, 1), 'review_open', REVIEW_ENDS - 1);
    rejects(
      raised,
      { ...decide(raised, 1), outcome: 'dismissed' },
      'decision_mismatch',
      REVIEW_ENDS,
    );
    rejects(raised, { ...decide(raised, 1), funders: ['id-x'] }, 'identity_not_found', REVIEW_ENDS);
    const decided = applyEvent(raised, decide(raised, 1), REVIEW_ENDS);
    rejects(decided, decide(raised, 1), 'objection_decided', REVIEW_ENDS);
    const final = finalize(decided);
    rejects(final, raise(2, 'id-a', 'id-b'), 'payout_not_open');
    expect(is(raised, applyAll([raise(1, 'id-a', 'id-c')], PROPOSED, 10))).toBe(false);
  });

  it("objection.vote keeps each voter's latest vote; the objector counts as upholding", () => {
    const state = applyAll(
      [raise(1, 'id-a', 'id-c'), vote(1, 'id-b', 'uphold'), vote(1, 'id-b', 'dismiss')],
      PROPOSED,
      10,
    );
    expect(Object.fromEntries(state.objections.get(`${P}-o1`)!.votes)).toEqual({
      'id-a': 'uphold',
      'id-b': 'dismiss',
    });
  });

  it("budget.vote records a member's ballot for the month, replacing the previous one", () => {
    const ballot = (voter: string, pairs: { prefer: string; over: string }[]): LedgerEvent => ({
      type: 'budget.vote',
      month: '2026-10',
      voter,
      pairs,
    });
    const state = applyAll(
      [
        ballot('id-a', [{ prefer: 'infra', over: 'media' }]),
        ballot('id-a', [{ prefer: 'media', over: 'infra' }]),
        ballot('id-b', []),
      ],
      PROPOSED,
    );
    expect(state.budgetBallots.get('2026-10')?.get(id('id-a'))).toEqual([
      { prefer: 'media', over: 'infra' },
    ]);
    expect(state.budgetBallots.get('2026-10')?.size).toBe(2);
    rejects(state, ballot('id-d', []), 'no_cred');
    rejects(state, ballot('id-a', [{ prefer: 'infra', over: 'infra' }]), 'budget_bad_ballot');
    rejects(
      state,
      ballot('id-a', [
        { prefer: 'infra', over: 'media' },
        { prefer: 'media', over: 'infra' },
      ]),
      'budget_bad_ballot',
    );
  });

  it('sharesWithout(proposal, removed) keeps the pool and each domain part, whatever is removed', () => {
    const split: EventOf<'payout.propose'> = {
      ...PROPOSAL,
      split: {
        type: 'fixed',
        domains: { infra: { weight: 0.5, amount: '400' }, media: { weight: 0.5, amount: '400' } },
      },
      lines: [
        {
          ...line('id-a', '400'),
          domains: { infra: { cred: 1, share: '300' }, media: { cred: 1, share: '100' } },
        },
        {
          ...line('id-b', '250'),
          domains: { infra: { cred: 1, share: '100' }, media: { cred: 1, share: '150' } },
        },
        { ...line('id-c', '150'), domains: { media: { cred: 1, share: '150' } } },
      ],
    };
    // Removing a: infra's 400 all to b; media's 400 to b and c as 150 : 150 (200 each).
    expect(Object.fromEntries(sharesWithout(split, new Set([id('id-a')]))!)).toEqual({
      'id-b': 600n,
      'id-c': 200n,
    });
    // Removing b and c: media has nobody left but a.
    expect(Object.fromEntries(sharesWithout(split, new Set([id('id-b'), id('id-c')]))!)).toEqual({
      'id-a': 800n,
    });
    expect(sharesWithout(split, new Set(['id-a', 'id-b', 'id-c'].map(id)))).toBeNull();
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (amounts, drop) => {
          const lines = amounts.map((amount, k) => line(`p${k}`, amount.toString()));
          const pool = amounts.reduce((a, b) => a + b, 0n);
          const proposal = { ...PROPOSAL, pool: pool.toString(), lines };
          expect(sharesWithout(proposal, new Set())).toEqual(
            new Map(
              lines.filter((l) => l.share !== '0').map((l) => [l.identityId, BigInt(l.share)]),
            ),
          );
          const removed = new Set(lines.filter((_, k) => drop[k]).map((l) => id(l.identityId)));
          const shares = sharesWithout(proposal, removed);
          if (shares === null) return;
          expect([...shares.values()].reduce((a, b) => a + b, 0n)).toBe(pool);
          for (const gone of removed) expect(shares.has(gone)).toBe(false);
        },
      ),
      { seed: 5, numRuns: 200 },
    );
  });
});

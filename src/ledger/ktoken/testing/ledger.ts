/**
 * Ledgers for KToken tests: pseudonymous identities, a finalized payout for a month with the
 * given monthly cred, and Ethereum addresses for some of them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { splitExactly } from '../../../core/split.js';
import { applyEvent } from '../../apply.js';
import type { LedgerEvent } from '../../events.js';
import { paymentsDue } from '../../handlers/payouts.js';
import { EMPTY_STATE, type LedgerState, type PayoutRecord } from '../../state.js';
import { LedgerStore } from '../../store.js';

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly cred: number;
  readonly address: string | null;
  readonly status?: 'paid' | 'excluded' | 'inactive';
}

export const PEOPLE: readonly Person[] = [
  {
    id: 'id-ana',
    name: 'octo-ana',
    cred: 6,
    address: '0x1111111111111111111111111111111111111111',
  },
  {
    id: 'id-kim',
    name: 'river-kim',
    cred: 3,
    address: '0x2222222222222222222222222222222222222222',
  },
  { id: 'id-lou', name: 'lou-sky', cred: 1, address: null },
];

/** Pool per paid person, in cents: large enough that shares in cents follow cred closely. */
const PER_PERSON = 1_000_000;

/**
 * Identities, addresses, and a final payout for `month` whose lines carry each cred: 10,000.00
 * of pool per paid person, split by cred (status 'paid' is kept even for a zero share).
 */
export function monthEvents(people: readonly Person[], month = '2026-10'): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const person of people) {
    events.push({
      type: 'identity.create',
      identityId: person.id,
      name: person.name,
      kind: 'user',
      aliases: [`test/person/${person.name}`],
    });
    if (person.address !== null)
      events.push({
        type: 'identity.setPayoutAddress',
        identityId: person.id,
        method: 'ethereum',
        value: person.address,
      });
  }
  const paid = people.filter((person) => (person.status ?? 'paid') === 'paid');
  const proposalId = `payout-${month}-1`;
  // The pool is split by cred, as a proportional payout splits it; tokens follow these shares.
  const pool = paid.length * PER_PERSON;
  const shares = splitExactly(
    BigInt(pool),
    paid.map((person) => ({ key: person.id, weight: person.cred })),
  );
  const shareOf = (person: Person) => (shares.get(person.id) ?? 0n).toString();
  events.push({
    type: 'payout.propose',
    proposalId,
    month,
    currency: 'USD',
    revenue: String(pool),
    ratio: '1',
    pool: String(pool),
    minimum: '0',
    policy: { type: 'proportional' },
    algorithm: 'credrank',
    graphDigest: 'sha256:g',
    weightsDigest: 'sha256:w',
    reviewEndsMs: 0,
    lines: people.map((person) => ({
      identityId: person.id,
      cred: person.cred,
      share: shareOf(person),
      owedBefore: '0',
      payment: shareOf(person),
      status: person.status ?? 'paid',
      ...(person.status === undefined ? {} : { reason: 'test' }),
    })),
  });
  events.push({
    type: 'payout.finalize',
    proposalId,
    payments: Object.fromEntries(
      paid.filter((person) => shareOf(person) !== '0').map((p) => [p.id, shareOf(p)]),
    ),
  });
  return events;
}

export function applyAll(events: readonly LedgerEvent[], state: LedgerState = EMPTY_STATE) {
  return events.reduce((current, event) => applyEvent(current, event, 1_000), state);
}

/** Proposes and finalizes a payout for `month` on `state` (payments as the ledger derives). */
export function payMonth(state: LedgerState, people: readonly Person[], month: string) {
  const [propose] = monthEvents(people, month).filter((e) => e.type === 'payout.propose');
  const proposed = applyAll([propose as LedgerEvent], state);
  const payout = proposed.payouts.get(`payout-${month}-1`) as PayoutRecord;
  const payments = Object.fromEntries(
    [...paymentsDue(proposed, payout)].map(([id, amount]) => [id, amount.toString()]),
  );
  return applyAll([{ type: 'payout.finalize', proposalId: payout.id, payments }], proposed);
}

/** A ledger file in a fresh temporary folder holding `events`. */
export async function storeWith(events: readonly LedgerEvent[]): Promise<LedgerStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cred-ktoken-'));
  let clock = 1_000;
  const store = new LedgerStore(path.join(dir, 'ledger.jsonl'), () => clock++);
  await store.append(() => events);
  return store;
}

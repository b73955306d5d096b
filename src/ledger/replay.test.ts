import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../core/errors.js';
import { applyEvent } from './apply.js';
import { admitLine } from './gate.js';
import { GENESIS_HASH, hashLine } from './line.js';
import { replayLedger } from './replay.js';
import { EMPTY_STATE, type LedgerState } from './state.js';
import { expectSameState, ledgerEvent, SETUP } from './testing/events.js';

const FC = { seed: 741741, numRuns: 200 };

describe('ledger/replay', () => {
  it('replayLedger(text) gives the state of applying each event to an immutable state, and leaves it immutable', () => {
    fc.assert(
      fc.property(fc.array(ledgerEvent, { minLength: 5, maxLength: 80 }), (events) => {
        let state: LedgerState = EMPTY_STATE;
        let prev = GENESIS_HASH;
        const texts: string[] = [];
        for (const event of [...SETUP, ...events]) {
          try {
            const place = { seq: texts.length + 1, prev, timestampMs: texts.length };
            const admitted = admitLine(state, event, place, 'l');
            expectSameState(admitted.state, applyEvent(state, event, texts.length));
            state = admitted.state;
            texts.push(admitted.text);
            prev = hashLine(admitted.text);
          } catch (error) {
            if (!(error instanceof LedgerError)) throw error;
          }
        }
        const replayed = replayLedger(texts.map((text) => `${text}\n`).join(''), 'l', true);
        expectSameState(replayed.state, state);
        // Same iteration order too (reports list maps in their order).
        expect([...replayed.state.owed.keys()]).toEqual([...state.owed.keys()]);
        expect([...replayed.state.identities.keys()]).toEqual([...state.identities.keys()]);
        // Frozen: a change makes a new state, the replayed one stays as it was.
        const identities = replayed.state.identities;
        const changed = replayed.state.set('identities', identities.delete('id-a'));
        expect(changed).not.toBe(replayed.state);
        expect(replayed.state.identities.has('id-a')).toBe(true);
        expect(identities.set('id-z', identities.get('id-a')!)).not.toBe(identities);
        expect(replayed.state.identities.has('id-z')).toBe(false);
      }),
      FC,
    );
  });
});

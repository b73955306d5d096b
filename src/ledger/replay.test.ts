import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/canonicalJson.js';
import { LedgerError } from '../core/errors.js';
import type { IdentityId } from '../core/identity.js';
import { applyEvent } from './apply.js';
import { admitLine } from './gate.js';
import { GENESIS_HASH, hashLine } from './line.js';
import { replayLedger, replayLedgerFile, type ReplayedLedger } from './replay.js';
import type { LedgerEvent } from './events.js';
import { EMPTY_STATE, type LedgerState } from './state.js';
import { expectSameState, ledgerEvent, SETUP } from './testing/events.js';

const FC = { seed: 741741, numRuns: 200 };

/** A rename to a name of two- and three-byte characters: lines that are not ASCII. */
const wideName = fc
  .tuple(
    fc.constantFrom(
      ...SETUP.map((event) => (event.type === 'identity.create' ? event.identityId : '')),
    ),
    fc.nat(99),
  )
  .filter(([identityId]) => identityId !== '')
  .map(([identityId, k]): LedgerEvent => ({
    type: 'identity.rename',
    identityId,
    name: `zo\u00eb-\u4e2d-${k}`,
  }));

/** Ledger text of `events` (those the rules accept), and the state of applying them one by one. */
function ledgerOf(events: readonly LedgerEvent[]): { text: string; state: LedgerState } {
  let state: LedgerState = EMPTY_STATE;
  let prev = GENESIS_HASH;
  const texts: string[] = [];
  for (const event of events) {
    try {
      const admitted = admitLine(
        state,
        event,
        { seq: texts.length + 1, prev, timestampMs: 0 },
        'l',
      );
      state = admitted.state;
      texts.push(admitted.text);
      prev = hashLine(admitted.text);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
    }
  }
  return { text: texts.map((text) => `${text}\n`).join(''), state };
}

function summary(ledger: ReplayedLedger) {
  const { state: _state, linesFrom, eventIds, finalHeads, ...rest } = ledger;
  return { ...rest, ids: [...eventIds], heads: [...finalHeads], lines: linesFrom(0) };
}

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
        const changed = replayed.state.set('identities', identities.delete('id-a' as IdentityId));
        expect(changed).not.toBe(replayed.state);
        expect(replayed.state.identities.has('id-a' as IdentityId)).toBe(true);
        expect(
          identities.set('id-z' as IdentityId, identities.get('id-a' as IdentityId)!),
        ).not.toBe(identities);
        expect(replayed.state.identities.has('id-z' as IdentityId)).toBe(false);
      }),
      FC,
    );
  });

  it('replayLedgerFile(path) reads in chunks what replayLedger reads from the text, torn tails too', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cred-replay-'));
    const file = path.join(dir, 'ledger.jsonl');
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof({ weight: 6, arbitrary: ledgerEvent }, { weight: 1, arbitrary: wideName }),
          {
            maxLength: 30,
          },
        ),
        fc.constantFrom('', '{"versi', '\u00e9\u4e2d', '\n', '\u00e9\n'),
        fc.integer({ min: 1, max: 400 }),
        (events, tail, chunkBytes) => {
          const text = ledgerOf([...SETUP, ...events]).text + tail;
          writeFileSync(file, text);
          const read = (replay: () => ReplayedLedger) => {
            try {
              return replay();
            } catch (error) {
              return error as Error;
            }
          };
          const fromText = read(() => replayLedger(text, 'l', true));
          const fromFile = read(() => replayLedgerFile(file, 'l', true, chunkBytes));
          if (fromText instanceof Error) {
            expect(fromFile).toEqual(fromText);
            return;
          }
          if (fromFile instanceof Error) throw fromFile;
          expectSameState(fromFile.state, fromText.state);
          expect(summary(fromFile)).toEqual(summary(fromText));
          if (fromText.lineCount > 2) expect(fromFile.linesFrom(2)).toEqual(fromText.linesFrom(2));
        },
      ),
      { ...FC, numRuns: 100 },
    );
  });

  it('replayLedger(text) refuses a repeated event id at its line and keeps the first index', () => {
    const { text } = ledgerOf(SETUP);
    const lines = text.split('\n').slice(0, -1);
    const ledger = replayLedger(text, 'l');
    expect([...ledger.eventIds.values()]).toEqual(lines.map((_, k) => k));
    const first = JSON.parse(lines[0] as string) as { id: string };
    const last = JSON.parse(lines.at(-1) as string) as Record<string, unknown>;
    const again = canonicalJson({
      ...last,
      id: first.id,
      prev: hashLine(lines.at(-1) as string),
      seq: lines.length + 1,
    });
    expect(() => replayLedger(`${text}${again}\n`, 'l', true)).toThrow(
      expect.objectContaining({
        code: 'ledger_corrupt',
        message: `l: line ${lines.length + 1} repeats event id ${first.id}`,
      }),
    );
  });

  it('replayLedgerFile(path).linesFrom(k) refuses lines that changed since the replay', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cred-replay-'));
    const file = path.join(dir, 'ledger.jsonl');
    const { text } = ledgerOf(SETUP);
    writeFileSync(file, text);
    const ledger = replayLedgerFile(file, 'l');
    writeFileSync(file, text.replace('person1', 'person9'));
    expect(() => ledger.linesFrom(0)).toThrow(expect.objectContaining({ code: 'ledger_changed' }));
    writeFileSync(file, `${text}{"more":1}\n`);
    expect(ledger.linesFrom(0)).toHaveLength(SETUP.length);
  });
});

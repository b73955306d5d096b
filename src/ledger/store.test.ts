import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../core/errors.js';
import type { LedgerEvent } from './events.js';
import { GENESIS_HASH } from './line.js';
import { replayLedger } from './replay.js';
import { LedgerStore } from './store.js';
import { expectSameState, SETUP } from './testing/events.js';

function tempLedger(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'cred-ledger-')), 'data', 'ledger.jsonl');
}

function clock(start = Date.UTC(2026, 10, 1)): () => number {
  let now = start;
  return () => (now += 1000);
}

const MORE: LedgerEvent[] = [
  {
    type: 'grain.distribute',
    distributionId: 'd1',
    month: '2026-10',
    currency: 'USD',
    amounts: { 'id-a': '1234', 'id-b': '99' },
  },
  { type: 'identity.merge', baseId: 'id-a', targetId: 'id-c' },
  { type: 'exclusion.set', identityId: 'id-d', month: '2026-10', reason: 'alt account of id-b' },
  {
    type: 'expense.file',
    reference: 'cred-2026-10-id-a',
    identityId: 'id-a',
    amount: '1234',
    distributionId: 'd1',
    platform: 'opencollective',
    externalId: null,
  },
];

async function writtenLedger(): Promise<{ file: string; text: string }> {
  const file = tempLedger();
  const store = new LedgerStore(file, clock(), 'data/ledger.jsonl');
  await store.append(() => SETUP);
  await store.append(() => MORE);
  return { file, text: readFileSync(file, 'utf8') };
}

describe('ledger/store', () => {
  it('LedgerStore.append writes canonical, chained, numbered lines that replay to the same state', async () => {
    const file = tempLedger();
    const store = new LedgerStore(file, clock(), 'data/ledger.jsonl');
    const first = await store.append(() => SETUP);
    const second = await store.append(() => MORE);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(SETUP.length + MORE.length);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      version: 1,
      seq: 1,
      prev: GENESIS_HASH,
    });
    expect((lines[0] as string).startsWith('{"version":1,"event":{"type":"identity.create"')).toBe(
      true,
    );
    expect(first.appended).toHaveLength(SETUP.length);
    const replayed = store.read();
    expectSameState(replayed.state, second.state);
    expect(replayed.torn).toBeNull();
    expect((await store.append(() => [])).appended).toEqual([]);
  });

  it('LedgerStore.append validates against the state and writes nothing for a rejected batch', async () => {
    const { file, text } = await writtenLedger();
    const store = new LedgerStore(file, clock(Date.UTC(2027, 0, 1)));
    await expect(
      store.append(() => [
        { type: 'identity.rename', identityId: 'id-b', name: 'fine' },
        { type: 'grain.transfer', from: 'id-b', to: 'id-d', amount: '500', memo: 'too much' },
      ]),
    ).rejects.toMatchObject({ code: 'insufficient_balance' });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a ledger cut at any byte of its last line loads up to the line before with a report, never wrong', async () => {
    const { text } = await writtenLedger();
    const lines = text.trimEnd().split('\n');
    const lastStart = text.length - (lines.at(-1) as string).length - 1;
    const previous = replayLedger(text.slice(0, lastStart), 'l');
    const full = replayLedger(text, 'l');
    for (let cut = lastStart; cut < text.length; cut++) {
      const replayed = replayLedger(text.slice(0, cut), 'l');
      expect(replayed.lineCount).toBe(lines.length - 1);
      expectSameState(replayed.state, previous.state);
      expect(replayed.torn === null).toBe(cut === lastStart);
      if (replayed.torn !== null)
        expect(replayed.torn).toMatchObject({ offset: lastStart, line: lines.length });
    }
    expect(full.lineCount).toBe(lines.length);
  });

  it('changing any single byte of any earlier line fails verification and names the line', async () => {
    const { text } = await writtenLedger();
    const lines = text.split('\n');
    let offset = 0;
    for (let number = 1; number < lines.length - 1; number++) {
      const line = lines[number - 1] as string;
      for (let at = 0; at <= line.length; at++) {
        const original = text.charCodeAt(offset + at);
        const changed = String.fromCharCode(original === 48 ? 49 : original ^ 1);
        const tampered = text.slice(0, offset + at) + changed + text.slice(offset + at + 1);
        let error: unknown;
        try {
          replayLedger(tampered, 'data/ledger.jsonl');
        } catch (thrown) {
          error = thrown;
        }
        expect(error, `byte ${at} of line ${number}`).toBeInstanceOf(LedgerError);
        expect((error as LedgerError).message).toContain(`line ${number}`);
      }
      offset += line.length + 1;
    }
  });

  it('replayLedger reports reordered, removed and out-of-order lines', async () => {
    const { text } = await writtenLedger();
    const lines = text.trimEnd().split('\n');
    const swapped = [lines[1], lines[0], ...lines.slice(2)].join('\n') + '\n';
    expect(() => replayLedger(swapped, 'l')).toThrow(/line 1 has seq 2/);
    const removed = [lines[0], ...lines.slice(2)].join('\n') + '\n';
    expect(() => replayLedger(removed, 'l')).toThrow(/line 2 has seq 3/);
    expect(() => replayLedger('{"version":1}\n', 'l')).toThrow(/line 1 is not a valid ledger line/);
  });

  it('a torn tail blocks writes until LedgerStore.repair removes it, keeping a copy', async () => {
    const { file, text } = await writtenLedger();
    appendFileSync(file, '{"version":1,"event":{"type":"identity.cre');
    const store = new LedgerStore(file, clock(Date.UTC(2027, 0, 1)), 'data/ledger.jsonl');
    expect(store.read().torn).toMatchObject({ line: SETUP.length + MORE.length + 1 });
    await expect(
      store.append(() => [{ type: 'identity.rename', identityId: 'id-b', name: 'x' }]),
    ).rejects.toMatchObject({ code: 'ledger_torn' });
    const repaired = await store.repair();
    expect(repaired.removedBytes).toBeGreaterThan(0);
    expect(readFileSync(repaired.backup as string, 'utf8').startsWith(text)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(
      (await store.append(() => [{ type: 'identity.rename', identityId: 'id-b', name: 'x' }]))
        .appended,
    ).toHaveLength(1);
    expect(await store.repair()).toEqual({ removedBytes: 0, backup: null, actions: [] });
  });

  it('LedgerStore.append never writes a timestamp older than the last line', async () => {
    const { file } = await writtenLedger();
    const past = new LedgerStore(file, () => Date.UTC(2020, 0, 1));
    const { appended } = await past.append(() => [
      { type: 'identity.rename', identityId: 'id-b', name: 'later' },
    ]);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const before = JSON.parse(lines.at(-2) as string);
    expect(appended[0]?.timestampMs).toBe(before.timestampMs);
    writeFileSync(file, lines.join('\n') + '\n');
    expect(past.read().lineCount).toBe(lines.length);
  });
});

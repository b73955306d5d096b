import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from './events.js';
import { LedgerStore } from './store.js';
import { SETUP } from './testing/events.js';

async function ledger(): Promise<{ store: LedgerStore; file: string; text: string }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cred-repair-')), 'ledger.jsonl');
  let now = Date.UTC(2026, 10, 1);
  const store = new LedgerStore(file, () => (now += 1000), 'data/ledger.jsonl');
  await store.append(() => SETUP);
  return { store, file, text: readFileSync(file, 'utf8') };
}

const RENAME: LedgerEvent = { type: 'identity.rename', identityId: 'id-b', name: 'after' };

describe('ledger/repair', () => {
  const accidents: [string, (text: string) => string, RegExp][] = [
    ['a trailing blank line', (text) => `${text}\n`, /removed blank line/],
    ['blank lines in the middle', (text) => text.replace('\n', '\n\n  \n'), /removed blank line 2/],
    ['a torn line followed by a newline', (text) => `${text}{"version":1,"ev\n`, /incomplete/],
    ['a torn line without a newline', (text) => `${text}{"version":1,"ev`, /incomplete/],
    ['Windows line endings', (text) => text.replaceAll('\n', '\r\n'), /carriage returns/],
    ['a complete last line without its newline', (text) => text.slice(0, -1), /missing newline/],
  ];
  for (const [accident, damage, said] of accidents) {
    it(`LedgerStore.repair() fixes ${accident}, keeps every complete line and a backup`, async () => {
      const { store, file, text } = await ledger();
      const damaged = damage(text);
      writeFileSync(file, damaged);
      const result = await store.repair();
      expect(result.actions.join('\n')).toMatch(said);
      expect(readFileSync(file, 'utf8')).toBe(text);
      expect(readFileSync(result.backup as string, 'utf8')).toBe(damaged);
      expect(store.read(true).lineCount).toBe(SETUP.length);
      expect((await store.append(() => [RENAME])).appended).toHaveLength(1);
    });
  }

  it('LedgerStore.repair() refuses a ledger whose lines were changed, writing nothing', async () => {
    const { store, file, text } = await ledger();
    const tampered = `${text.replace('"name":"', '"name":"x')}\n`;
    writeFileSync(file, tampered);
    await expect(store.repair()).rejects.toMatchObject({ code: 'ledger_corrupt' });
    expect(readFileSync(file, 'utf8')).toBe(tampered);
  });

  it('LedgerStore.append refuses a line replay would reject, leaving the file byte-identical', async () => {
    const { store, file, text } = await ledger();
    const bad: LedgerEvent[] = [
      { type: 'identity.rename', identityId: 'id-b', name: '../../etc/x' },
      { type: 'exclusion.set', identityId: 'id-b', month: '2026-10', reason: '' },
      { type: 'identity.rename', identityId: 'id-b', name: 'x'.repeat(5000) },
    ];
    for (const event of bad) {
      await expect(store.append(() => [RENAME, event])).rejects.toMatchObject({
        code: 'event_invalid',
      });
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
  });
});

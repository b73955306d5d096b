import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from './events.js';
import { withFileLock } from './lock.js';
import { mergeLedgerTexts } from './merge.js';
import { replayLedger } from './replay.js';
import { LedgerStore } from './store.js';
import { SETUP } from './testing/events.js';

async function copies(
  ours: LedgerEvent[],
  theirs: LedgerEvent[],
): Promise<{ ours: string; theirs: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cred-merge-'));
  const texts: string[] = [];
  for (const [name, extra] of [
    ['ours', ours],
    ['theirs', theirs],
  ] as const) {
    let now = Date.UTC(2026, 9, 1);
    const store = new LedgerStore(path.join(dir, `${name}.jsonl`), () => (now += 1000));
    await store.append(() => SETUP);
    if (extra.length > 0) await store.append(() => extra);
    texts.push(readFileSync(path.join(dir, `${name}.jsonl`), 'utf8'));
  }
  return { ours: texts[0] as string, theirs: texts[1] as string };
}

describe('ledger/merge', () => {
  it('mergeLedgerTexts re-applies their later events after ours and keeps a valid chain', async () => {
    const { ours, theirs } = await copies(
      [{ type: 'identity.rename', identityId: 'id-a', name: 'ours-name' }],
      [
        { type: 'identity.rename', identityId: 'id-b', name: 'their-name' },
        { type: 'identity.deactivate', identityId: 'id-c' },
      ],
    );
    const result = mergeLedgerTexts(ours, theirs, 'ours', 'theirs');
    expect(result).toMatchObject({ common: SETUP.length, applied: 2, skipped: 0 });
    const merged = replayLedger(result.text, 'merged');
    expect(merged.state.names.has('ours-name')).toBe(true);
    expect(merged.state.names.has('their-name')).toBe(true);
    expect(merged.state.identities.get('id-c' as never)?.active).toBe(false);
    expect(mergeLedgerTexts(result.text, theirs, 'merged', 'theirs')).toMatchObject({
      applied: 0,
      skipped: 2,
    });
  });

  it('mergeLedgerTexts refuses an event the rules reject now, naming their line', async () => {
    const { ours, theirs } = await copies(
      [{ type: 'identity.rename', identityId: 'id-a', name: 'taken' }],
      [{ type: 'identity.rename', identityId: 'id-b', name: 'taken' }],
    );
    expect(() => mergeLedgerTexts(ours, theirs, 'ours', 'theirs')).toThrow(
      expect.objectContaining({
        code: 'ledger_merge_conflict',
        message: expect.stringMatching(/theirs: line 6 \(identity.rename\).*name "taken" is taken/),
      }),
    );
    expect(() => mergeLedgerTexts(ours, `${theirs}{"vers`, 'ours', 'theirs')).toThrow(
      expect.objectContaining({ code: 'ledger_torn' }),
    );
  });
});

describe('ledger/lock', () => {
  it('withFileLock takes over a lock left by a dead process and times out on a live one', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cred-lock-')), 'ledger.jsonl');
    writeFileSync(`${file}.lock`, '999999999\n');
    expect(await withFileLock(file, () => 'ran')).toBe('ran');
    writeFileSync(`${file}.lock`, `${process.pid}\n`);
    await expect(
      withFileLock(file, () => 'never', { timeoutMs: 0, sleep: async () => {} }),
    ).rejects.toMatchObject({ code: 'ledger_locked' });
    writeFileSync(`${file}.lock`, 'garbage');
    await expect(
      withFileLock(file, () => 'never', { timeoutMs: 0, sleep: async () => {} }),
    ).rejects.toThrow(/pid unknown/);
  });
});

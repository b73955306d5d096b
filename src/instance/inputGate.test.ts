import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CredError } from '../core/errors.js';
import { SILENT_REPORTER } from '../core/plugin.js';
import { replayLedger } from '../ledger/replay.js';
import { raiseObjection } from './governance/review.js';
import { addIdentity, aliasIdentity, renameIdentity } from './identities.js';
import { initInstance } from './init.js';
import { openInstance, processRuntime, type Instance } from './instance.js';
import { approveQuota } from './ktoken/actions.js';
import { setExclusion, withdrawPayout } from './payout/actions.js';

const runtime = processRuntime(SILENT_REPORTER, { CRED_NOW: '2026-11-02T09:00:00Z' });

/** What a careless or hostile user types: the cases plus random text. */
const HOSTILE = [
  '',
  '   ',
  '\t',
  '../../etc/x',
  'back\\slash',
  '\u001b[31mred\u001b[0m',
  'x'.repeat(5000),
  'right-to-left\u202eoverride',
  'line\nbreak',
  'lone\ud800surrogate',
  ' padded-name ',
  'ok-name',
  'Ünïcödé',
];
const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ maxLength: 80 }),
);

let instance: Instance;
let ledgerFile: string;

beforeAll(async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'cred-gate-')), 'community');
  initInstance(dir);
  instance = await openInstance(dir);
  ledgerFile = instance.paths.ledger;
  await addIdentity(instance, runtime, 'mira', 'user', []);
});

const read = () => (existsSync(ledgerFile) ? readFileSync(ledgerFile, 'utf8') : '');

/** Runs `write`: it either appends lines that replay strictly, or refuses and changes nothing. */
async function appendsReplayableOrNothing(write: () => Promise<unknown>): Promise<void> {
  const before = read();
  let refused: unknown;
  try {
    await write();
  } catch (error) {
    refused = error;
  }
  const after = read();
  if (refused !== undefined) {
    expect(refused).toBeInstanceOf(CredError);
    expect(after).toBe(before);
  } else {
    expect(() => replayLedger(after, 'ledger.jsonl', true)).not.toThrow();
  }
}

const writers: Record<string, (text: string) => Promise<unknown>> = {
  'identity add': (text) => addIdentity(instance, runtime, text, 'user', []),
  'identity add --alias': (text) =>
    addIdentity(instance, runtime, `a${Math.abs(hash(text))}`, 'user', [text]),
  'identity rename': (text) => renameIdentity(instance, runtime, 'mira', text),
  'identity alias': (text) => aliasIdentity(instance, runtime, 'mira', text, false),
  'payout exclude --reason': (text) => setExclusion(instance, runtime, 'mira', '2026-10', text),
  'payout withdraw --reason': (text) => withdrawPayout(instance, runtime, '2026-10', text),
  'payout object --reason': (text) =>
    raiseObjection(instance, runtime, { month: '2026-10', by: 'mira', reason: text }),
  'ktoken quota --reference': (text) =>
    approveQuota(instance, runtime, {
      cycle: '2026-10',
      amount: '10',
      approvedBy: ['a', 'b'],
      reference: text,
    }),
  'ktoken quota --approved-by': (text) =>
    approveQuota(instance, runtime, { cycle: '2026-10', amount: '10', approvedBy: [text, 'b'] }),
};

function hash(text: string): number {
  let h = 7;
  for (const char of text) h = (h * 31 + (char.codePointAt(0) as number)) | 0;
  return h;
}

describe('instance/inputGate', () => {
  for (const [command, write] of Object.entries(writers)) {
    it(`${command}: hostile input is appended replayably or refused leaving the file byte-identical`, async () => {
      await fc.assert(
        fc.asyncProperty(hostile, (text) => appendsReplayableOrNothing(() => write(text))),
        { seed: 17, numRuns: 40 },
      );
    }, 120_000);
  }

  it('empty and blank texts are refused before writing, naming the limit', async () => {
    for (const text of ['', '   ', '\t \n']) {
      await expect(setExclusion(instance, runtime, 'mira', '2026-10', text)).rejects.toMatchObject({
        code: 'text_blank',
      });
    }
    await expect(addIdentity(instance, runtime, 'x'.repeat(5000), 'user', [])).rejects.toThrow(
      /up to 63 letters/,
    );
    await expect(addIdentity(instance, runtime, '../../etc/x', 'user', [])).rejects.toMatchObject({
      code: 'name_invalid',
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';
import { sha256Hex } from './digest.js';
import {
  advanceChain,
  CHAIN_START,
  chainBreak,
  forEachLedgerLine,
  GENESIS_HASH,
  verifyLedgerChain,
} from './ledgerChain.js';

/** A chained ledger text of `count` lines, in the ledger's line format. */
function ledgerText(count: number, tamper?: (line: Record<string, unknown>) => void): string {
  let prev = GENESIS_HASH;
  let text = '';
  for (let seq = 1; seq <= count; seq++) {
    const line: Record<string, unknown> = {
      version: 1,
      seq,
      timestampMs: 1_000 * seq,
      id: seq.toString(16).padStart(24, '0'),
      prev,
      event: { type: 'exclusion.clear', identityId: `id-${seq}`, month: '2026-10' },
    };
    tamper?.(line);
    const encoded = canonicalJson(line);
    text += `${encoded}\n`;
    prev = sha256Hex(encoded);
  }
  return text;
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('core/ledgerChain', () => {
  it('verifyLedgerChain(text, sha256) accepts an intact chain and gives its head hash', async () => {
    const text = ledgerText(5);
    const result = await verifyLedgerChain(text, sha256Hex);
    expect(result.failure).toBeNull();
    expect(result.torn).toBeNull();
    expect(result.lines).toBe(5);
    expect(result.headHash).toBe(sha256Hex(lines(text)[4] as string));
    expect(result.hashes).toEqual(lines(text).map((line) => sha256Hex(line)));
  });

  it('verifyLedgerChain(text, async sha256) gives the same result in small batches', async () => {
    const text = ledgerText(7);
    const sync = await verifyLedgerChain(text, sha256Hex);
    const hashed: string[] = [];
    const async = await verifyLedgerChain(
      text,
      (line) => {
        hashed.push(line);
        return Promise.resolve(sha256Hex(line));
      },
      3,
    );
    expect(async).toEqual(sync);
    expect(hashed).toHaveLength(7);
  });

  it('verifyLedgerChain(text) of an empty ledger verifies zero lines', async () => {
    expect(await verifyLedgerChain('', sha256Hex)).toEqual({
      lines: 0,
      headHash: GENESIS_HASH,
      hashes: [],
      failure: null,
      torn: null,
    });
  });

  it('verifyLedgerChain(text) names the line after one that was changed', async () => {
    const text = ledgerText(4).replace('"identityId":"id-2"', '"identityId":"id-9"');
    const result = await verifyLedgerChain(text, sha256Hex);
    expect(result.failure).toEqual({
      line: 3,
      problem: expect.stringMatching(/does not follow line 2: its hash chain is broken/),
    });
    expect(result.lines).toBe(2);
    expect(result.hashes).toHaveLength(2);
  });

  it('verifyLedgerChain(text) reports a final segment without newline as torn', async () => {
    const text = `${ledgerText(3)}{"version":1,"seq":4`;
    const result = await verifyLedgerChain(text, sha256Hex);
    expect(result.failure).toBeNull();
    expect(result.lines).toBe(3);
    expect(result.torn).toEqual({ offset: ledgerText(3).length, line: 4 });
  });

  it.each([
    ['not JSON', (text: string) => text.replace('{"version":1,"event"', '{"version":1,event'), 1],
    ['not an object', (text: string) => `[1]\n${text}`, 1],
    ['not canonical', (text: string) => text.replace('"seq":2,', '"seq": 2,'), 2],
    ['no id', (text: string) => text.replace(/"id":"[0-9a-f]+",/, ''), 1],
  ])('verifyLedgerChain(text) refuses a line that is %s', async (_, change, line) => {
    const result = await verifyLedgerChain(change(ledgerText(3)), sha256Hex);
    expect(result.failure?.line).toBe(line);
  });

  it('verifyLedgerChain(text) refuses missing or malformed chain fields, naming them', async () => {
    const text = ledgerText(1, (line) => {
      line.version = 2;
      line.seq = 0;
      line.timestampMs = -1;
      line.prev = 'abc';
      line.event = null;
    });
    const result = await verifyLedgerChain(text, sha256Hex);
    expect(result.failure?.problem).toBe(
      'is not a valid ledger line (expected version 1, a positive seq, a timestampMs, a prev of 64 hex digits, an event)',
    );
  });

  it('chainBreak(head, link) checks seq, prev, time order and repeated ids', () => {
    const link = { seq: 1, prev: GENESIS_HASH, timestampMs: 5, id: 'a'.repeat(24) };
    const none = () => false;
    expect(chainBreak(CHAIN_START, link, none)).toBeUndefined();
    expect(chainBreak(CHAIN_START, { ...link, seq: 2 }, none)).toMatch(/has seq 2, expected 1/);
    expect(chainBreak(CHAIN_START, { ...link, prev: 'f'.repeat(64) }, none)).toMatch(
      /does not start the chain/,
    );
    const head = advanceChain(CHAIN_START, link, 'b'.repeat(64));
    expect(head).toEqual({ lines: 1, hash: 'b'.repeat(64), lastTimestampMs: 5 });
    const next = { seq: 2, prev: 'b'.repeat(64), timestampMs: 4, id: 'c'.repeat(24) };
    expect(chainBreak(head, next, none)).toBe('is older than the line before it');
    expect(chainBreak(head, { ...next, timestampMs: 5 }, () => true)).toBe(
      `repeats event id ${'c'.repeat(24)}`,
    );
  });

  it('forEachLedgerLine(text) visits complete lines with their numbers and offsets', () => {
    const seen: [string, number, number][] = [];
    const torn = forEachLedgerLine('a\nbc\n\nd', (line, number, offset) =>
      seen.push([line, number, offset]),
    );
    expect(seen).toEqual([
      ['a', 1, 0],
      ['bc', 2, 2],
      ['', 3, 5],
    ]);
    expect(torn).toEqual({ offset: 6, line: 4 });
  });

  it('verifyLedgerChain(text) detects any change to a line before the last', async () => {
    const text = ledgerText(4);
    const lastStart = text.lastIndexOf('\n', text.length - 2) + 1;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: lastStart - 2 }),
        fc.integer({ min: 32, max: 126 }),
        async (at, code) => {
          fc.pre(text[at] !== String.fromCharCode(code) && text[at] !== '\n');
          const changed = `${text.slice(0, at)}${String.fromCharCode(code)}${text.slice(at + 1)}`;
          const result = await verifyLedgerChain(changed, sha256Hex);
          expect(result.failure).not.toBeNull();
        },
      ),
      { seed: 8, numRuns: 200 },
    );
  });
});

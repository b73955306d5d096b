import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cred, credJson, scratchDir } from './cli.js';

async function loadedInstance(): Promise<string> {
  const dir = path.join(scratchDir(), 'community');
  await cred(['init', dir], path.dirname(dir));
  const load = await cred(['load', '-q'], dir);
  expect(load.code).toBe(0);
  return dir;
}

const ledgerOf = (dir: string) => path.join(dir, 'data', 'ledger.jsonl');

interface ScoreJson {
  scores: { identities: { name: string; totalCred: number }[]; totalMint: number };
}

describe('test/e2e/ledger', () => {
  it('cred load records one identity per new account, once; a merge makes one identity earn from both accounts', async () => {
    const dir = await loadedInstance();
    expect(readFileSync(ledgerOf(dir), 'utf8').trimEnd().split('\n')).toHaveLength(3);
    const again = await credJson<{ identitiesCreated: number }>(['load', '-q'], dir);
    expect(again.json.identitiesCreated).toBe(0);
    const before = await credJson<ScoreJson>(['score', '-q'], dir);
    const credOf = (json: ScoreJson, name: string) =>
      json.scores.identities.find((i) => i.name === name)?.totalCred ?? 0;
    expect((await cred(['identity', 'merge', 'mira', 'lin', '-q'], dir)).code).toBe(0);
    const after = await credJson<ScoreJson>(['score', '-q'], dir);
    expect(after.json.scores.identities.map((i) => i.name).sort()).toEqual(['mira', 'tomas']);
    expect(credOf(after.json, 'mira')).toBeGreaterThan(
      credOf(before.json, 'mira') + credOf(before.json, 'lin') - 1e-6,
    );
    expect(
      (await credJson<{ identitiesCreated: number }>(['load', '-q'], dir)).json.identitiesCreated,
    ).toBe(0);
    expect((await cred(['identity', 'unmerge', 'lin', '-q'], dir)).code).toBe(0);
    const restored = await credJson<ScoreJson>(['score', '-q'], dir);
    expect(credOf(restored.json, 'lin')).toBeCloseTo(credOf(before.json, 'lin'), 9);
  });

  it('two cred processes writing at once are serialized: every event lands and the ledger verifies', async () => {
    const dir = await loadedInstance();
    const adds = Array.from({ length: 12 }, (_, k) =>
      cred(['identity', 'add', `helper-${k}`, '-q'], dir),
    );
    const results = await Promise.all(adds);
    expect(results.map((r) => r.code)).toEqual(results.map(() => 0));
    const verify = await credJson<{ lines: number }>(['ledger', 'verify'], dir);
    expect(verify.code).toBe(0);
    expect(verify.json.lines).toBe(3 + 12);
  });

  it('cred ledger verify fails naming the line when an earlier line is changed', async () => {
    const dir = await loadedInstance();
    await cred(['identity', 'rename', 'tomas', 'tomas-k', '-q'], dir);
    const text = readFileSync(ledgerOf(dir), 'utf8');
    writeFileSync(ledgerOf(dir), text.replace('"name":"lin"', '"name":"lim"'));
    const verify = await credJson<{ error: { code: string; message: string } }>(
      ['ledger', 'verify'],
      dir,
    );
    expect(verify.code).toBe(4);
    expect(verify.json.error.code).toBe('ledger_corrupt');
    const changed = text.split('\n').findIndex((line) => line.includes('"name":"lin"')) + 1;
    expect(verify.json.error.message).toMatch(new RegExp(`line ${changed}\\b`));
    const write = await credJson<{ error: { code: string } }>(['identity', 'add', 'x', '-q'], dir);
    expect(write.json.error.code).toBe('ledger_corrupt');
    expect(readFileSync(ledgerOf(dir), 'utf8')).toBe(text.replace('"name":"lin"', '"name":"lim"'));
  });

  it('a torn last line is reported; writes refuse until cred ledger repair', async () => {
    const dir = await loadedInstance();
    appendFileSync(ledgerOf(dir), '{"version":1,"event":{"type":"identity.cr');
    const list = await cred(['identity', 'list'], dir);
    expect(list.code).toBe(0);
    expect(list.stderr).toMatch(/line 4 is incomplete/);
    const write = await credJson<{ error: { code: string; suggestions: string[] } }>(
      ['identity', 'add', 'x', '-q'],
      dir,
    );
    expect(write.code).toBe(4);
    expect(write.json.error.code).toBe('ledger_torn');
    expect(write.json.error.suggestions.join(' ')).toMatch(/cred ledger repair/);
    expect((await cred(['ledger', 'repair', '-q'], dir)).code).toBe(0);
    expect((await cred(['identity', 'add', 'x', '-q'], dir)).code).toBe(0);
    expect((await cred(['ledger', 'verify', '-q'], dir)).code).toBe(0);
  });

  it('cred ledger merge combines two copies that diverged, and refuses a conflicting one', async () => {
    const dir = await loadedInstance();
    const base = readFileSync(ledgerOf(dir), 'utf8');
    await cred(['identity', 'add', 'ours-only', '-q'], dir);
    const ours = readFileSync(ledgerOf(dir), 'utf8');
    writeFileSync(ledgerOf(dir), base);
    await cred(['identity', 'add', 'theirs-only', '-q'], dir);
    await cred(['identity', 'rename', 'lin', 'lin-z', '-q'], dir);
    const theirs = path.join(dir, 'theirs.jsonl');
    writeFileSync(theirs, readFileSync(ledgerOf(dir), 'utf8'));
    writeFileSync(ledgerOf(dir), ours);
    const merged = await credJson<{ common: number; applied: number }>(
      ['ledger', 'merge', theirs],
      dir,
    );
    expect(merged.json).toMatchObject({ common: 3, applied: 2 });
    const names = (
      await credJson<{ identities: { name: string }[] }>(['identity', 'list'], dir)
    ).json.identities.map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['ours-only', 'theirs-only', 'lin-z']));
    expect((await cred(['ledger', 'verify', '-q'], dir)).code).toBe(0);
    await cred(['identity', 'rename', 'lin-z', 'lin-y', '-q'], dir);
    const conflict = path.join(dir, 'conflict.jsonl');
    writeFileSync(conflict, base);
    await cred(['identity', 'rename', 'lin-y', 'lin-x', '-q', '--instance', dir], dir);
    const other = readFileSync(ledgerOf(dir), 'utf8').trimEnd().split('\n');
    writeFileSync(conflict, `${base}${other.slice(-1)[0]}\n`);
    const refused = await credJson<{ error: { code: string } }>(['ledger', 'merge', conflict], dir);
    expect(refused.json.error.code).toMatch(/ledger_(merge_conflict|corrupt)/);
  });

  it('the ledger holds no email address or secret', async () => {
    const dir = await loadedInstance();
    writeFileSync(
      path.join(dir, 'payees.json'),
      JSON.stringify({ mira: { email: 'mira@example.org' } }),
    );
    await cred(['identity', 'set-payout', 'mira', 'mira-oc', '-q'], dir, {
      GITHUB_TOKEN: 'test-token-not-real',
    });
    const text = readFileSync(ledgerOf(dir), 'utf8');
    expect(text).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/);
    expect(text).not.toMatch(/test-token-not-real/);
  });
});

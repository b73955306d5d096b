import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cred, credJson, PROJECT, scratchDir } from './cli.js';

async function loadedInstance(): Promise<string> {
  const dir = path.join(scratchDir(), 'community');
  await cred(['init', dir], path.dirname(dir));
  expect((await cred(['load', '-q'], dir)).code).toBe(0);
  return dir;
}

const ledgerOf = (dir: string) => path.join(dir, 'data', 'ledger.jsonl');

describe('test/e2e/ledgerTrust', () => {
  it("printf '\\n' >> data/ledger.jsonl && cred ledger repair && cred ledger verify passes", async () => {
    const dir = await loadedInstance();
    const bin = path.join(PROJECT, 'bin', 'run.js');
    const script = `printf '\\n' >> data/ledger.jsonl && node ${bin} ledger repair && node ${bin} ledger verify`;
    const out = execFileSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(out).toMatch(/Repaired: removed blank line 4/);
    expect((await credJson<{ lines: number }>(['ledger', 'verify'], dir)).json.lines).toBe(3);
  }, 300_000);

  it('hostile names and blank reasons are refused with exit != 0 and the ledger byte-identical', async () => {
    const dir = await loadedInstance();
    const before = readFileSync(ledgerOf(dir), 'utf8');
    const attempts = [
      ['identity', 'add', '../../etc/x'],
      ['identity', 'add', '\u001b[31mred'],
      ['identity', 'add', 'x'.repeat(5000)],
      ['identity', 'rename', 'mira', ''],
      ['payout', 'exclude', 'mira', '--month', '2026-10', '--reason', '   '],
      ['payout', 'exclude', 'mira', '--month', '2026-10', '--reason', 'a\u001b[2Jb'],
    ];
    for (const args of attempts) {
      const result = await cred([...args, '-q'], dir);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr).not.toContain('\u001b');
      expect(readFileSync(ledgerOf(dir), 'utf8')).toBe(before);
    }
    expect((await cred(['ledger', 'verify'], dir)).code).toBe(0);
  }, 300_000);
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { everyAction } from '../../src/ledger/sourcecred/testing/everyAction.js';
import { cred, credJson, scratchDir } from './cli.js';

/** A SourceCred instance folder holding only a ledger (and its sourcecred.json). */
function scFolder(ledgerText: string): string {
  const root = scratchDir('cred-e2e-sourcecred-');
  mkdirSync(path.join(root, 'data'));
  writeFileSync(path.join(root, 'data', 'ledger.json'), ledgerText);
  writeFileSync(path.join(root, 'sourcecred.json'), '{"bundledPlugins":["sourcecred/github"]}');
  return root;
}

describe('e2e: cred import sourcecred', () => {
  it('cred import sourcecred PATH --json writes an instance whose ledger verifies and holds the balances', async () => {
    const l = everyAction();
    const source = scFolder(l.serialize());
    const target = path.join(scratchDir(), 'community');
    const { code, json } = await credJson<{ balances: { paid: string; owed: string } }>(
      ['import', 'sourcecred', source, '--into', target],
      scratchDir(),
    );
    expect(code).toBe(0);
    expect(existsSync(path.join(target, 'output/import/sourcecred.md'))).toBe(true);
    expect((await cred(['ledger', 'verify'], target)).code).toBe(0);
    const balances = await credJson<{ identities: { id: string; paid: string; owed: string }[] }>(
      ['ledger', 'balances', '--all'],
      target,
    );
    const paid = balances.json.identities.reduce((sum, row) => sum + BigInt(row.paid), 0n);
    expect(paid.toString()).toBe(json.balances.paid);
    expect(paid).toBeGreaterThan(0n);
    const again = await cred(['import', 'sourcecred', source, '--into', target], target);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('already imported');
  }, 300_000);

  it('cred import sourcecred on an unknown action names the line and writes nothing', async () => {
    const lines = everyAction().serialize().trim().split('\n');
    lines[2] = lines[2]!.replace(/"type":"[A-Z_]+"}/, '"type":"REMOVE_ALIAS"}');
    const source = scFolder(`${lines.join('\n')}\n`);
    const target = scratchDir();
    const result = await cred(['import', 'sourcecred', source], target);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/line 3 has an unknown action type "REMOVE_ALIAS"/);
    expect(existsSync(path.join(target, 'cred.json'))).toBe(false);
    expect(readFileSync(path.join(source, 'data', 'ledger.json'), 'utf8')).toContain(
      'REMOVE_ALIAS',
    );
  });
});

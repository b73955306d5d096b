import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cred, credJson, PROJECT as PROJECT_DIR, scratchDir } from './cli.js';

async function demo(): Promise<string> {
  const dir = path.join(scratchDir(), 'demo');
  await cred(['init', dir], path.dirname(dir));
  return dir;
}

/** The demo's weights/files.json with `change` applied, written outside the instance. */
function proposal(dir: string, change: (weights: Record<string, unknown>) => void): string {
  const weights = JSON.parse(readFileSync(path.join(dir, 'weights', 'files.json'), 'utf8'));
  change(weights);
  const folder = path.join(path.dirname(dir), 'proposal');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'files.json');
  writeFileSync(file, JSON.stringify(weights));
  return file;
}

interface DiffJson {
  type: string;
  algorithm: string;
  before: { files: string[]; totalCred: number };
  after: { files: string[]; totalCred: number };
  weightChanges: { field: string; before: unknown; after: unknown }[];
  identities: { name: string; change: number; before: { cred: number }; after: { cred: number } }[];
  payouts: null;
}

describe('test/e2e/scoring', () => {
  it('cred weights diff OLD NEW ranks identities by change and names the changed settings', async () => {
    const dir = await demo();
    const file = proposal(dir, (weights) => {
      weights.budgets = { files: 2 };
      (weights.nodes as Record<string, number>)['files/contribution/talk'] = 3;
    });
    const { code, json } = await credJson<DiffJson>(
      ['weights', 'diff', 'weights/files.json', file],
      dir,
    );
    expect(code).toBe(0);
    expect(json.type).toBe('cred/weights-diff');
    expect(json.before.files).toContain('weights/files.json');
    expect(json.weightChanges.map((c) => c.field)).toEqual([
      'budgets.files',
      'nodes.files/contribution/talk',
    ]);
    // Three records minting 3 (meetup), 2 (translation) and 2 * 3 (talk); a budget of 2 a week.
    expect(json.before.totalCred).toBeCloseTo(7, 9);
    expect(json.after.totalCred).toBeCloseTo(6, 9);
    const changes = json.identities.map((row) => Math.abs(row.change));
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
    expect(json.identities[0]?.name).toBe('mira');
    expect(json.payouts).toBeNull();
    const human = await cred(['weights', 'diff', 'weights/files.json', file, '-q'], dir);
    expect(human.stdout).toMatch(/budgets.files: \(unset\) → 2/);
    expect(human.stdout).toMatch(/1\s+mira\s+2.71\s+2.04\s+-0.67\s+-24.6%/);
  });

  it('cred score --weights FILE shows the what-if and writes nothing', async () => {
    const dir = await demo();
    const file = proposal(dir, (weights) => {
      (weights.nodes as Record<string, number>)['files/contribution'] = 2;
    });
    const { code, json } = await credJson<DiffJson>(['score', '--weights', file], dir);
    expect(code).toBe(0);
    expect(json.after.totalCred).toBeCloseTo(2 * json.before.totalCred, 9);
    for (const row of json.identities) expect(row.after.cred).toBeCloseTo(2 * row.before.cred, 9);
    expect(existsSync(path.join(dir, 'output'))).toBe(false);
    const missing = await credJson<{ error: { code: string } }>(
      ['weights', 'diff', 'nope.json', file],
      dir,
    );
    expect(missing.code).toBe(3);
    expect(missing.json.error.code).toBe('WEIGHTS_FILE_NOT_FOUND');
  });

  it('cred score with "algorithm": "openrank" writes monthly OpenRank as weekly cred', async () => {
    const dir = await demo();
    const configFile = path.join(dir, 'cred.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    config.cred = { algorithm: 'openrank', openrank: { retention: { contribution: 0.5 } } };
    writeFileSync(configFile, JSON.stringify(config));
    const { code, json } = await credJson<{
      scores: {
        algorithm: string;
        parameters: Record<string, number | string>;
        weeks: string[];
        identities: { name: string; cred: number[] }[];
      };
    }>(['score', '--json-scores'], dir);
    expect(code).toBe(0);
    expect(json.scores.algorithm).toBe('openrank');
    expect(json.scores.parameters['retention.contribution']).toBe(0.5);
    expect(json.scores.parameters['retention.developer']).toBe(0.15);
    // The translation (lin, 2026-09-28) is September's only work: lin's September value sits in
    // September's three whole weeks; the weeks straddling August and October get none of it.
    const lin = json.scores.identities.find((row) => row.name === 'lin');
    expect(json.scores.weeks.slice(0, 5)).toEqual([
      '2026-08-31',
      '2026-09-07',
      '2026-09-14',
      '2026-09-21',
      '2026-09-28',
    ]);
    expect(lin?.cred[0]).toBe(0);
    expect(lin?.cred[1]).toBeGreaterThan(0);
    expect(lin?.cred[4]).toBe(0);
    const scores = JSON.parse(readFileSync(path.join(dir, 'output', 'cred.json'), 'utf8'));
    expect(scores.algorithm).toBe('openrank');
  });

  it('cred score rejects an OpenRank setting out of range, naming the field', async () => {
    const dir = await demo();
    const configFile = path.join(dir, 'cred.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    config.cred = { algorithm: 'openrank', openrank: { belongRatio: 2 } };
    writeFileSync(configFile, JSON.stringify(config));
    const { code, json } = await credJson<{ error: { code: string; message: string } }>(
      ['score'],
      dir,
    );
    expect(code).toBe(3);
    expect(json.error.code).toBe('CONFIG_INVALID');
    expect(json.error.message).toMatch(/cred.openrank.belongRatio/);
  });

  it('cred init --algorithm openrank --preset open-digger writes a preset that cred score runs', async () => {
    const dir = path.join(scratchDir(), 'od');
    expect(
      (
        await cred(
          ['init', dir, '--algorithm', 'openrank', '--preset', 'open-digger'],
          path.dirname(dir),
        )
      ).code,
    ).toBe(0);
    const { code, json } = await credJson<{
      scores: { algorithm: string; parameters: Record<string, number | string> };
    }>(['score'], dir);
    expect(code).toBe(0);
    expect(json.scores.algorithm).toBe('openrank');
    expect(json.scores.parameters['attenuationPerMonth.contribution']).toBe(0.8);
    const wrong = await credJson<{ error: { code: string; message: string } }>(
      ['init', path.join(scratchDir(), 'x'), '--algorithm', 'openrank', '--preset', 'kToken'],
      PROJECT_DIR,
    );
    expect(wrong.code).toBe(2);
    expect(wrong.json.error.code).toBe('CONFIG_INVALID');
    expect(wrong.json.error.message).toMatch(/--preset: expected one of ktoken, open-digger/);
  });
});

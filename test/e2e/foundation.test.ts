import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cred, credJson, PROJECT, scratchDir } from './cli.js';

function newInstance(): string {
  const dir = path.join(scratchDir(), 'demo');
  return dir;
}

describe('test/e2e/foundation', () => {
  it('cred init demo && cd demo && cred score works on the bundled example contributions', async () => {
    const dir = newInstance();
    const init = await cred(['init', dir], path.dirname(dir));
    expect(init.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      '.gitignore',
      'contributions',
      'cred.json',
      'data',
      'weights',
    ]);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toMatch(
      /cache\/\noutput\/\npayees.json/,
    );
    const score = await cred(['score', '--json-scores'], dir);
    expect(score.code).toBe(0);
    expect(score.stdout).toMatch(/mira\s+user/);
    expect(score.stdout).toMatch(/total 7.00 = mint 7.00/);
    const scores = JSON.parse(readFileSync(path.join(dir, 'output', 'cred.json'), 'utf8'));
    expect(scores).toMatchObject({ type: 'cred/scores', version: 1, algorithm: 'credrank' });
    expect(scores.totalCred).toBeCloseTo(7, 9);
    expect(existsSync(path.join(dir, 'output', 'graphs', 'files.credgraph'))).toBe(true);
  });

  it('two runs of cred score on the same inputs write byte-identical scores', async () => {
    const dir = newInstance();
    await cred(['init', dir], path.dirname(dir));
    const output = (file: string) => readFileSync(path.join(dir, 'output', file));
    await cred(['score', '-q', '--json-scores'], dir);
    const [first, compact] = [output('cred.json'), output('cred.credscores')];
    await cred(['score', '-q', '--json-scores'], dir);
    expect(output('cred.json').equals(first)).toBe(true);
    expect(output('cred.credscores').equals(compact)).toBe(true);
    expect(first.toString().startsWith('{\n  "type": "cred/scores",\n  "version": 1,')).toBe(true);
    // Once written, cred.json is kept in step; without it and the flag only the compact file.
    await cred(['score', '-q'], dir);
    expect(output('cred.json').equals(first)).toBe(true);
    rmSync(path.join(dir, 'output', 'cred.json'));
    await cred(['score', '-q'], dir);
    expect(output('cred.credscores').equals(compact)).toBe(true);
    expect(existsSync(path.join(dir, 'output', 'cred.json'))).toBe(false);
  });

  it('cred score --json returns the typed result', async () => {
    const dir = newInstance();
    await cred(['init', dir], path.dirname(dir));
    const { code, json } = await credJson<{
      scores: { identities: { name: string; totalCred: number }[] };
    }>(['score'], dir);
    expect(code).toBe(0);
    expect(json.scores.identities.map((i) => i.name).sort()).toEqual(['lin', 'mira', 'tomas']);
  });

  it.each([
    [
      'bad JSON',
      'cred.json',
      (text: string) => text.replace('"name"', '"name",,'),
      'JSON_INVALID',
      /cred.json: not valid JSON at line/,
    ],
    [
      'unknown field',
      'cred.json',
      (text: string) => text.replace('"name"', '"nmae"'),
      'CONFIG_INVALID',
      /unknown field "nmae"/,
    ],
    [
      'unknown plugin',
      'cred.json',
      (text: string) => text.replace('"files": {}', '"files": {}, "gitlab": {}'),
      'CONFIG_UNKNOWN_PLUGIN',
      /plugins.gitlab/,
    ],
    [
      'negative weight',
      'weights/files.json',
      (text: string) => text.replace('"backwards": 1', '"backwards": -1'),
      'WEIGHTS_INVALID',
      /weights\/files.json: field "edges.files\/contributes.backwards"/,
    ],
    [
      'unknown weight key',
      'weights/files.json',
      (text: string) => text.replace('"files/person"', '"files/persons"'),
      'WEIGHTS_UNKNOWN_TYPE',
      /files\/persons/,
    ],
    [
      'bad record',
      'contributions/2026-10-meetup.yaml',
      (text: string) => text.replace('2026-10-15', '15/10/2026'),
      'FILES_INVALID_RECORD',
      /2026-10-meetup.yaml: record 1: field "date"/,
    ],
  ])(
    'a broken instance (%s) gives an error naming file and field, a non-zero exit, and writes nothing',
    async (_label, file, edit, code, message) => {
      const dir = newInstance();
      await cred(['init', dir], path.dirname(dir));
      const target = path.join(dir, file);
      writeFileSync(target, edit(readFileSync(target, 'utf8')));
      const { code: exit, json } = await credJson<{
        error: { code: string; message: string; suggestions: string[] };
      }>(['score'], dir);
      expect(exit).toBe(3);
      expect(json.error.code).toBe(code);
      expect(json.error.message).toMatch(message);
      expect(json.error.suggestions.length).toBeGreaterThan(0);
      expect(existsSync(path.join(dir, 'output'))).toBe(false);
      const human = await cred(['score'], dir);
      expect(human.stderr).toMatch(/^Error: /m);
    },
  );

  it('cred finds the instance from a subfolder or --instance, and says how to make one otherwise', async () => {
    const dir = newInstance();
    await cred(['init', dir], path.dirname(dir));
    expect((await cred(['graph', '-q'], path.join(dir, 'contributions'))).code).toBe(0);
    expect((await cred(['graph', '-q', '--instance', dir], PROJECT)).code).toBe(0);
    const lost = await credJson<{ error: { code: string } }>(['score'], scratchDir());
    expect(lost.code).toBe(3);
    expect(lost.json.error.code).toBe('INSTANCE_NOT_FOUND');
    const twice = await credJson<{ error: { code: string } }>(['init', dir], PROJECT);
    expect(twice.json.error.code).toBe('INSTANCE_EXISTS');
  });

  it('a community plugin named in cred.json is loaded from the instance as a package', async () => {
    const dir = newInstance();
    await cred(['init', dir, '--bare'], path.dirname(dir));
    cpSync(
      path.join(PROJECT, 'test/fixtures/plugin-package/cred-plugin-example'),
      path.join(dir, 'node_modules/cred-plugin-example'),
      { recursive: true },
    );
    const config = JSON.parse(readFileSync(path.join(dir, 'cred.json'), 'utf8'));
    config.plugins.meetups = {
      package: 'cred-plugin-example',
      meetups: [
        { id: 'm1', title: 'First meetup', date: '2026-10-01', host: 'kim' },
        { id: 'm2', title: 'Second meetup', date: '2026-10-20', host: 'sam' },
      ],
    };
    writeFileSync(path.join(dir, 'cred.json'), JSON.stringify(config));
    const { code, json } = await credJson<{
      scores: { totalMint: number; identities: { name: string; totalCred: number }[] };
    }>(['score'], dir);
    expect(code).toBe(0);
    expect(json.scores.totalMint).toBe(4);
    expect(
      json.scores.identities.map((i) => [i.name, Number(i.totalCred.toFixed(6))]).sort(),
    ).toEqual([
      ['kim', 2],
      ['sam', 2],
    ]);
  });

  it('cred --help lists the commands and each command has help', async () => {
    const help = await cred(['--help'], PROJECT);
    expect(help.stdout).toMatch(/init/);
    expect(help.stdout).toMatch(/score/);
    const scoreHelp = await cred(['score', '--help'], PROJECT);
    expect(scoreHelp.stdout).toMatch(/--json/);
    expect(scoreHelp.stdout).toMatch(/--instance/);
  });
});

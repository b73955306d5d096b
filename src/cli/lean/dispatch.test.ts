import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Config } from '@oclif/core';
import { normalizeArgv } from '@oclif/core/help';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../instance/init.js';
import { commandFor, type CommandIndex } from './dispatch.js';

let config: Config;
let index: CommandIndex;

beforeAll(async () => {
  config = await Config.load(PROJECT_ROOT);
  const file = path.join(PROJECT_ROOT, 'dist', 'commandIndex.json');
  index = JSON.parse(readFileSync(file, 'utf8')) as CommandIndex;
});

describe('the lean runner finds commands as oclif does', () => {
  it('indexes every command of the manifest, with its bundle', () => {
    expect(Object.keys(index.commands).sort()).toEqual([...config.commandIDs].sort());
    for (const command of Object.values(index.commands))
      expect(command.file).toMatch(/^dist\/commands\/.+\.js$/);
  });

  it("takes a command line only with oclif's id and arguments", () => {
    const words = [
      ...new Set([...config.commandIDs.flatMap((id) => id.split(':')), 'nonsense', 'x=1']),
    ];
    const tokens = [...words, '--json', '-q', '--month', '2026-10', '--help', '-h', '--', 'help'];
    let taken = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 4 }), (argv) => {
        const found = commandFor(argv, index);
        if (found === undefined) return;
        taken += 1;
        const [id, ...rest] = normalizeArgv(config, [...argv]);
        expect({ id: found.id, rest: found.rest }).toEqual({ id, rest });
        expect(config.findCommand(found.id)).toBeDefined();
      }),
      { numRuns: 2000 },
    );
    expect(taken).toBeGreaterThan(100);
  });

  it('leaves help, version, topics and unknown commands to oclif', () => {
    for (const argv of [
      ['identity'],
      ['identity', 'lst'],
      ['identity', 'list', '--help'],
      ['payout', 'nonsense'],
      ['--version'],
      ['-q'],
      ['load', '--', 'x'],
    ])
      expect(commandFor(argv, index), argv.join(' ')).toBeUndefined();
    expect(commandFor(['identity', 'list', '--json'], index)?.id).toBe('identity:list');
  });
});

import * as OclifArgs from '@oclif/core/args';
import * as OclifFlags from '@oclif/core/flags';
import { describe, expect, it } from 'vitest';
import * as LeanArgs from './args.js';
import * as LeanFlags from './flags.js';

type Builder = (options?: Record<string, unknown>) => Record<string, unknown>;

const OPTIONS: Record<string, unknown>[] = [
  {},
  { description: 'd', char: 'q', required: true },
  { multiple: true, default: ['a'] },
  { min: 2, max: 9, exists: true, options: ['one', 'two'], helpGroup: 'GLOBAL', env: 'X' },
];

const INPUTS = ['1', '12', '-3', 'x', '1.5', '', '.', 'package.json', 'no-such', 'https://a.b/'];

function shape(definition: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(definition).map(([key, value]) => [
      key,
      typeof value === 'function' ? 'function' : value,
    ]),
  );
}

async function outcome(definition: Record<string, unknown>, input: string): Promise<unknown> {
  const parse = definition.parse as (i: string, c: unknown, o: unknown) => Promise<unknown>;
  try {
    return { value: await parse(input, {}, definition) };
  } catch (error) {
    return { error: (error as Error).message, name: (error as Error).name };
  }
}

async function expectSameBuilders(lean: Builder, oclif: Builder): Promise<void> {
  for (const options of OPTIONS) {
    const [mine, theirs] = [lean(options), oclif(options)];
    expect(shape(mine)).toEqual(shape(theirs));
    for (const input of INPUTS)
      expect(await outcome(mine, input), `${JSON.stringify(options)} ${input}`).toEqual(
        await outcome(theirs, input),
      );
  }
}

describe('lean flag and argument builders', () => {
  for (const name of ['string', 'integer', 'directory', 'file', 'url'] as const) {
    it(`Flags.${name} and Args.${name} are oclif's`, async () => {
      await expectSameBuilders(LeanFlags[name] as Builder, OclifFlags[name] as Builder);
      await expectSameBuilders(LeanArgs[name] as Builder, OclifArgs[name] as Builder);
    });
  }

  it("Flags.boolean, custom and option and Args.boolean and custom are oclif's", async () => {
    await expectSameBuilders(LeanFlags.boolean as Builder, OclifFlags.boolean as Builder);
    await expectSameBuilders(LeanArgs.boolean as Builder, OclifArgs.boolean as Builder);
    const defaults = { multiple: true, helpValue: 'X' };
    await expectSameBuilders(
      LeanFlags.custom(defaults) as Builder,
      OclifFlags.custom(defaults as never) as Builder,
    );
    const choices = { ...defaults, options: ['a'] };
    await expectSameBuilders(
      LeanFlags.option(choices) as Builder,
      OclifFlags.option(choices as never) as Builder,
    );
    await expectSameBuilders(
      LeanArgs.custom(defaults) as Builder,
      OclifArgs.custom(defaults as never) as Builder,
    );
  });
});

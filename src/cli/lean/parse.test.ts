import { parse as oclifParse } from '@oclif/core/parser';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as LeanArgs from './args.js';
import * as LeanFlags from './flags.js';
import { leanParse, type LeanParseInput } from './parse.js';

const NAMES = ['alpha', 'beta', 'gamma', 'json'] as const;
const ENV = 'CRED_LEAN_PARSE_TEST';

const flagDefinition = fc.oneof(
  fc.record({ kind: fc.constant('boolean' as const), char: fc.boolean() }),
  fc.record({
    kind: fc.constantFrom('string' as const, 'integer' as const, 'options' as const),
    char: fc.boolean(),
    required: fc.boolean(),
    multiple: fc.boolean(),
    withDefault: fc.boolean(),
    withEnv: fc.boolean(),
    min: fc.constantFrom(undefined, 1),
  }),
);

type FlagShape = typeof flagDefinition extends fc.Arbitrary<infer T> ? T : never;

function leanFlag(name: string, shape: FlagShape): unknown {
  const char = shape.char ? { char: name[0] } : {};
  if (shape.kind === 'boolean') return LeanFlags.boolean({ description: name, ...char });
  const common = {
    description: name,
    ...char,
    ...(shape.required ? { required: true } : {}),
    ...(shape.multiple ? { multiple: true } : {}),
    ...(shape.withEnv ? { env: ENV } : {}),
  };
  if (shape.kind === 'integer')
    return LeanFlags.integer({
      ...common,
      ...(shape.min === undefined ? {} : { min: shape.min }),
      ...(shape.withDefault ? { default: 3 } : {}),
    });
  if (shape.kind === 'options')
    return LeanFlags.string({
      ...common,
      options: ['one', 'two'],
      ...(shape.withDefault ? { default: 'one' } : {}),
    });
  return LeanFlags.string({ ...common, ...(shape.withDefault ? { default: 'five' } : {}) });
}

const commandShape = fc.record({
  flags: fc.dictionary(fc.constantFrom(...NAMES), flagDefinition),
  args: fc.array(fc.constantFrom('plain', 'options', 'directory'), { maxLength: 2 }),
  strict: fc.boolean(),
});

type Shape = typeof commandShape extends fc.Arbitrary<infer T> ? T : never;

function inputFor(shape: Shape) {
  const flags = Object.fromEntries(
    Object.entries(shape.flags).map(([name, flag]) => [name, leanFlag(name, flag)]),
  );
  const args = Object.fromEntries(
    shape.args.map((kind, k) => [
      `arg${k}`,
      kind === 'options'
        ? LeanArgs.string({ options: ['one', 'two'] })
        : kind === 'directory'
          ? LeanArgs.directory({ exists: true })
          : LeanArgs.string({ required: k === 0 }),
    ]),
  );
  return { flags, args, strict: shape.strict } as unknown as LeanParseInput;
}

const TOKENS = [
  '--alpha',
  '--beta',
  '--gamma',
  '--json',
  '--alpha=one',
  '--beta=7',
  '--gamma=',
  '-a',
  '-b',
  '-g',
  '-j',
  '-ab',
  'one',
  'two',
  '7',
  '0',
  'x y',
  '-5',
  '-',
  '--',
  '--nope',
  '--no-alpha',
  '.',
  'no-such-folder',
];

/** A command line a maintainer would type for `shape`: each flag at most once, then the args. */
function plainLine(shape: Shape): fc.Arbitrary<string[]> {
  const flagParts = Object.entries(shape.flags).map(([name, flag]) => {
    const spelled = flag.char ? [`--${name}`, `-${name[0]}`] : [`--${name}`];
    const values =
      flag.kind === 'boolean'
        ? [undefined]
        : flag.kind === 'integer'
          ? ['0', '2', '12', 'x']
          : ['one', 'two', 'three'];
    return fc.option(
      fc
        .tuple(fc.constantFrom(...spelled), fc.constantFrom(...values), fc.boolean())
        .map(([token, value, inline]) =>
          value === undefined
            ? [token]
            : inline && token.startsWith('--')
              ? [`${token}=${value}`]
              : [token, value],
        ),
      { nil: [] },
    );
  });
  const argParts = shape.args.map((kind) =>
    fc.constantFrom(...(kind === 'directory' ? ['.', 'no-such-folder'] : ['one', 'two', 'six'])),
  );
  return fc
    .tuple(fc.tuple(...flagParts), fc.tuple(...argParts), fc.boolean())
    .map(([flags, args, argsFirst]) =>
      argsFirst ? [...args, ...flags.flat()] : [...flags.flat(), ...args],
    );
}

describe('the lean parser', () => {
  afterEach(() => {
    delete process.env[ENV];
  });

  it("gives oclif's result for every command line it takes, and takes plain ones", async () => {
    let taken = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        commandShape.chain((shape) =>
          fc.tuple(
            fc.constant(shape),
            fc.oneof(fc.array(fc.constantFrom(...TOKENS), { maxLength: 6 }), plainLine(shape)),
          ),
        ),
        fc.constantFrom(undefined, 'two', '9'),
        async ([shape, argv], env) => {
          runs += 1;
          if (env === undefined) delete process.env[ENV];
          else process.env[ENV] = env;
          const input = inputFor(shape);
          const lean = await leanParse(argv, input);
          if (lean === undefined) return;
          taken += 1;
          const oclif = await oclifParse(argv, input as never);
          expect({ args: lean.args, argv: lean.argv, flags: lean.flags }).toEqual({
            args: oclif.args,
            argv: oclif.argv,
            flags: oclif.flags,
          });
        },
      ),
      { numRuns: 1500 },
    );
    // Not vacuous: a good share of the lines are plain ones the lean parser takes.
    expect(taken).toBeGreaterThan(runs / 20);
  });

  it('leaves to oclif what oclif reports as an error', async () => {
    const input = inputFor({
      flags: {
        alpha: {
          kind: 'integer',
          char: false,
          required: true,
          multiple: false,
          withDefault: false,
          withEnv: false,
          min: 1,
        },
      },
      args: [],
      strict: true,
    });
    for (const argv of [[], ['--alpha', 'x'], ['--alpha', '0'], ['--alpha=3', 'extra'], ['--zz']])
      expect(await leanParse(argv, input)).toBeUndefined();
    expect((await leanParse(['--alpha', '2'], input))?.flags).toEqual({ alpha: 2 });
  });
});

/**
 * Flag builders with the shape @oclif/core/flags gives (the same fields, so oclif's parser, help
 * and manifest read them unchanged), without importing @oclif/core at start-up. The bundled
 * commands import this module in place of `@oclif/core/flags` (tools/bundleCli.js); type
 * checking still sees oclif's own types. `flags.test.ts` holds both builders to the same objects
 * and the same parse results.
 */
import { stat } from 'node:fs/promises';
import { oclifErrors } from './oclifLazy.js';

type Options = Record<string, unknown>;
type ParseFn = (input: string, context: unknown, options: Options) => Promise<unknown>;

export function custom(defaults: Options = {}) {
  return (options: Options = {}) => ({
    parse: async (input: string) => input,
    ...defaults,
    ...options,
    input: [],
    multiple: Boolean(
      options.multiple === undefined ? (defaults.multiple ?? false) : options.multiple,
    ),
    type: 'option',
  });
}

/** oclif's `option` builder gives what `custom` gives (`multiple` false unless asked). */
export const option = custom;

export function boolean(options: Options = {}) {
  return {
    parse: async (value: boolean) => value,
    ...options,
    allowNo: Boolean(options.allowNo),
    type: 'boolean',
  };
}

function cliError(message: string): Error {
  return new (oclifErrors().CLIError)(message);
}

/** An integer within `min`/`max`, with oclif's messages (flags throw CLIError, args Error). */
export function integerFrom(
  input: string,
  options: Options,
  failure: (message: string) => Error,
): number {
  if (!/^-?\d+$/.test(input)) throw failure(`Expected an integer but received: ${input}`);
  const value = Number.parseInt(input, 10);
  const { min, max } = options as { min?: number; max?: number };
  if (min !== undefined && value < min)
    throw failure(`Expected an integer greater than or equal to ${min} but received: ${input}`);
  if (max !== undefined && value > max)
    throw failure(`Expected an integer less than or equal to ${max} but received: ${input}`);
  return value;
}

export const integer = custom({
  parse: (async (input, _context, options) =>
    integerFrom(input, options, cliError)) satisfies ParseFn,
});

/** `input` if it names an existing directory or file, with oclif's messages otherwise. */
export async function existing(kind: 'directory' | 'file', input: string): Promise<string> {
  let found;
  try {
    found = await stat(input);
  } catch {
    throw new Error(`No ${kind} found at ${input}`);
  }
  if (kind === 'directory' ? !found.isDirectory() : !found.isFile())
    throw new Error(`${input} exists but is not a ${kind}`);
  return input;
}

export const directory = custom({
  parse: (async (input, _context, options) =>
    options.exists ? existing('directory', input) : input) satisfies ParseFn,
});

export const file = custom({
  parse: (async (input, _context, options) =>
    options.exists ? existing('file', input) : input) satisfies ParseFn,
});

export const url = custom({
  parse: (async (input) => {
    try {
      return new URL(input);
    } catch {
      throw cliError(`Expected a valid url but received: ${input}`);
    }
  }) satisfies ParseFn,
});

export const string = custom();

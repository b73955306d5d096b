/**
 * Argument builders with the shape @oclif/core/args gives, for the bundled commands (see
 * flags.ts for why). `flags.test.ts` holds both to the same objects and parse results.
 */
import { existing, integerFrom } from './flags.js';

type Options = Record<string, unknown>;

export function custom(defaults: Options = {}) {
  return (options: Options = {}) => ({
    parse: async (input: string) => input,
    ...defaults,
    ...options,
    input: [],
    type: 'option',
  });
}

export const option = custom;

export const boolean = custom({
  parse: async (input: string) =>
    Boolean(input) && !['0', 'false', 'n', 'no'].includes(input.toLowerCase()),
});

export const integer = custom({
  parse: async (input: string, _context: unknown, options: Options) =>
    integerFrom(input, options, (message) => new Error(message)),
});

export const directory = custom({
  parse: async (input: string, _context: unknown, options: Options) =>
    options.exists ? existing('directory', input) : input,
});

export const file = custom({
  parse: async (input: string, _context: unknown, options: Options) =>
    options.exists ? existing('file', input) : input,
});

export const url = custom({
  parse: async (input: string) => {
    try {
      return new URL(input);
    } catch {
      throw new Error(`Expected a valid url but received: ${input}`);
    }
  },
});

export const string = custom({});

/**
 * A parser for the plain command lines maintainers type (`--month 2026-10 --json`, `-q`, the
 * arguments in order), giving exactly what oclif's parser gives for them, and `undefined` for
 * anything else: an unknown or repeated flag, `--no-`, a value that starts with `-`, a missing
 * argument (oclif would read stdin), a required or env flag left out, flag relationships, an
 * invalid value. For those the caller asks oclif's own parser, which also writes the error
 * message. So this parser never decides a hard case; `parse.test.ts` checks it against oclif's
 * on random command lines.
 */
import type { LeanParseOutput } from './oclifLazy.js';

interface FlagDefinition {
  readonly type: string;
  readonly char?: string;
  readonly multiple?: boolean;
  readonly options?: readonly string[];
  readonly required?: boolean;
  readonly default?: unknown;
  readonly env?: string;
  readonly parse: (input: never, context: unknown, definition: never) => Promise<unknown>;
  readonly [other: string]: unknown;
}

interface ArgDefinition {
  readonly multiple?: boolean;
  readonly options?: readonly string[];
  readonly parse: (input: never, context: unknown, definition: never) => Promise<unknown>;
  readonly [other: string]: unknown;
}

export interface LeanParseInput {
  readonly flags: Readonly<Record<string, FlagDefinition>>;
  readonly args?: Readonly<Record<string, ArgDefinition>>;
  readonly strict?: boolean;
  readonly context?: unknown;
}

/** Fields that make oclif check more than a value: left to oclif's parser. */
const LEFT_TO_OCLIF = [
  'aliases',
  'charAliases',
  'combinable',
  'delimiter',
  'dependsOn',
  'deprecateAliases',
  'deprecated',
  'exactlyOne',
  'exclusive',
  'relationships',
] as const;

class Unsure extends Error {}

function unsure(): never {
  throw new Unsure();
}

interface Tokens {
  readonly given: Map<string, string[] | true>;
  readonly positionals: string[];
}

function flagNamed(flags: LeanParseInput['flags'], token: string): [string, FlagDefinition] {
  const name = token.startsWith('--')
    ? token.slice(2)
    : Object.keys(flags).find((key) => flags[key]?.char === token.slice(1));
  const flag = name !== undefined && Object.hasOwn(flags, name) ? flags[name] : undefined;
  if (name === undefined || flag === undefined) return unsure();
  if (LEFT_TO_OCLIF.some((field) => flag[field] !== undefined)) return unsure();
  return [name, flag];
}

function splitTokens(argv: readonly string[], flags: LeanParseInput['flags']): Tokens {
  const given = new Map<string, string[] | true>();
  const positionals: string[] = [];
  let afterMultiple = false; // oclif may give any later word to a multiple flag: left to it
  for (let k = 0; k < argv.length; k++) {
    const token = argv[k] as string;
    if (!token.startsWith('-')) {
      if (afterMultiple) unsure(); // oclif gives it to the multiple flag before it
      positionals.push(token);
      continue;
    }
    const equals = token.indexOf('=');
    const long = token.startsWith('--');
    if (token === '-' || token === '--' || (!long && token.length !== 2)) unsure();
    const [name, flag] = flagNamed(flags, long && equals > 0 ? token.slice(0, equals) : token);
    if (given.has(name)) unsure();
    if (flag.type === 'boolean') {
      if (equals > 0) unsure();
      given.set(name, true);
      continue;
    }
    const value = long && equals > 0 ? token.slice(equals + 1) : argv[++k];
    if (value === undefined || value === '' || value.startsWith('-')) unsure();
    given.set(name, [value]);
    afterMultiple ||= flag.multiple === true;
  }
  return { given, positionals };
}

async function parsed(
  definition: FlagDefinition | ArgDefinition,
  input: string | boolean,
  context: unknown,
): Promise<unknown> {
  if (typeof input === 'string' && definition.options && !definition.options.includes(input))
    unsure();
  try {
    return await definition.parse(input as never, context, definition as never);
  } catch {
    return unsure();
  }
}

async function parsedArgs(input: LeanParseInput, positionals: readonly string[]) {
  const definitions = Object.entries(input.args ?? {});
  // Fewer tokens than arguments: oclif reads stdin; more: an error. Both are oclif's.
  if (positionals.length !== definitions.length) unsure();
  const args: Record<string, unknown> = {};
  const argv: unknown[] = [];
  for (const [k, [name, definition]] of definitions.entries()) {
    if (definition.multiple) unsure();
    const value = await parsed(definition, positionals[k] as string, input.context);
    args[name] = value;
    argv.push(value);
  }
  return { args, argv };
}

async function flagValue(
  flag: FlagDefinition,
  given: string[] | true | undefined,
  context: unknown,
): Promise<unknown> {
  if (given === true) return parsed(flag, true, context);
  if (given !== undefined) {
    const values = await Promise.all(given.map((value) => parsed(flag, value, context)));
    return flag.multiple ? values : values[0];
  }
  if (flag.env !== undefined && process.env[flag.env]) unsure();
  if (flag.required || typeof flag.default === 'function') unsure();
  return flag.default;
}

/** oclif's result for a plain command line, or `undefined` where oclif must judge. */
export async function leanParse(
  argv: readonly string[],
  input: LeanParseInput,
): Promise<LeanParseOutput | undefined> {
  if (input.strict === false) return undefined;
  try {
    const { given, positionals } = splitTokens(argv, input.flags);
    const { args, argv: argValues } = await parsedArgs(input, positionals);
    const flags: Record<string, unknown> = {};
    for (const [name, flag] of Object.entries(input.flags)) {
      const value = await flagValue(flag, given.get(name), input.context);
      if (value !== undefined) flags[name] = value;
    }
    // oclif orders argv by where each value first appears on the command line.
    argValues.sort((a, b) => argv.indexOf(a as string) - argv.indexOf(b as string));
    return { args, argv: argValues, flags, metadata: { flags: {} }, nonExistentFlags: [], raw: [] };
  } catch (error) {
    if (error instanceof Unsure) return undefined;
    throw error;
  }
}

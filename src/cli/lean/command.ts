/**
 * The command base class the bundled commands run on: oclif's `Command` as cred uses it (parse,
 * log, `--json`, the error path), without @oclif/core at start-up. Importing oclif's class loads
 * its config, error, help and parser modules, a third of a short command's time; this class
 * loads them only on the paths that need them (an error to print, a command line the lean
 * parser leaves to oclif, `exit`, a warning). tools/bundleCli.js puts it in place of
 * `@oclif/core/command` in the bundles; type checking still sees oclif's class. The statics are
 * oclif's, so the manifest, help and `Config.runCommand` treat these commands as oclif's own.
 * Decision 0805.
 */
import { format, inspect } from 'node:util';
import { boolean } from './flags.js';
import { oclifErrors, oclifParser, type LeanParseOutput } from './oclifLazy.js';
import { leanParse, type LeanParseInput } from './parse.js';

/** What a command reads of oclif's Config; the lean runner passes `LEAN_CONFIG`. */
export interface LeanConfig {
  readonly bin: string;
  scopedEnvVar?(name: string): string | undefined;
  runHook?(event: string, options: unknown): Promise<{ successes?: unknown[] }>;
}

export const LEAN_CONFIG: LeanConfig = {
  bin: 'cred',
  scopedEnvVar: (name) => process.env[`CRED_${name}`],
};

// oclif's command module does the same: a closed pipe (`cred ledger show | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const JSON_FLAG = boolean({ description: 'Format output as json.', helpGroup: 'GLOBAL' });

type CommandClass = typeof Command;
type Definitions = Record<string, unknown> | undefined;

function aggregateFlags(flags: Definitions, baseFlags: Definitions, json: boolean) {
  const combined = { ...baseFlags, ...flags };
  return json ? { json: JSON_FLAG, ...combined } : combined;
}

interface Deprecation {
  readonly message?: string;
  readonly version?: string;
  readonly to?: string;
}

/** oclif's wording for a deprecated flag or flag alias. */
function deprecationWarning(flag: string, deprecation: true | Deprecation): string {
  const said = `The "${flag}" flag has been deprecated`;
  if (deprecation === true) return `${said}.`;
  if (deprecation.message) return deprecation.message;
  const version = deprecation.version
    ? ` and will be removed in version ${deprecation.version}`
    : '';
  return `${said}${version}${deprecation.to ? `. Use "${deprecation.to}" instead.` : '.'}`;
}

interface FlagDeprecation {
  readonly name?: string;
  readonly char?: string;
  readonly aliases?: string[];
  readonly charAliases?: string[];
  readonly deprecated?: true | Deprecation;
  readonly deprecateAliases?: boolean;
}

export class Command {
  static aliases: string[] = [];
  static args: Record<string, unknown> = {};
  static baseFlags: Record<string, unknown> | undefined;
  static deprecateAliases: boolean | undefined;
  static description: string | undefined;
  static enableJsonFlag = false;
  static examples: unknown;
  static flags: Record<string, unknown> | undefined;
  static hasDynamicHelp = false;
  static hidden: boolean | undefined;
  static hiddenAliases: string[] = [];
  static id: string | undefined;
  static state: string | undefined;
  static strict = true;
  static summary: string | undefined;
  static usage: unknown;

  id: string | undefined;
  parsed = false;

  constructor(
    public argv: string[],
    public config: LeanConfig,
  ) {
    this.id = this.ctor.id;
  }

  static async run(this: CommandClass, argv?: string[], config?: unknown): Promise<unknown> {
    const leanConfig =
      config !== undefined && typeof config === 'object' ? (config as LeanConfig) : LEAN_CONFIG;
    const CommandType = this as unknown as new (argv: string[], config: LeanConfig) => Command;
    return new CommandType(argv ?? process.argv.slice(2), leanConfig)._run();
  }

  get ctor(): CommandClass {
    return this.constructor as CommandClass;
  }

  async run(): Promise<unknown> {
    throw new Error(`${this.ctor.name} does not implement run`);
  }

  async _run(): Promise<unknown> {
    let failure: unknown;
    let result: unknown;
    try {
      result = await this.run();
    } catch (error) {
      failure = error;
      await this.catch(error as Error);
    } finally {
      await this.finally(failure);
    }
    if (result && this.jsonEnabled()) this.logJson(this.toSuccessJson(result));
    return result;
  }

  async parse(options?: CommandClass, argv: string[] = this.argv): Promise<LeanParseOutput> {
    const definition = options ?? this.ctor;
    const input = {
      context: this,
      ...definition,
      args: definition.args,
      strict: definition.strict,
      flags: aggregateFlags(definition.flags, definition.baseFlags, definition.enableJsonFlag),
    };
    // Under oclif's runner (help, an unknown command) its preparse hooks run as they would.
    const hook = await this.config.runHook?.('preparse', { argv: [...argv], options: input });
    const toParse = (hook?.successes?.[0] as { result?: string[] } | undefined)?.result ?? argv;
    this.argv = [...toParse];
    const results =
      (await leanParse(toParse, input as unknown as LeanParseInput)) ??
      (await oclifParser().parse(toParse, input));
    this.warnIfFlagDeprecated(results.flags, input.flags as Record<string, FlagDeprecation>);
    this.parsed = true;
    return results;
  }

  /** What oclif warns about a deprecated flag, or a deprecated alias the command line used. */
  private warnIfFlagDeprecated(
    given: Record<string, unknown>,
    definitions: Record<string, FlagDeprecation>,
  ): void {
    for (const name of Object.keys(given)) {
      const definition = definitions[name];
      if (definition?.deprecated) this.warn(deprecationWarning(name, definition.deprecated));
      if (!definition?.deprecateAliases) continue;
      const aliases = [
        ...new Set([...(definition.aliases ?? []), ...(definition.charAliases ?? [])]),
      ]
        .sort()
        .map((alias) => (alias.length === 1 ? `-${alias}` : `--${alias}`));
      const preferred = `--${name}${definition.char ? ` | -${definition.char}` : ''}`;
      for (const alias of aliases.filter((used) => this.argv.includes(used)))
        this.warn(deprecationWarning(alias, { to: preferred }));
    }
  }

  jsonEnabled(): boolean {
    if (!this.ctor.enableJsonFlag) return false;
    if (this.config.scopedEnvVar?.('CONTENT_TYPE')?.toLowerCase() === 'json') return true;
    const end = this.argv.indexOf('--');
    const json = this.argv.indexOf('--json');
    return json !== -1 && (end === -1 || json < end);
  }

  log(message: unknown = '', ...args: unknown[]): void {
    if (this.jsonEnabled()) return;
    const text = typeof message === 'string' ? message : inspect(message);
    process.stdout.write(`${format(text, ...args)}\n`);
  }

  logToStderr(message: unknown = '', ...args: unknown[]): void {
    if (this.jsonEnabled()) return;
    const text = typeof message === 'string' ? message : inspect(message);
    process.stderr.write(`${format(text, ...args)}\n`);
  }

  /** oclif's `logJson` without a theme: its colouring is a no-op then. */
  logJson(json: unknown): void {
    process.stdout.write(`${format(JSON.stringify(json, undefined, 2))}\n`);
  }

  warn(input: string | Error): string | Error {
    if (!this.jsonEnabled()) oclifErrors().warn(input);
    return input;
  }

  error(input: string | Error, options: { exit?: number } = {}): never {
    return oclifErrors().error(input, options);
  }

  exit(code = 0): never {
    return oclifErrors().exit(code);
  }

  async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    process.exitCode = process.exitCode ?? error.exitCode ?? 1;
    if (this.jsonEnabled()) {
      this.logJson(this.toErrorJson(error));
      return undefined;
    }
    throw error;
  }

  async finally(_error: unknown): Promise<unknown> {
    return undefined;
  }

  protected toSuccessJson(result: unknown): unknown {
    return result;
  }

  protected toErrorJson(error: unknown): unknown {
    if (error instanceof Error)
      return { error: { ...error, message: error.message, name: error.name } };
    return { error };
  }
}

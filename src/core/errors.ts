/**
 * Errors: one base class with a stable `code`, next-step `suggestions` and an optional `ref`
 * (a file, a URL, a ledger line). Messages say where, what was expected and what was found;
 * suggestions say what to do. Commands never format errors themselves: the CLI's base command
 * maps the class to an exit code and prints `{ error: { name, code, message, suggestions } }`
 * under `--json`. Tests assert `code` and class, not text.
 */

export interface CredErrorOptions {
  readonly suggestions?: readonly string[];
  readonly ref?: string;
  readonly cause?: unknown;
}

/**
 * Marks cred's errors across copies of its code: the CLI runs a bundle, while a community
 * plugin imports cred's published modules, so an error the plugin throws is of another
 * `CredError` class. `instanceof` checks this mark and the error's name instead of the class.
 */
const CRED_ERROR: unique symbol = Symbol.for('cred.CredError');

export class CredError extends Error {
  readonly [CRED_ERROR] = true;
  readonly code: string;
  readonly suggestions: readonly string[];
  readonly ref: string | undefined;

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null) return false;
    if ((value as { [CRED_ERROR]?: unknown })[CRED_ERROR] !== true) return false;
    return this === CredError || (value as Error).name === this.name;
  }

  constructor(code: string, message: string, options: CredErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CredError';
    this.code = code;
    this.suggestions = options.suggestions ?? [];
    this.ref = options.ref;
  }
}

/**
 * A command line that cannot mean anything: a malformed or out-of-range flag or argument value
 * (`--month 2026-13`, `--revenue -5`, `--revenue abc`). Exit code 2, like oclif's own parse
 * errors, whichever flag it is: the fix is always to retype the command.
 */
export class UsageError extends CredError {
  constructor(code: string, message: string, options: CredErrorOptions = {}) {
    super(code, message, options);
    this.name = 'UsageError';
  }
}

/** A broken instance file: cred.json, a weight file, a contributions record. */
export class ConfigError extends CredError {
  constructor(code: string, message: string, options: CredErrorOptions = {}) {
    super(code, message, options);
    this.name = 'ConfigError';
  }
}

/** A remote source answered badly (HTTP status, malformed body, rate limit exhausted). */
export class PluginFetchError extends CredError {
  readonly url: string | undefined;
  readonly status: number | undefined;

  constructor(
    code: string,
    message: string,
    options: CredErrorOptions & { url?: string; status?: number } = {},
  ) {
    super(code, message, options);
    this.name = 'PluginFetchError';
    this.url = options.url;
    this.status = options.status;
  }
}

/** A ledger event was rejected or the ledger file is damaged. */
export class LedgerError extends CredError {
  constructor(code: string, message: string, options: CredErrorOptions = {}) {
    super(code, message, options);
    this.name = 'LedgerError';
  }
}

/** A payout could not be planned, filed or reconciled. */
export class PayoutError extends CredError {
  constructor(code: string, message: string, options: CredErrorOptions = {}) {
    super(code, message, options);
    this.name = 'PayoutError';
  }
}

/** Our own bug: an invariant that the code promised did not hold. */
export class InvariantError extends CredError {
  constructor(message: string) {
    super('INVARIANT', message, {
      suggestions: ['This is a bug in cred: please report it with the command you ran.'],
    });
    this.name = 'InvariantError';
  }
}

/** Throws an InvariantError when `condition` is false. For our bugs, never for user input. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}

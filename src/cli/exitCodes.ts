/**
 * Exit codes by error class, so scripts can tell a broken config from a flaky network. 2 is
 * oclif's own code for bad flags and arguments, and ours for a flag value that cannot mean
 * anything. docs/cli.md lists them for users.
 */
import {
  ConfigError,
  CredError,
  InvariantError,
  LedgerError,
  PayoutError,
  PluginFetchError,
  UsageError,
} from '../core/errors.js';

export const EXIT = Object.freeze({
  generic: 1,
  usage: 2,
  config: 3,
  ledger: 4,
  fetch: 5,
  payout: 6,
  bug: 70,
});

export function exitCodeFor(error: unknown): number {
  if (error instanceof InvariantError) return EXIT.bug;
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof ConfigError) return EXIT.config;
  if (error instanceof LedgerError) return EXIT.ledger;
  if (error instanceof PluginFetchError) return EXIT.fetch;
  if (error instanceof PayoutError) return EXIT.payout;
  if (error instanceof CredError) return EXIT.generic;
  return EXIT.generic;
}

/**
 * The parts of @oclif/core the lean runtime needs only on a rare path (an error to print, a
 * flag oclif's own parser must judge, a warning), loaded when first used. Importing @oclif/core
 * eagerly costs a command about a third of its start-up (docs/decisions/0805).
 */
import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

interface OclifErrors {
  CLIError: new (message: string) => Error;
  error(input: string | Error, options?: { exit?: number }): never;
  exit(code?: number): never;
  warn(input: string | Error): void;
}

interface OclifParser {
  parse(argv: string[], options: Record<string, unknown>): Promise<LeanParseOutput>;
}

export interface LeanParseOutput {
  readonly args: Record<string, unknown>;
  readonly argv: unknown[];
  readonly flags: Record<string, unknown>;
  readonly metadata?: unknown;
  readonly nonExistentFlags?: string[];
  readonly raw?: unknown[];
}

export function oclifErrors(): OclifErrors {
  return requireFromHere('@oclif/core/errors') as OclifErrors;
}

export function oclifParser(): OclifParser {
  return requireFromHere('@oclif/core/parser') as OclifParser;
}

/** oclif's handler for an error that ends the process: prints it and exits with its code. */
export async function handleWithOclif(error: unknown): Promise<void> {
  const { handle } = requireFromHere('@oclif/core/handle') as {
    handle(error: unknown): Promise<void>;
  };
  await handle(error);
}

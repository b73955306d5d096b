/**
 * The one gate for what a command prints (stdout, stderr, `--json`): secret values are
 * removed (src/core/secrets.ts) and control characters shown as escapes
 * (src/cli/terminalText.ts). CredCommand and the stderr reporter route everything through here.
 */
import { redactDeep, redactor, type Redact } from '../core/secrets.js';
import { terminalSafe } from './terminalText.js';

let current: { env: NodeJS.ProcessEnv; redact: Redact } | undefined;

/** The redactor for this process's environment (rebuilt if the environment object changes). */
export function processRedact(): Redact {
  if (current === undefined || current.env !== process.env)
    current = { env: process.env, redact: redactor(process.env) };
  return current.redact;
}

/** A line for a terminal: secrets removed, control characters escaped. */
export function guardText(text: string): string {
  return terminalSafe(processRedact()(text));
}

/** A value for `--json`: secrets removed from every string (JSON escapes control characters). */
export function guardJson(value: unknown): unknown {
  return redactDeep(value, processRedact());
}

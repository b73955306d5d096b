/**
 * Names and free texts typed by a maintainer, checked where they enter (before anything is
 * written) with an error saying what is allowed. Everything here ends up in the public ledger
 * and reports, and on terminals: control characters (which can rewrite a terminal line or
 * hide text) and bidirectional overrides (which can reorder what a reader sees) are refused;
 * a text must say something (not empty, not only spaces) and fit the ledger's length limit.
 * Surrounding spaces are trimmed, so what is stored is what was meant.
 */
import { UsageError } from './errors.js';
import { IDENTITY_NAME_PATTERN } from './identity.js';

/** The ledger schema's limit for reasons and references. */
export const TEXT_MAX_LENGTH = 2000;
export const NAME_MAX_LENGTH = 64;

// C0 and C1 controls, DEL, bidirectional embeddings/overrides/isolates, line/paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/u;
const LONE_SURROGATE = /\p{Surrogate}/u;

/** A free text (a reason, a reference): trimmed, not blank, printable, at most `maxLength`. */
export function checkText(raw: string, what: string, maxLength = TEXT_MAX_LENGTH): string {
  const text = raw.trim();
  if (text === '')
    throw inputError('text_blank', `${what}: expected some text, got ${describe(raw)}`, what);
  const unsafe = firstUnsafe(text);
  if (unsafe !== null) {
    throw inputError(
      'text_invalid',
      `${what}: expected printable text on one line, got the control character ${unsafe}`,
      what,
    );
  }
  if (text.length > maxLength) {
    throw inputError(
      'text_too_long',
      `${what}: expected at most ${maxLength} characters, got ${text.length}`,
      what,
    );
  }
  return text;
}

/** An identity name: a letter or digit, then letters, digits, ".", "_" or "-"; ≤ 64 long. */
export function checkName(raw: string, what = 'name'): string {
  const name = raw.normalize('NFC');
  if (IDENTITY_NAME_PATTERN.test(name)) return name;
  const unsafe = firstUnsafe(name);
  const got =
    unsafe !== null
      ? `the control character ${unsafe}`
      : name.length > NAME_MAX_LENGTH
        ? `${name.length} characters`
        : describe(name);
  throw new UsageError(
    'name_invalid',
    `${what}: expected a letter or digit followed by up to ${NAME_MAX_LENGTH - 1} letters, digits, ".", "_" or "-", got ${got}`,
    { suggestions: ['Choose a name like "mira", "infra-team" or "lin.chen".'] },
  );
}

/** The first unsafe character of `text` as `U+XXXX`, or null. */
export function firstUnsafe(text: string): string | null {
  const match = UNSAFE.exec(text) ?? LONE_SURROGATE.exec(text);
  if (match === null) return null;
  const code = match[0].codePointAt(0) as number;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A value shown in an error: quoted, escaped, and cut to 40 characters. */
function describe(value: string): string {
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return value === '' ? 'an empty text' : value.trim() === '' ? `only spaces (${shown})` : shown;
}

function inputError(code: string, message: string, what: string): UsageError {
  return new UsageError(code, message, {
    suggestions: [`Give ${what} as one line of plain text, e.g. --reason "duplicate account".`],
  });
}

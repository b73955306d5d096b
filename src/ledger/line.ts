/**
 * One ledger line: `{ version, event, id, prev, seq, timestampMs }` in canonical JSON. `prev` is
 * the SHA-256 of the previous line's exact text (64 zeros for the first), so changing any byte
 * of any line breaks the chain at the next one; `seq` counts lines from 1; timestamps never go
 * backwards. A line must be byte-identical to its canonical re-encoding, so even a change that
 * keeps the JSON meaning (a space, a reordered key) is detected.
 */
import * as z from 'zod';
import { canonicalJson } from '../core/canonicalJson.js';
import { sha256Hex } from '../core/digest.js';
import { LedgerError } from '../core/errors.js';
import { describeIssue } from '../core/validation.js';
import { ledgerEventSchema, type LedgerEvent } from './events.js';
import { checkEvent, checkLine, type CheckedLine } from './lineCheck.js';

export const LEDGER_VERSION = 1;
export const GENESIS_HASH = '0'.repeat(64);

export interface LedgerLine {
  readonly version: 1;
  readonly seq: number;
  readonly timestampMs: number;
  readonly id: string;
  readonly prev: string;
  readonly event: LedgerEvent;
}

function buildLineSchema() {
  return z.strictObject({
    version: z.literal(1),
    seq: z.number().int().positive(),
    timestampMs: z.number().int().nonnegative(),
    id: z.string().regex(/^[0-9a-f]{24}$/),
    prev: z.string().regex(/^[0-9a-f]{64}$/),
    event: ledgerEventSchema(),
  });
}

/** Built on first use, as the event schemas are (events.ts). */
let lineSchemaBuilt: ReturnType<typeof buildLineSchema> | undefined;
const lineSchema = () => (lineSchemaBuilt ??= buildLineSchema());

export function encodeLine(line: LedgerLine): string {
  return canonicalJson(line);
}

export function hashLine(text: string): string {
  return sha256Hex(text);
}

/** A new event's id: derived from its place in the chain and its content, so it is stable. */
export function eventIdFor(prev: string, event: LedgerEvent, timestampMs: number): string {
  return sha256Hex(`${prev}\n${timestampMs}\n${canonicalJson(event)}`).slice(0, 24);
}

/**
 * Parses line `number` (1-based) of the ledger; `file` names it in errors. `strict` also
 * demands canonical form, which only `cred ledger verify` needs: any edit to a line already
 * breaks the hash chain at the next one.
 */
export function parseLine(text: string, number: number, file: string, strict = false): LedgerLine {
  const parsed = readLine(text, strict);
  if (typeof parsed === 'string') throw lineError(file, number, parsed);
  return parsed;
}

/**
 * The line in `text`, or what is wrong with it ("is not valid JSON", ...). Most lines pass the
 * plain checks of src/ledger/lineCheck.ts; zod reads only those they cannot vouch for, and
 * names the problem of an invalid one.
 */
export function readLine(text: string, strict: boolean): LedgerLine | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'is not valid JSON';
  }
  const checked = checkLine(json, strict);
  if (checked !== undefined) {
    if (!strict) return checked.line;
    return canonicalTextOf(json, checked) === text ? checked.line : NOT_CANONICAL;
  }
  return readParsedLine(json, text, strict);
}

/**
 * The canonical text of a line the plain checks read from `json`. Exact (no default filled in):
 * the line holds what the JSON held, so its canonical form is the JSON's; when the check's walk
 * also found every key in canonical order, that is `JSON.stringify` of the JSON as it is.
 */
function canonicalTextOf(json: unknown, checked: CheckedLine): string {
  if (!checked.exact) return encodeLine(checked.line);
  return checked.ordered ? JSON.stringify(json) : canonicalJson(json);
}

/** `readLine` by the zod schema alone (what it always did): the reference the checks follow. */
export function readParsedLine(json: unknown, text: string, strict: boolean): LedgerLine | string {
  const parsed = lineSchema().safeParse(json);
  if (!parsed.success) {
    const { problem } = describeIssue(parsed.error.issues[0] as z.core.$ZodIssue);
    return `is not a valid ledger line (${problem})`;
  }
  const line = parsed.data as LedgerLine;
  if (strict && encodeLine(line) !== text) return NOT_CANONICAL;
  return line;
}

const NOT_CANONICAL = 'is not in canonical form (it was edited by hand?)';

/** An event as the schema reads it back (defaults filled in), or what is wrong with it. */
export function readEvent(event: unknown): LedgerEvent | string {
  const checked = checkEvent(event);
  if (checked !== undefined) return checked;
  const parsed = ledgerEventSchema().safeParse(event);
  if (parsed.success) return parsed.data as LedgerEvent;
  return describeIssue(parsed.error.issues[0] as z.core.$ZodIssue).problem;
}

export function lineError(
  file: string,
  number: number,
  problem: string,
  suggestions?: string[],
): LedgerError {
  return new LedgerError('ledger_corrupt', `${file}: line ${number} ${problem}`, {
    ref: `${file}:${number}`,
    suggestions: suggestions ?? [
      'If the line is blank or incomplete (an editor, a crash), "cred ledger repair" removes it and keeps a copy.',
      `Otherwise restore ${file} from git ("git checkout -- ${file}") or from a backup; "cred ledger verify" checks it.`,
    ],
  });
}

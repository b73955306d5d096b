/**
 * What `cred ledger repair` fixes: the accidents that stop every command without changing
 * history. A crash mid-append leaves an incomplete last line (with or without a newline after
 * it); an editor adds a blank line at the end or Windows line endings. Blank lines and carriage
 * returns are not part of any line's hashed text, so removing them keeps the chain intact; an
 * incomplete last line was never applied, so removing it loses nothing; a complete last line
 * that only lacks its newline gets one. The repaired text must replay before it is written,
 * so repair can never turn a tampered ledger into a "verified" one.
 */
import { readLine } from './line.js';

export interface RepairPlan {
  readonly text: string;
  /** What was changed, in words ("removed blank line 7"). Empty: nothing to repair. */
  readonly actions: readonly string[];
  readonly removedBytes: number;
}

/** Plans the repair of ledger `text`; the caller checks that the result replays. */
export function planRepair(text: string): RepairPlan {
  const actions: string[] = [];
  const segments = text.split('\n');
  const last = segments.pop() as string; // after the final newline: '' unless torn
  const kept: string[] = [];
  let carriageReturns = 0;
  segments.forEach((segment, index) => {
    const line = segment.endsWith('\r') ? segment.slice(0, -1) : segment;
    if (line !== segment) carriageReturns++;
    if (line.trim() === '') actions.push(`removed blank line ${index + 1}`);
    else kept.push(line);
  });
  if (carriageReturns > 0) actions.push(`removed carriage returns from ${carriageReturns} lines`);
  if (last.trim() !== '') {
    if (typeof readLine(last, true) === 'string') {
      actions.push(
        `removed the incomplete last line ${segments.length + 1} (${byteLength(last)} bytes, no newline)`,
      );
    } else {
      kept.push(last);
      actions.push(`added the missing newline after the last line ${segments.length + 1}`);
    }
  } else if (last !== '') actions.push('removed trailing spaces after the last line');
  // A torn write followed by a newline: the last line is not a ledger line at all.
  const final = kept.at(-1);
  if (final !== undefined && isTorn(final)) {
    kept.pop();
    actions.push(`removed the incomplete last line (${byteLength(final)} bytes, not valid JSON)`);
  }
  const repaired = kept.map((line) => `${line}\n`).join('');
  return {
    text: repaired,
    actions,
    removedBytes: Math.max(0, byteLength(text) - byteLength(repaired)),
  };
}

/** An incomplete write: not parseable JSON (a complete but unlawful line is not "torn"). */
function isTorn(line: string): boolean {
  try {
    JSON.parse(line);
    return false;
  } catch {
    return true;
  }
}

function byteLength(text: string): number {
  return Buffer.byteLength(text);
}

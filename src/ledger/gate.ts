/**
 * The one gate every new ledger line passes before it is written: exactly what replay (and
 * `cred ledger verify`) will check when reading it back. The event is read through the line
 * schema (defaults filled in, as replay would see it), the line is encoded, read back in strict
 * (canonical) form, and its event applied by the same rules as on replay. A line that passes
 * here replays; one that does not is refused before a byte is written, so no input can leave
 * a ledger that the ledger's own reader rejects.
 */
import { LedgerError } from '../core/errors.js';
import { applyEvent } from './apply.js';
import type { LedgerEvent } from './events.js';
import {
  encodeLine,
  eventIdFor,
  LEDGER_VERSION,
  readEvent,
  readLine,
  type LedgerLine,
} from './line.js';
import type { LedgerState } from './state.js';

export interface AdmittedLine {
  readonly line: LedgerLine;
  readonly text: string;
  readonly state: LedgerState;
}

/** Builds line `seq` after `prev` for `event` and checks it as replay will, or throws. */
export function admitLine(
  state: LedgerState,
  event: LedgerEvent,
  place: { readonly seq: number; readonly prev: string; readonly timestampMs: number },
  file: string,
): AdmittedLine {
  const read = readEvent(event);
  if (typeof read === 'string') throw refused(file, place.seq, event, read);
  const { seq, prev, timestampMs } = place;
  const draft: LedgerLine = {
    version: LEDGER_VERSION,
    seq,
    timestampMs,
    id: eventIdFor(prev, read, timestampMs),
    prev,
    event: read,
  };
  const text = encodeLine(draft);
  const line = readLine(text, true);
  if (typeof line === 'string') throw refused(file, seq, event, `the line ${line}`);
  return { line, text, state: applyEvent(state, line.event, timestampMs) };
}

function refused(file: string, seq: number, event: LedgerEvent, problem: string): LedgerError {
  const type = typeof event?.type === 'string' ? event.type : 'event';
  return new LedgerError(
    'event_invalid',
    `${file}: refused to write line ${seq} (${type}): ${problem}; nothing was written`,
    {
      ref: `${file}:${seq}`,
      suggestions: [
        'Correct the input (see "cred <command> --help" for what is allowed) and retry.',
      ],
    },
  );
}

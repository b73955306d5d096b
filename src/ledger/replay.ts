/**
 * Replaying ledger text into state, checking everything a funder would: each line parses, `seq`
 * counts up from 1, `prev` is the hash of the line before, timestamps never go backwards, ids
 * are unique, every event passes the same rules as when it was written, and the invariants hold
 * at the end. A final segment without a newline is a torn write (a crash mid-append): it is
 * reported, never applied. Parsed lines are not kept (a long ledger would hold them all in
 * memory); `linesFrom` parses the ones a caller asks for again.
 */
import { LedgerError } from '../core/errors.js';
import { applyEvent } from './apply.js';
import { assertLedgerInvariants } from './invariants.js';
import { GENESIS_HASH, hashLine, lineError, parseLine, type LedgerLine } from './line.js';
import { EMPTY_STATE, type LedgerState } from './state.js';

export interface TornTail {
  /** Byte offset where the incomplete line starts. */
  readonly offset: number;
  readonly bytes: number;
  /** Its line number (1-based). */
  readonly line: number;
}

export interface ReplayedLedger {
  readonly state: LedgerState;
  readonly lineCount: number;
  /** The lines from index `from` (0-based) on, parsed again from the text. */
  linesFrom(from: number): LedgerLine[];
  /** Index of each event id, to recognize an event re-applied by a merge. */
  readonly eventIds: ReadonlyMap<string, number>;
  readonly headHash: string;
  readonly lastTimestampMs: number;
  /** Bytes of complete lines. */
  readonly length: number;
  readonly torn: TornTail | null;
}

/** Replays `text`; `strict` also demands that every line be in canonical form. */
export function replayLedger(text: string, file: string, strict = false): ReplayedLedger {
  let state = EMPTY_STATE;
  const starts: number[] = [];
  const eventIds = new Map<string, number>();
  let headHash = GENESIS_HASH;
  let lastTimestampMs = 0;
  let offset = 0;
  let torn: TornTail | null = null;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const number = starts.length + 1;
    if (end === -1) {
      torn = {
        offset: Buffer.byteLength(text.slice(0, offset)),
        bytes: Buffer.byteLength(text.slice(offset)),
        line: number,
      };
      break;
    }
    const lineText = text.slice(offset, end);
    const line = parseLine(lineText, number, file, strict);
    checkPlace(line, number, file, { headHash, lastTimestampMs, eventIds });
    state = applyRecorded(state, line, number, file);
    eventIds.set(line.id, starts.length);
    starts.push(offset);
    headHash = hashLine(lineText);
    lastTimestampMs = line.timestampMs;
    offset = end + 1;
  }
  assertLedgerInvariants(state);
  const complete = text.slice(0, offset);
  const linesFrom = (from: number): LedgerLine[] =>
    starts
      .slice(from)
      .map((start, k) =>
        parseLine(complete.slice(start, complete.indexOf('\n', start)), from + k + 1, file),
      );
  return {
    state,
    lineCount: starts.length,
    linesFrom,
    eventIds,
    headHash,
    lastTimestampMs,
    length: Buffer.byteLength(complete),
    torn,
  };
}

interface Chain {
  readonly headHash: string;
  readonly lastTimestampMs: number;
  readonly eventIds: ReadonlyMap<string, number>;
}

function checkPlace(line: LedgerLine, number: number, file: string, chain: Chain): void {
  if (line.seq !== number)
    throw lineError(
      file,
      number,
      `has seq ${line.seq}, expected ${number} (lines were removed or reordered)`,
    );
  if (line.prev !== chain.headHash) {
    throw lineError(
      file,
      number,
      `does not follow line ${number - 1}: its hash chain is broken (line ${number - 1} was changed)`,
    );
  }
  if (line.timestampMs < chain.lastTimestampMs)
    throw lineError(file, number, 'is older than the line before it');
  if (chain.eventIds.has(line.id)) throw lineError(file, number, `repeats event id ${line.id}`);
}

function applyRecorded(
  state: LedgerState,
  line: LedgerLine,
  number: number,
  file: string,
): LedgerState {
  try {
    return applyEvent(state, line.event, line.timestampMs);
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    throw lineError(
      file,
      number,
      `holds an event the ledger rules refuse: ${error.message} (${error.code})`,
    );
  }
}

/**
 * Replaying ledger text into state, checking everything a funder would: each line parses, `seq`
 * counts up from 1, `prev` is the hash of the line before, timestamps never go backwards, ids
 * are unique, every event passes the same rules as when it was written, and the invariants hold
 * at the end. A final segment without a newline is a torn write (a crash mid-append): it is
 * reported, never applied. Parsed lines are not kept (a long ledger would hold them all in
 * memory); `linesFrom` parses the ones a caller asks for again. The chain rule itself is
 * src/core/ledgerChain.ts, which the explorer also runs in a funder's browser.
 */
import { LedgerError } from '../core/errors.js';
import { advanceChain, CHAIN_START, chainBreak, forEachLedgerLine } from '../core/ledgerChain.js';
import { applyEvent } from './apply.js';
import { assertLedgerInvariants } from './invariants.js';
import { hashLine, lineError, parseLine, type LedgerLine } from './line.js';
import { EMPTY_STATE, frozenState, replayState, type LedgerState } from './state.js';

export interface TornTail {
  /** Byte offset where the incomplete line starts. */
  readonly offset: number;
  readonly bytes: number;
  /** Its line number (1-based). */
  readonly line: number;
}

/** A place in the chain: line number (1-based) and the SHA-256 of that line's text. */
export interface LedgerHead {
  readonly line: number;
  readonly hash: string;
}

export interface ReplayedLedger {
  readonly state: LedgerState;
  readonly lineCount: number;
  /** The lines from index `from` (0-based) on, parsed again from the text. */
  linesFrom(from: number): LedgerLine[];
  /** Index of each event id, to recognize an event re-applied by a merge. */
  readonly eventIds: ReadonlyMap<string, number>;
  readonly headHash: string;
  /** The head right after each payout was finalized, by proposal id (published anchors). */
  readonly finalHeads: ReadonlyMap<string, LedgerHead>;
  readonly lastTimestampMs: number;
  /** Bytes of complete lines. */
  readonly length: number;
  readonly torn: TornTail | null;
}

/** Replays `text`; `strict` also demands that every line be in canonical form. */
export function replayLedger(text: string, file: string, strict = false): ReplayedLedger {
  let state = replayState(EMPTY_STATE);
  const starts: number[] = [];
  const eventIds = new Map<string, number>();
  const seen = (id: string): boolean => eventIds.has(id);
  let head = CHAIN_START;
  const finalHeads = new Map<string, LedgerHead>();
  const tornSegment = forEachLedgerLine(text, (lineText, number, offset) => {
    const line = parseLine(lineText, number, file, strict);
    const problem = chainBreak(head, line, seen);
    if (problem !== undefined) throw lineError(file, number, problem);
    state = applyRecorded(state, line, number, file);
    eventIds.set(line.id, starts.length);
    starts.push(offset);
    head = advanceChain(head, line, hashLine(lineText));
    if (line.event.type === 'payout.finalize')
      finalHeads.set(line.event.proposalId, { line: number, hash: head.hash });
  });
  const torn: TornTail | null =
    tornSegment === null
      ? null
      : {
          offset: Buffer.byteLength(text.slice(0, tornSegment.offset)),
          bytes: Buffer.byteLength(text.slice(tornSegment.offset)),
          line: tornSegment.line,
        };
  state = frozenState(state);
  assertLedgerInvariants(state);
  const complete = tornSegment === null ? text : text.slice(0, tornSegment.offset);
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
    headHash: head.hash,
    finalHeads,
    lastTimestampMs: head.lastTimestampMs,
    length: Buffer.byteLength(complete),
    torn,
  };
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

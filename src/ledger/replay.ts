/**
 * Replaying ledger text into state, checking everything a funder would: each line parses, `seq`
 * counts up from 1, `prev` is the hash of the line before, timestamps never go backwards, ids
 * are unique, every event passes the same rules as when it was written, and the invariants hold
 * at the end. A final segment without a newline is a torn write (a crash mid-append): it is
 * reported, never applied. Parsed lines are not kept (a long ledger would hold them all in
 * memory); `linesFrom` parses the ones a caller asks for again. The chain rule itself is
 * src/core/ledgerChain.ts, which the explorer also runs in a funder's browser.
 */
import { isAscii } from 'node:buffer';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { LedgerError } from '../core/errors.js';
import { advanceChain, CHAIN_START, chainBreak, forEachLedgerLine } from '../core/ledgerChain.js';
import { applyEvent } from './apply.js';
import { EventIdIndex } from './eventIdIndex.js';
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
  const replay = replayer(file, strict);
  const starts: number[] = [];
  const tornSegment = forEachLedgerLine(text, (lineText, number, offset) => {
    replay.visit(lineText, number);
    starts.push(offset);
  });
  const torn: TornTail | null =
    tornSegment === null
      ? null
      : {
          offset: Buffer.byteLength(text.slice(0, tornSegment.offset)),
          bytes: Buffer.byteLength(text.slice(tornSegment.offset)),
          line: tornSegment.line,
        };
  const complete = tornSegment === null ? text : text.slice(0, tornSegment.offset);
  const linesFrom = (from: number): LedgerLine[] =>
    starts
      .slice(from)
      .map((start, k) =>
        parseLine(complete.slice(start, complete.indexOf('\n', start)), from + k + 1, file),
      );
  return replay.finish({ linesFrom, length: Buffer.byteLength(complete), torn });
}

/**
 * What `replayLedger` gives for the text of file `path` (shown as `file`), read in chunks of 64 KB
 * (`chunkBytes`): the text is never held whole, so a long ledger costs its state, not its size.
 * A chunk's lines are decoded as one string, which stays small: V8 allocates a string over 128 KB
 * in its large-object space (decoding 512 KB chunks took 6 times as long as 64 KB ones), and
 * Node keeps one over a megabyte outside the heap, freed late (peak memory grew by 12 MB).
 * `linesFrom` reads the file again and checks the lines it returns against the chain's hashes
 * (an append or a repair in between cannot slip another line in).
 */
export function replayLedgerFile(
  path: string,
  file: string,
  strict = false,
  chunkBytes = 1 << 16,
): ReplayedLedger {
  const replay = replayer(file, strict);
  const starts: number[] = [];
  const { complete, end } = forEachFileLine(path, chunkBytes, (lineText, number, offset) => {
    replay.visit(lineText, number);
    starts.push(offset);
  });
  const torn: TornTail | null =
    end > complete ? { offset: complete, bytes: end - complete, line: starts.length + 1 } : null;
  const linesFrom = (from: number): LedgerLine[] => {
    const bytes = readFileSync(path).subarray(0, complete);
    const texts = starts
      .slice(from)
      .map((start, k) => bytes.toString('utf8', start, (starts[from + k + 1] ?? complete) - 1));
    const lines = texts.map((text, k) => parseLine(text, from + k + 1, file));
    const { headHash } = replayed;
    texts.forEach((text, k) => {
      const next = lines[k + 1]?.prev ?? headHash;
      if (hashLine(text) !== next) throw changedError(file, from + k + 1);
    });
    return lines;
  };
  const replayed = replay.finish({ linesFrom, length: complete, torn });
  return replayed;
}

/**
 * Calls `visit` with each complete line of the file (its text, 1-based number and byte offset);
 * returns the bytes of complete lines and of the whole file.
 */
function forEachFileLine(
  path: string,
  chunkBytes: number,
  visit: (line: string, number: number, offset: number) => void,
): { complete: number; end: number } {
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(chunkBytes);
  let carried: Buffer[] = [];
  let end = 0;
  let lineStart = 0;
  let number = 1;
  try {
    for (;;) {
      const read = readSync(fd, chunk, 0, chunkBytes, null);
      if (read === 0) break;
      const view = chunk.subarray(0, read);
      const last = view.lastIndexOf(10);
      let from = 0;
      if (last !== -1 && carried.length !== 0) {
        from = view.indexOf(10) + 1;
        const text = Buffer.concat([...carried, view.subarray(0, from - 1)]).toString('utf8');
        carried = [];
        visit(text, number++, lineStart);
        lineStart = end + from;
      }
      if (from <= last) {
        number = forEachChunkLine(view, from, last, number, (text, lineNumber, offset) =>
          visit(text, lineNumber, end + offset),
        );
        lineStart = end + last + 1;
        from = last + 1;
      }
      if (from < read) carried.push(Buffer.from(view.subarray(from)));
      end += read;
    }
  } finally {
    closeSync(fd);
  }
  return { complete: lineStart, end };
}

/**
 * Visits the lines of `view` from byte `from` to the newline at `last` (numbered from
 * `number`, offsets in `view`); returns the next line number. ASCII lines (nearly every ledger)
 * are sliced from one string decoded for all of them, where a character is a byte; others are
 * decoded one by one as UTF-8.
 */
function forEachChunkLine(
  view: Buffer,
  from: number,
  last: number,
  number: number,
  visit: (line: string, number: number, offset: number) => void,
): number {
  let next = number;
  if (isAscii(view.subarray(from, last))) {
    const text = view.toString('latin1', from, last + 1);
    for (let start = 0; start < text.length;) {
      const newline = text.indexOf('\n', start);
      visit(text.slice(start, newline), next++, from + start);
      start = newline + 1;
    }
    return next;
  }
  for (let start = from; start <= last;) {
    const newline = view.indexOf(10, start);
    visit(view.toString('utf8', start, newline), next++, start);
    start = newline + 1;
  }
  return next;
}

interface ReplayEnd {
  readonly linesFrom: (from: number) => LedgerLine[];
  readonly length: number;
  readonly torn: TornTail | null;
}

/** The replay of one line after another; `finish` checks the invariants and freezes the state. */
function replayer(file: string, strict: boolean) {
  let state = replayState(EMPTY_STATE);
  const eventIds = new EventIdIndex();
  let head = CHAIN_START;
  // `chainBreak` asks last, once every other check passed, so the id is recorded here (at its
  // 0-based line index, the index's size). A refused line ends the replay, and its index with it.
  const seen = (id: string): boolean => eventIds.add(id);
  const finalHeads = new Map<string, LedgerHead>();
  return {
    visit(lineText: string, number: number): void {
      const line = parseLine(lineText, number, file, strict);
      const problem = chainBreak(head, line, seen);
      if (problem !== undefined) throw lineError(file, number, problem);
      state = applyRecorded(state, line, number, file);
      head = advanceChain(head, line, hashLine(lineText));
      if (line.event.type === 'payout.finalize')
        finalHeads.set(line.event.proposalId, { line: number, hash: head.hash });
    },
    finish(end: ReplayEnd): ReplayedLedger {
      state = frozenState(state);
      assertLedgerInvariants(state);
      let idMap: Map<string, number> | undefined;
      return {
        state,
        lineCount: head.lines,
        get eventIds() {
          return (idMap ??= eventIds.toMap());
        },
        headHash: head.hash,
        finalHeads,
        lastTimestampMs: head.lastTimestampMs,
        ...end,
      };
    },
  };
}

function changedError(file: string, number: number): LedgerError {
  return new LedgerError(
    'ledger_changed',
    `${file}: line ${number} changed while it was being read (a repair or merge ran at the same time?)`,
    { ref: `${file}:${number}`, suggestions: ['Run the command again.'] },
  );
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

/**
 * Combining two copies of a ledger that diverged (two maintainers appended in their own git
 * branches). Lines both copies share are kept; our lines after them stay; their lines after
 * them are re-applied on top, with new sequence numbers and hashes but their original ids and
 * (where possible) times, through the same rules as any new event. An event already present
 * (same id, same content) is skipped; one the rules refuse, or a different event under a
 * known id, stops the merge with a message naming their line, and nothing is written.
 */
import { canonicalJson } from '../core/canonicalJson.js';
import { LedgerError } from '../core/errors.js';
import { applyEvent } from './apply.js';
import { assertLedgerInvariants } from './invariants.js';
import { encodeLine, hashLine, type LedgerLine } from './line.js';
import { replayLedger } from './replay.js';

export interface MergeResult {
  readonly text: string;
  readonly common: number;
  readonly applied: number;
  readonly skipped: number;
}

export function mergeLedgerTexts(
  ours: string,
  theirs: string,
  oursName: string,
  theirsName: string,
): MergeResult {
  const mine = whole(replayLedger(ours, oursName), oursName);
  const other = whole(replayLedger(theirs, theirsName), theirsName);
  const ourLines = ours.split('\n');
  const theirLines = theirs.split('\n');
  let common = 0;
  while (
    common < Math.min(mine.lineCount, other.lineCount) &&
    ourLines[common] === theirLines[common]
  )
    common++;
  let state = mine.state;
  let prev = mine.headHash;
  let lastMs = mine.lastTimestampMs;
  const added: string[] = [];
  let skipped = 0;
  // Our lines, parsed once and only if one of theirs reuses a known id: asking `linesFrom` for
  // each such line parsed everything after it again, quadratic in the ledger's length.
  let ourParsed: readonly LedgerLine[] | undefined;
  const ourEvent = (index: number) => (ourParsed ??= mine.linesFrom(0))[index]?.event;
  for (const line of other.linesFrom(common)) {
    const known = mine.eventIds.get(line.id);
    if (known !== undefined) {
      if (JSON.stringify(ourEvent(known)) === JSON.stringify(line.event)) {
        skipped++;
        continue;
      }
      throw conflict(
        theirsName,
        line,
        `event id ${line.id} is used in ${oursName} for a different event`,
      );
    }
    const timestampMs = Math.max(line.timestampMs, lastMs);
    try {
      state = applyEvent(state, line.event, timestampMs);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      throw conflict(theirsName, line, `${error.message} (${error.code})`);
    }
    const merged: LedgerLine = {
      ...line,
      seq: mine.lineCount + added.length + 1,
      timestampMs,
      prev,
    };
    const text = encodeLine(merged);
    added.push(text);
    prev = hashLine(text);
    lastMs = timestampMs;
  }
  assertLedgerInvariants(state);
  return {
    text: ours + added.map((text) => `${text}\n`).join(''),
    common,
    applied: added.length,
    skipped,
  };
}

/** The replayed copy, refused if its last line is incomplete: a merge starts from whole lines. */
function whole<T extends { readonly torn: { readonly line: number } | null }>(
  ledger: T,
  name: string,
): T {
  if (ledger.torn === null) return ledger;
  throw new LedgerError('ledger_torn', `${name}: line ${ledger.torn.line} is incomplete`, {
    suggestions: ['Repair it first ("cred ledger repair").'],
  });
}

function conflict(file: string, line: LedgerLine, problem: string): LedgerError {
  return new LedgerError(
    'ledger_merge_conflict',
    `${file}: line ${line.seq} (${line.event.type}) cannot be applied after ours: ${problem}`,
    {
      ref: `${file}:${line.seq}`,
      suggestions: [
        'Resolve it by hand in one copy (for example, undo the conflicting change there with a new event), then merge again.',
        `The event was: ${canonicalJson(line.event)}`,
      ],
    },
  );
}

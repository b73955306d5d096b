/**
 * The ledger's hash chain, as a rule anyone can check with nothing but a SHA-256 function.
 * data/ledger.jsonl holds one event per line; each line is canonical JSON whose `seq` counts
 * lines from 1 and whose `prev` is the SHA-256 (hex) of the previous line's exact text, 64
 * zeros for the first. Timestamps never go backwards and event ids never repeat. The file ends
 * with a newline: a final segment without one is a torn write (a crash mid-append), which is
 * reported and never counted as a line.
 *
 * Why here, pure, with the hash function as a parameter: the CLI replays the ledger with
 * node:crypto (src/ledger/replay.ts) and a funder's browser verifies the same file with
 * WebCrypto (the explorer's Ledger view). Both use `chainBreak` and `forEachLedgerLine`, so the
 * rule a funder checks is the rule the ledger was written by, not a second implementation.
 */
import { canonicalJsonOfParsed } from './canonicalJson.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a line that place it in the chain. */
export interface ChainLink {
  readonly seq: number;
  readonly prev: string;
  readonly timestampMs: number;
  readonly id: string;
}

/** Where the chain stands after `lines` lines: the hash of the last one and its time. */
export interface ChainHead {
  readonly lines: number;
  readonly hash: string;
  readonly lastTimestampMs: number;
}

export const CHAIN_START: ChainHead = { lines: 0, hash: GENESIS_HASH, lastTimestampMs: 0 };

/**
 * Why `link` cannot be line `head.lines + 1` of the chain, or undefined when it can. `seen`
 * tells whether an event id appeared on an earlier line.
 */
export function chainBreak(
  head: ChainHead,
  link: ChainLink,
  seen: (id: string) => boolean,
): string | undefined {
  const number = head.lines + 1;
  if (link.seq !== number)
    return `has seq ${link.seq}, expected ${number} (lines were removed or reordered)`;
  if (link.prev !== head.hash) {
    return number === 1
      ? 'does not start the chain: its prev should be 64 zeros (lines were removed before it)'
      : `does not follow line ${number - 1}: its hash chain is broken (line ${number - 1} was changed)`;
  }
  if (link.timestampMs < head.lastTimestampMs) return 'is older than the line before it';
  if (seen(link.id)) return `repeats event id ${link.id}`;
  return undefined;
}

/** The head after a line that passed `chainBreak`; `hash` is the SHA-256 of its text. */
export function advanceChain(head: ChainHead, link: ChainLink, hash: string): ChainHead {
  return { lines: head.lines + 1, hash, lastTimestampMs: link.timestampMs };
}

/** A final segment without a newline: where it starts (in characters) and its line number. */
export interface TornSegment {
  readonly offset: number;
  readonly line: number;
}

/**
 * Calls `visit` with each complete line of ledger text (its text, 1-based number and offset in
 * characters) and returns the torn segment after the last newline, or null when there is none.
 */
export function forEachLedgerLine(
  text: string,
  visit: (line: string, number: number, offset: number) => void,
): TornSegment | null {
  let offset = 0;
  let number = 1;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    if (end === -1) return { offset, line: number };
    visit(text.slice(offset, end), number, offset);
    number++;
    offset = end + 1;
  }
  return null;
}

/** A SHA-256 function returning lowercase hex: node:crypto's (sync) or WebCrypto's (async). */
export type Sha256Hex = (text: string) => string | Promise<string>;

export interface ChainVerification {
  /** Lines that verified, from the first (all of them when `failure` is null). */
  readonly lines: number;
  /** Hash of the last verified line (64 zeros when none). */
  readonly headHash: string;
  /** SHA-256 of every verified line, by line number - 1 (to compare with published heads). */
  readonly hashes: readonly string[];
  /** The first line that does not verify, and why. */
  readonly failure: { readonly line: number; readonly problem: string } | null;
  readonly torn: TornSegment | null;
}

const HEX_64 = /^[0-9a-f]{64}$/;
const HEX_24 = /^[0-9a-f]{24}$/;

/**
 * The chain rule applied line by line, for a reader that gets the file in pieces (the
 * explorer's worker streams it): `accept` each complete line with its SHA-256, in order, until
 * one is refused; `lines`, `head` and `hashes` then say how far the chain verified.
 */
export class ChainVerifier {
  private current: ChainHead = CHAIN_START;
  private readonly ids = new Set<string>();
  readonly hashes: string[] = [];

  get head(): ChainHead {
    return this.current;
  }

  /** Why `text` (hashing to `hash`) cannot be the next line, or undefined when it is. */
  accept(text: string, hash: string): string | undefined {
    const link = chainLinkOf(text);
    if (typeof link === 'string') return link;
    const problem = chainBreak(this.current, link, (id) => this.ids.has(id));
    if (problem !== undefined) return problem;
    this.ids.add(link.id);
    this.hashes.push(hash);
    this.current = advanceChain(this.current, link, hash);
    return undefined;
  }
}

/**
 * Verifies the chain of ledger `text` as `cred ledger verify` does, short of replaying the
 * events through the ledger's rules: every complete line is JSON in canonical form with the
 * chain fields, and `chainBreak` accepts it. Lines are hashed in batches, so an asynchronous
 * hash function (WebCrypto) runs many digests at once.
 */
export async function verifyLedgerChain(
  text: string,
  sha256Hex: Sha256Hex,
  batch = 256,
): Promise<ChainVerification> {
  const lines: string[] = [];
  const torn = forEachLedgerLine(text, (line) => void lines.push(line));
  const verifier = new ChainVerifier();
  for (let start = 0; start < lines.length; start += batch) {
    const chunk = lines.slice(start, start + batch);
    const hashes = await Promise.all(chunk.map((line) => sha256Hex(line)));
    for (const [k, line] of chunk.entries()) {
      const problem = verifier.accept(line, hashes[k] as string);
      if (problem !== undefined) {
        return chainResult(verifier, { line: start + k + 1, problem }, torn);
      }
    }
  }
  return chainResult(verifier, null, torn);
}

/** What `verifier` verified, as a ChainVerification. */
export function chainResult(
  verifier: ChainVerifier,
  failure: ChainVerification['failure'],
  torn: TornSegment | null,
): ChainVerification {
  const { lines, hash } = verifier.head;
  return { lines, headHash: hash, hashes: verifier.hashes, failure, torn };
}

/** The chain fields of a line's text, or why it has none. */
function chainLinkOf(text: string): ChainLink | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'is not valid JSON';
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return 'is not a ledger line (expected a JSON object)';
  const { version, seq, prev, timestampMs, id, event } = json as Record<string, unknown>;
  const missing = [
    version === 1 ? null : 'version 1',
    Number.isSafeInteger(seq) && (seq as number) > 0 ? null : 'a positive seq',
    Number.isSafeInteger(timestampMs) && (timestampMs as number) >= 0 ? null : 'a timestampMs',
    typeof id === 'string' && HEX_24.test(id) ? null : 'an id of 24 hex digits',
    typeof prev === 'string' && HEX_64.test(prev) ? null : 'a prev of 64 hex digits',
    event !== null && typeof event === 'object' ? null : 'an event',
  ].filter((field) => field !== null);
  if (missing.length > 0) return `is not a valid ledger line (expected ${missing.join(', ')})`;
  if (canonicalJsonOfParsed(json) !== text)
    return 'is not in canonical form (it was edited by hand?)';
  return { seq, prev, timestampMs, id } as ChainLink;
}

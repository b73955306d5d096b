/**
 * output/cred.credscores (`cred/scores-columns` version 1): the scores file (credOutput.ts) as
 * one float64 matrix of weekly cred, what `cred payout`, `cred site`, `cred explain` and the
 * governance budget read (docs/formats.md "Scores", decision 0750). Little-endian:
 *
 *   "CREDSCOR"  u32 version (1)  u32 header length H  header: UTF-8 canonical JSON, padded to 8:
 *               the scores file with each identity's `cred` left out
 *   cred        f64[identities x weeks]   row-major, identities in the header's order
 *
 * Numbers are stored as computed (float64 bits, and JSON's shortest round-tripping text for
 * totals), so decoding gives exactly the object `cred score` computed, and output/cred.json
 * (written with `--json-scores`) is byte-identical to the JSON of a decoded file. The header is
 * small (a line per identity); 10,000 identities over 260 weeks read in milliseconds where the
 * 72 MB JSON took seconds to print and parse.
 */
import { existsSync, readFileSync } from 'node:fs';
import { canonicalJson } from '../../core/canonicalJson.js';
import { assert, ConfigError } from '../../core/errors.js';
import { plainNumbers } from '../../core/scores.js';
import { parseWithSchema } from '../../core/validation.js';
import type { Instance } from '../instance.js';
import { scoresHeaderSchema, type ScoresFile } from './credOutput.js';

export const SCORES_BINARY_FORMAT = { type: 'cred/scores-columns', version: 1 } as const;
const MAGIC = 'CREDSCOR';
const PREFIX_BYTES = 16;
/** How errors and messages name the file. */
export const SCORES_FILE = 'output/cred.credscores';

/** The file's bytes, in chunks (concatenated they are the file). */
export function encodeScores(scores: ScoresFile): Uint8Array[] {
  checkLittleEndian();
  const { identities, ...rest } = scores;
  const header = { ...rest, identities: identities.map(({ cred: _cred, ...row }) => row) };
  const headerBytes = new TextEncoder().encode(canonicalJson(header));
  const padded = Math.ceil((PREFIX_BYTES + headerBytes.length) / 8) * 8;
  const head = new Uint8Array(padded);
  head.set(new TextEncoder().encode(MAGIC));
  const view = new DataView(head.buffer);
  view.setUint32(8, SCORES_BINARY_FORMAT.version, true);
  view.setUint32(12, headerBytes.length, true);
  head.set(headerBytes, PREFIX_BYTES);
  const weeks = scores.weeks.length;
  const cred = new Float64Array(identities.length * weeks);
  identities.forEach((row, k) => {
    assert(row.cred.length === weeks, `identity ${row.id}: ${row.cred.length} weeks, not ${weeks}`);
    cred.set(row.cred, k * weeks);
  });
  return [head, new Uint8Array(cred.buffer)];
}

/** Reads a scores file's bytes; `where` names the file in errors. */
export function decodeScores(bytes: Uint8Array, where: string): ScoresFile {
  checkLittleEndian();
  if (bytes.length < PREFIX_BYTES || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    throw invalid(where, 'no CREDSCOR signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== SCORES_BINARY_FORMAT.version) throw invalid(where, `version ${version}`);
  const length = view.getUint32(12, true);
  if (PREFIX_BYTES + length > bytes.length) throw invalid(where, 'truncated in the header');
  let json: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + length),
    );
    json = JSON.parse(text);
  } catch {
    throw invalid(where, 'unreadable header');
  }
  const header = parseWithSchema(
    scoresHeaderSchema,
    json,
    where,
    'SCORES_INVALID',
    'Recompute it with "cred score".',
  );
  const start = Math.ceil((PREFIX_BYTES + length) / 8) * 8;
  const weeks = header.weeks.length;
  const count = header.identities.length * weeks;
  if (bytes.length !== start + count * 8)
    throw invalid(where, `expected ${count} weekly figures after the header`);
  const aligned = (bytes.byteOffset + start) % 8 === 0 ? bytes : bytes.slice();
  const offset = aligned === bytes ? bytes.byteOffset + start : start;
  const cred = new Float64Array(aligned.buffer, offset, count);
  const identities = header.identities.map((row, k) => ({
    ...row,
    cred: plainNumbers(cred.subarray(k * weeks, (k + 1) * weeks)),
  }));
  return { ...header, identities };
}

function invalid(where: string, what: string): ConfigError {
  return new ConfigError('SCORES_INVALID', `${where}: not a cred/scores-columns file (${what})`, {
    ref: where,
    suggestions: ['Recompute it with "cred score".'],
  });
}

function checkLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
    throw new ConfigError('SCORES_FILE_ENDIAN', 'scores files need a little-endian machine');
}

/** output/cred.credscores, read; SCORES_MISSING when `cred score` has not run. */
export function readScores(instance: Instance): ScoresFile {
  if (!existsSync(instance.paths.scores)) {
    throw new ConfigError('SCORES_MISSING', `${SCORES_FILE} does not exist`, {
      ref: SCORES_FILE,
      suggestions: ['Run "cred score" first.'],
    });
  }
  return decodeScores(readFileSync(instance.paths.scores), SCORES_FILE);
}

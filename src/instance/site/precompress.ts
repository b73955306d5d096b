/**
 * Precompressed copies of the built site's text files, for static hosts and `cred serve`:
 * `<file>.gz` (gzip) and `<file>.br` (brotli) beside each file of 1 KB or more. A static
 * host configured to serve them (nginx gzip_static/brotli_static, most CDNs) then sends each
 * file compressed without compressing it per request; `cred serve` picks them by
 * Accept-Encoding (src/server/siteEncoding.ts).
 *
 * Brotli's best quality (11) costs about a second per MB; at 10,000 contributors the site has
 * 100 MB of text, so `cred site` spent minutes in it. Quality 11 is kept where it pays: the
 * front end (every visitor downloads it) and data files up to 64 KB; larger data files get
 * quality 5, some 20 times faster and 3-20% larger, still smaller than gzip -9
 * (docs/decisions/0761). gzip's best level (9) is kept too, except for data files above 4 MB:
 * on those it searched ten times as long as level 6 for under 1 % fewer bytes (the 14 MB
 * what-if data of a million-edge graph took 5 s; docs/decisions/0818).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { isCompressible } from '../../core/compressible.js';

const MIN_BYTES = 1024;
const BEST_UP_TO_BYTES = 64 * 1024;
const GZIP_BEST_UP_TO_BYTES = 4 * 2 ** 20;
/** What Z_DEFAULT_COMPRESSION (-1) stands for. */
const ZLIB_DEFAULT_LEVEL = 6;
const DATA_FOLDERS = ['data', 'payouts'];

function isData(relative: string): boolean {
  return DATA_FOLDERS.includes(relative.split(path.sep)[0] ?? '');
}

/** Brotli quality for a file of `bytes` at `relative` (its path under the site). */
export function brotliQuality(relative: string, bytes: number): number {
  return !isData(relative) || bytes <= BEST_UP_TO_BYTES ? constants.BROTLI_MAX_QUALITY : 5;
}

/** gzip level for a file of `bytes` at `relative`: 9, or zlib's default 6 for large data. */
export function gzipLevel(relative: string, bytes: number): number {
  return !isData(relative) || bytes <= GZIP_BEST_UP_TO_BYTES
    ? constants.Z_BEST_COMPRESSION
    : ZLIB_DEFAULT_LEVEL;
}

export interface PrecompressReport {
  readonly files: number;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly brotliBytes: number;
}

/** Writes .gz and .br beside every compressible file under `root`; returns what it did. */
export function precompressSite(root: string): PrecompressReport {
  const report = { files: 0, bytes: 0, gzipBytes: 0, brotliBytes: 0 };
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.isFile() && isCompressible(file) && statSync(file).size >= MIN_BYTES) {
        const bytes = readFileSync(file);
        const relative = path.relative(root, file);
        const gzip = gzipSync(bytes, { level: gzipLevel(relative, bytes.length) });
        const brotli = brotliCompressSync(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: brotliQuality(relative, bytes.length),
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        });
        writeFileSync(`${file}.gz`, gzip);
        writeFileSync(`${file}.br`, brotli);
        report.files += 1;
        report.bytes += bytes.length;
        report.gzipBytes += gzip.length;
        report.brotliBytes += brotli.length;
      }
    }
  };
  visit(root);
  return report;
}

/**
 * Compressed responses for `cred serve`: the encoding a request accepts (brotli before gzip,
 * by Accept-Encoding and its q-values), the precompressed sibling `cred site` wrote for it
 * (`<file>.br`, `<file>.gz`) when it is a regular file inside the site and not older than the
 * file, and otherwise gzip on the fly for text files. Small files are sent as they are.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { constants, createGzip } from 'node:zlib';
import type { Response } from 'express';
import { isCompressible } from '../core/compressible.js';

export { isCompressible };

export type Encoding = 'br' | 'gzip';

const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };
/** Below this, a compressed response saves less than its headers cost. */
const MIN_BYTES = 1024;

/** The encodings a request accepts, best first (only br and gzip; q=0 refuses one). */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  const quality = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    quality.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const star = quality.get('*') ?? 0;
  return (['br', 'gzip'] as const)
    .map((encoding) => ({ encoding, q: quality.get(encoding) ?? star }))
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q)
    .map(({ encoding }) => encoding);
}

/** `file`'s precompressed sibling for `encoding`, if it is safe and fresh to serve. */
export function precompressed(root: string, file: string, encoding: Encoding): string | undefined {
  try {
    const sibling = realpathSync(`${file}${SUFFIX[encoding]}`);
    const stat = statSync(sibling);
    if (!stat.isFile() || !sibling.startsWith(root + path.sep)) return undefined;
    return stat.mtimeMs >= statSync(file).mtimeMs ? sibling : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends `file` (a resolved, servable path) gzipped on the fly, when it is text of some size
 * and gzip is accepted; returns false when the caller should send it as it is.
 */
export function sendGzipped(response: Response, file: string, accepted: Encoding[]): boolean {
  if (!accepted.includes('gzip') || !isCompressible(file)) return false;
  if (statSync(file).size < MIN_BYTES) return false;
  response.set('Content-Encoding', 'gzip');
  if (response.req.method === 'HEAD') {
    response.end();
    return true;
  }
  const gzip = createGzip({ level: constants.Z_DEFAULT_COMPRESSION });
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(gzip)
    .pipe(response);
  return true;
}

/**
 * File helpers for the instance: JSON read with errors that name the file, line and column;
 * atomic writes (temporary file, fsync, rename) so a crash never leaves a half-written output.
 */
import {
  closeSync,
  fsync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
  mkdirSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import { jsonErrorOffset } from './jsonErrorOffset.js';

/** Reads and parses a JSON file; `shown` is the name used in messages (relative path). */
export function readJsonFile(file: string, shown: string = file): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'FILE_UNREADABLE',
      `${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      {
        ref: shown,
        suggestions: [`Check that ${shown} exists and is readable.`],
      },
    );
  }
  return parseJsonText(text, shown);
}

export function parseJsonText(text: string, shown: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    const offset = jsonErrorOffset(text);
    const where = offset === undefined ? '' : ` at ${lineAndColumn(text, offset)}`;
    throw new ConfigError('JSON_INVALID', `${shown}: not valid JSON${where}: ${message}`, {
      ref: shown,
      suggestions: [
        `Fix the JSON syntax in ${shown} (a missing comma or quote is the usual cause).`,
      ],
    });
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Writes `content` to `file` atomically: readers see the old file or the new one, never a mix. */
export function writeFileAtomic(file: string, content: string): void {
  writeChunksAtomic(file, [content]);
}

/** Writes `chunks` one after the other to `file` atomically (a stream never held whole). */
export function writeChunksAtomic(file: string, chunks: Iterable<string | Uint8Array>): void {
  const { temporary, fd } = openTemporary(file);
  try {
    writeChunks(fd, chunks);
    fsyncSync(fd);
  } catch (error) {
    discard(temporary, fd);
    throw error;
  }
  closeSync(fd);
  replaceWith(temporary, file);
}

/**
 * writeChunksAtomic, but the fsync waits on libuv's thread pool while `meanwhile` runs here
 * (a digest of the same bytes, say): the disk and the work overlap instead of taking turns.
 */
export async function writeChunksAtomicWhile(
  file: string,
  chunks: Iterable<string | Uint8Array>,
  meanwhile: () => void,
): Promise<void> {
  const { temporary, fd } = openTemporary(file);
  try {
    writeChunks(fd, chunks);
    const synced = new Promise<void>((resolve, reject) =>
      fsync(fd, (error) => (error === null ? resolve() : reject(error))),
    );
    try {
      meanwhile();
    } finally {
      await synced;
    }
  } catch (error) {
    discard(temporary, fd);
    throw error;
  }
  closeSync(fd);
  replaceWith(temporary, file);
}

function openTemporary(file: string): { temporary: string; fd: number } {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  return { temporary, fd: openSync(temporary, 'w') };
}

function writeChunks(fd: number, chunks: Iterable<string | Uint8Array>): void {
  for (const chunk of chunks) {
    if (typeof chunk === 'string') writeSync(fd, chunk);
    else for (let done = 0; done < chunk.length;) done += writeSync(fd, chunk, done);
  }
}

function discard(temporary: string, fd: number): void {
  closeSync(fd);
  rmSync(temporary, { force: true });
}

function replaceWith(temporary: string, file: string): void {
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeChunksAtomic, writeChunksAtomicWhile } from './files.js';

const made: string[] = [];

function scratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cred-files-'));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const CHUNKS = ['head,', new TextEncoder().encode('bytes,'), 'tail'];

describe('instance/files atomic writes', () => {
  it('writeChunksAtomicWhile writes the chunks and runs its work while the file syncs', async () => {
    const file = path.join(scratch(), 'nested', 'out.bin');
    const order: string[] = [];
    const writing = writeChunksAtomicWhile(file, CHUNKS, () => order.push('meanwhile'));
    order.push('returned');
    await writing;
    expect(order).toEqual(['meanwhile', 'returned']);
    expect(readFileSync(file, 'utf8')).toBe('head,bytes,tail');
    expect(readdirSync(path.dirname(file))).toEqual(['out.bin']);
  });

  it('a failed write leaves the old file and no temporary file', async () => {
    const dir = scratch();
    const file = path.join(dir, 'out.bin');
    writeFileSync(file, 'old');
    const failing = (): never => {
      throw new Error('digest failed');
    };
    await expect(writeChunksAtomicWhile(file, CHUNKS, failing)).rejects.toThrow('digest failed');
    function* broken(): Generator<string> {
      yield 'partial';
      throw new Error('encoding failed');
    }
    expect(() => writeChunksAtomic(file, broken())).toThrow('encoding failed');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });
});

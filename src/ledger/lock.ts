/**
 * A lock file serializing writers of one ledger (`ledger.jsonl.lock`, created exclusively, holding
 * the writer's pid). A lock left by a process that no longer runs is taken over; a live one is
 * waited for, then reported with its pid.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { LedgerError } from '../core/errors.js';

export interface LockOptions {
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export async function withFileLock<T>(
  file: string,
  work: () => T | Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lock = `${file}.lock`;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    if (tryAcquire(lock)) break;
    const holder = lockHolder(lock);
    if (holder !== undefined && !processAlive(holder)) {
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new LedgerError(
        'ledger_locked',
        `${file} is being written by another cred process (pid ${holder ?? 'unknown'})`,
        {
          suggestions: [`Wait for it to finish; if no cred process runs, remove ${lock}.`],
        },
      );
    }
    await sleep(20);
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function tryAcquire(lock: string): boolean {
  try {
    const fd = openSync(lock, 'wx');
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function lockHolder(lock: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lock, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

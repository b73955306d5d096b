/**
 * The ledger file, data/ledger.jsonl: read (replay and verify) and append. Appends are
 * serialized by a lock, re-read the file under it (another process may have written), check
 * every new line exactly as replay will (src/ledger/gate.ts), write all new lines with one
 * write, and fsync before returning, so an event is durable before anything acts on it. A torn
 * tail from an earlier crash blocks writes until `cred ledger repair` removes it (keeping a
 * copy). */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../core/errors.js';
import type { LedgerEvent } from './events.js';
import { assertLedgerInvariants } from './invariants.js';
import { admitLine } from './gate.js';
import { hashLine, type LedgerLine } from './line.js';
import { withFileLock, type LockOptions } from './lock.js';
import { replayLedger, replayLedgerFile, type ReplayedLedger } from './replay.js';
import { planRepair } from './repair.js';
import type { LedgerState } from './state.js';

export interface AppendResult {
  readonly state: LedgerState;
  readonly appended: readonly LedgerLine[];
}

/** An event to append, with its own time (null: the store's clock). */
export interface TimedEvent {
  readonly event: LedgerEvent;
  readonly timestampMs: number | null;
}

export class LedgerStore {
  constructor(
    readonly file: string,
    private readonly nowMs: () => number,
    private readonly shown: string = file,
    private readonly lockOptions: LockOptions = {},
  ) {}

  exists(): boolean {
    return existsSync(this.file);
  }

  /** Replays the file; an absent file is an empty ledger. `strict` also checks canonical form. */
  read(strict = false): ReplayedLedger {
    if (!existsSync(this.file)) return replayLedger('', this.shown, strict);
    return replayLedgerFile(this.file, this.shown, strict);
  }

  /**
   * Under the lock: replays the current file, asks `build` for the events to add given the
   * fresh state, validates and appends them. `build` may return no events (nothing written).
   */
  async append(
    build: (state: LedgerState, ledger: ReplayedLedger) => readonly LedgerEvent[],
  ): Promise<AppendResult> {
    return this.appendTimed((state, ledger) =>
      build(state, ledger).map((event) => ({ event, timestampMs: null })),
    );
  }

  /**
   * As `append`, for events that carry their own time (an imported history): an event's
   * `timestampMs` is used when it is not before the ledger's last; null means now.
   */
  async appendTimed(
    build: (state: LedgerState, ledger: ReplayedLedger) => readonly TimedEvent[],
  ): Promise<AppendResult> {
    mkdirSync(path.dirname(this.file), { recursive: true });
    return withFileLock(this.file, () => this.appendLocked(build), this.lockOptions);
  }

  private appendLocked(
    build: (state: LedgerState, ledger: ReplayedLedger) => readonly TimedEvent[],
  ): AppendResult {
    const ledger = this.read();
    if (ledger.torn !== null) throw tornError(this.shown, ledger.torn.line);
    let state = ledger.state;
    let prev = ledger.headHash;
    let lastMs = ledger.lastTimestampMs;
    const lines: LedgerLine[] = [];
    const texts: string[] = [];
    for (const { event, timestampMs: givenMs } of build(state, ledger)) {
      const timestampMs = Math.max(givenMs ?? this.nowMs(), lastMs);
      const seq = ledger.lineCount + lines.length + 1;
      const admitted = admitLine(state, event, { seq, prev, timestampMs }, this.shown);
      state = admitted.state;
      lines.push(admitted.line);
      texts.push(admitted.text);
      prev = hashLine(admitted.text);
      lastMs = timestampMs;
    }
    if (lines.length === 0) return { state, appended: [] };
    assertLedgerInvariants(state);
    appendDurably(this.file, texts.map((text) => `${text}\n`).join(''));
    return { state, appended: lines };
  }

  /**
   * Repairs what accidents do (src/ledger/repair.ts): an incomplete last line, blank lines,
   * carriage returns. The repaired text must replay, else nothing is written; the old file is
   * kept in `<file>.before-repair-<bytes>`.
   */
  async repair(): Promise<RepairResult> {
    return withFileLock(this.file, () => this.repairLocked(), this.lockOptions);
  }

  private repairLocked(): RepairResult {
    if (!existsSync(this.file)) return { removedBytes: 0, backup: null, actions: [] };
    const text = readFileSync(this.file, 'utf8');
    const plan = planRepair(text);
    if (plan.actions.length === 0) {
      this.read(); // a ledger with nothing to repair must still replay; this names the problem
      return { removedBytes: 0, backup: null, actions: [] };
    }
    const replayed = replayLedger(plan.text, this.shown);
    if (replayed.torn !== null) throw tornError(this.shown, replayed.torn.line);
    const backup = `${this.file}.before-repair-${Buffer.byteLength(text)}`;
    copyFileSync(this.file, backup);
    const temporary = `${this.file}.repair-tmp`;
    writeFileSync(temporary, plan.text);
    const fd = openSync(temporary, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, this.file);
    return { removedBytes: plan.removedBytes, backup, actions: plan.actions };
  }
}

export interface RepairResult {
  readonly removedBytes: number;
  readonly backup: string | null;
  /** What was done, in words; empty when there was nothing to repair. */
  readonly actions: readonly string[];
}

function appendDurably(file: string, text: string): void {
  const created = !existsSync(file);
  const fd = openSync(file, 'a');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (created) {
    const dir = openSync(path.dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}

export function tornError(shown: string, line: number): LedgerError {
  return new LedgerError(
    'ledger_torn',
    `${shown}: line ${line} is incomplete (a write was cut off, e.g. by a crash); nothing in it was applied`,
    {
      ref: `${shown}:${line}`,
      suggestions: [
        'Run "cred ledger repair" to remove the incomplete line (a copy is kept), then retry.',
      ],
    },
  );
}

/**
 * Ledger replay benchmark: writes a synthetic 100,000-event ledger (identities, aliases, merges,
 * two years of monthly weekly-cred records, distributions, expenses and their outcomes) into a
 * bare instance, then times reading it back in this process (parse, hash chain, replay every
 * event through the ledger rules), then the same replay alone and `cred ledger verify` as a user
 * runs it, each in a fresh process three times (medians of wall time, CPU time and peak RSS
 * measured by /usr/bin/time). Prints one JSON line.
 */
import { closeSync, existsSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { initInstance, PROJECT_ROOT } from '../instance/init.js';
import { instancePaths } from '../instance/instance.js';
import type { LedgerEvent } from '../ledger/events.js';
import { encodeLine, eventIdFor, GENESIS_HASH, hashLine } from '../ledger/line.js';
import { LedgerStore } from '../ledger/store.js';
import { median } from './median.js';
import { timeNode } from './timeNode.js';

// Without `--events` the old `Number(argv[0] || ...)` gave NaN, and the ledger never ended.
const eventsAt = process.argv.indexOf('--events');
const TARGET = eventsAt === -1 ? 100_000 : Number(process.argv[eventsAt + 1]);
if (!Number.isSafeInteger(TARGET) || TARGET < 1) throw new Error('--events takes a whole number');
const IDENTITIES = 10_000;
const PAID_PER_MONTH = 1_000;

function* syntheticEvents(): Generator<LedgerEvent> {
  const id = (k: number) => `id-${k}`;
  for (let k = 0; k < IDENTITIES; k++) {
    yield {
      type: 'identity.create',
      identityId: id(k),
      name: `person-${k}`,
      kind: 'user',
      aliases: [`github/user/${k}`],
    };
  }
  for (let k = 0; k < IDENTITIES * 2; k++)
    yield {
      type: 'identity.addAlias',
      identityId: id(k % IDENTITIES),
      alias: `discourse/user/${k}`,
    };
  for (let k = 0; k < 2_000; k++)
    yield { type: 'identity.merge', baseId: id(k), targetId: id(IDENTITIES - 1 - k) };
  for (let month = 0; ; month++) {
    const name = `${2024 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    const weeks: Record<string, Record<string, number>> = {};
    for (let w = 0; w < 4; w++) {
      const week = new Date(Date.UTC(2024, month, 1 + 7 * w)).toISOString().slice(0, 10);
      weeks[week] = Object.fromEntries(
        Array.from({ length: PAID_PER_MONTH }, (_, k) => [id(2_000 + k), (k % 97) + w]),
      );
    }
    yield {
      type: 'cred.weeks',
      algorithm: 'credrank',
      graphDigest: 'sha256:g',
      weightsDigest: 'sha256:w',
      weeks,
    };
    const distributionId = `cred-${name}`;
    yield {
      type: 'grain.distribute',
      distributionId,
      month: name,
      currency: 'USD',
      amounts: Object.fromEntries(
        Array.from({ length: PAID_PER_MONTH }, (_, k) => [id(2_000 + k), String(500 + k)]),
      ),
    };
    for (let k = 0; k < PAID_PER_MONTH; k++) {
      yield {
        type: 'expense.file',
        reference: `${distributionId}-${k}`,
        identityId: id(2_000 + k),
        amount: String(500 + k),
        distributionId,
        platform: 'opencollective',
        externalId: null,
      };
    }
    for (let k = 0; k < PAID_PER_MONTH; k++) {
      yield {
        type: 'expense.settle',
        reference: `${distributionId}-${k}`,
        outcome: k % 50 === 0 ? 'declined' : 'paid',
        externalId: `oc-${month}-${k}`,
      };
    }
  }
}

/** Writes the ledger in chunks, so the bench's own peak memory is the replay's, not the text's. */
function writeLedger(file: string): number {
  const fd = openSync(file, 'w');
  let lines: string[] = [];
  let prev = GENESIS_HASH;
  let seq = 0;
  for (const event of syntheticEvents()) {
    if (seq >= TARGET) break;
    const timestampMs = Date.UTC(2024, 0, 1) + seq * 1000;
    const text = encodeLine({
      version: 1,
      seq: ++seq,
      timestampMs,
      id: eventIdFor(prev, event, timestampMs),
      prev,
      event,
    });
    lines.push(`${text}\n`);
    prev = hashLine(text);
    if (lines.length === 1000) {
      writeSync(fd, lines.join(''));
      lines = [];
    }
  }
  writeSync(fd, lines.join(''));
  closeSync(fd);
  return seq;
}

interface ProcessFigures {
  readonly ms: number;
  readonly cpuMs: number;
  readonly rssMb: number;
}

/** `node ...args` in `root` as a fresh process: wall, user + sys CPU and peak RSS. */
function timeProcess(root: string, args: readonly string[]): ProcessFigures {
  const { seconds, cpuSeconds, peakRssMb } = timeNode(args, root);
  return {
    ms: Math.round(seconds * 1000),
    cpuMs: Math.round(cpuSeconds * 1000),
    rssMb: peakRssMb,
  };
}

/** Each figure's median over `runs`. */
function medianFigures(runs: readonly ProcessFigures[]): ProcessFigures {
  return {
    ms: median(runs.map((run) => run.ms)),
    cpuMs: median(runs.map((run) => run.cpuMs)),
    rssMb: median(runs.map((run) => run.rssMb)),
  };
}

/** Fresh processes run alternately this many times; the figures are medians. */
const PROCESS_RUNS = 3;

/**
 * `cred ledger verify` as a user runs it, and a replay alone (`LedgerStore.read()` of the
 * compiled modules) in a fresh process, as every command that reads the ledger starts.
 */
function timeProcesses(root: string, file: string) {
  const store = new URL('../ledger/store.js', import.meta.url).href;
  const script = `import { LedgerStore } from ${JSON.stringify(store)};
new LedgerStore(${JSON.stringify(file)}, () => 0).read();`;
  const verifies: ProcessFigures[] = [];
  const freshes: ProcessFigures[] = [];
  for (let run = 0; run < PROCESS_RUNS; run++) {
    verifies.push(
      timeProcess(root, [path.join(PROJECT_ROOT, 'bin', 'run.js'), 'ledger', 'verify']),
    );
    freshes.push(timeProcess(root, ['--input-type=module', '-e', script]));
  }
  const verify = medianFigures(verifies);
  const fresh = medianFigures(freshes);
  return {
    freshReplayMs: fresh.ms,
    freshReplayCpuMs: fresh.cpuMs,
    freshReplayRssMb: fresh.rssMb,
    verifyMs: verify.ms,
    verifyCpuMs: verify.cpuMs,
    verifyRssMb: verify.rssMb,
  };
}

const root = path.join(mkdtempSync(path.join(tmpdir(), 'cred-bench-ledger-')), 'instance');
initInstance(root, { bare: true });
const file = instancePaths(root).ledger;
const events = writeLedger(file);
const startMs = performance.now();
const startCpu = process.cpuUsage();
const ledger = new LedgerStore(file, () => 0).read();
const replayMs = Math.round(performance.now() - startMs);
const cpu = process.cpuUsage(startCpu);
const replayCpuMs = Math.round((cpu.user + cpu.system) / 1000);
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const verify = existsSync('/usr/bin/time') ? timeProcesses(root, file) : {};
process.stdout.write(
  `${JSON.stringify({ events, identities: ledger.state.identities.size, bytesMb: Math.round(ledger.length / 1e5) / 10, replayMs, replayCpuMs, peakRssMb, ...verify, load1: loadavg()[0] })}\n`,
);

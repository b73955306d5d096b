/**
 * Ledger replay benchmark: writes a synthetic 100,000-event ledger (identities, aliases, merges,
 * two years of monthly weekly-cred records, distributions, expenses and their outcomes), then
 * times reading it back: parse, verify the hash chain and canonical form, and replay every event
 * through the ledger rules. Prints one JSON line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerEvent } from '../ledger/events.js';
import { encodeLine, eventIdFor, GENESIS_HASH, hashLine } from '../ledger/line.js';
import { LedgerStore } from '../ledger/store.js';

const TARGET = Number(process.argv[process.argv.indexOf('--events') + 1] || 100_000);
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

function writeLedger(file: string): number {
  const lines: string[] = [];
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
    lines.push(text);
    prev = hashLine(text);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return seq;
}

const file = path.join(mkdtempSync(path.join(tmpdir(), 'cred-bench-ledger-')), 'ledger.jsonl');
const events = writeLedger(file);
const startMs = performance.now();
const startCpu = process.cpuUsage();
const ledger = new LedgerStore(file, () => 0).read();
const replayMs = Math.round(performance.now() - startMs);
const cpu = process.cpuUsage(startCpu);
const replayCpuMs = Math.round((cpu.user + cpu.system) / 1000);
process.stdout.write(
  `${JSON.stringify({ events, identities: ledger.state.identities.size, bytesMb: Math.round(ledger.length / 1e5) / 10, replayMs, replayCpuMs, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);

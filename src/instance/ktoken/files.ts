/**
 * The files a month's KToken batch leaves in output/ktoken/, all rewritten from the ledger on
 * every run: YYYY-MM.json (the batch record), YYYY-MM.csv (what is still to send), for a Safe
 * YYYY-MM-safe.json (the Transaction Builder file of pending entries; removed once nothing is
 * pending, so that it cannot be executed twice), and the health report YYYY-MM-health.json/.md.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { canonicalJsonFile } from '../../core/canonicalJson.js';
import { batchCsv, batchReport, type BatchReport } from '../../ledger/ktoken/batchFiles.js';
import { ktokenHealth, type KtokenHealth } from '../../ledger/ktoken/health.js';
import { batchIdFor } from '../../ledger/ktoken/records.js';
import { safeBatchFile } from '../../ledger/ktoken/safeBatch.js';
import type { LedgerState } from '../../ledger/state.js';
import { writeFileAtomic } from '../files.js';
import type { Instance } from '../instance.js';
import type { KtokenSettings } from './config.js';
import { healthMarkdown } from './markdown.js';

export function ktokenDir(instance: Instance): string {
  return path.join(instance.paths.output, 'ktoken');
}

export interface WrittenBatch {
  readonly report: BatchReport | null;
  readonly files: readonly string[];
}

/** Writes the batch files of `month` if the ledger has its batch. */
export function writeBatchFiles(
  instance: Instance,
  state: LedgerState,
  month: string,
  settings: Pick<KtokenSettings, 'symbol'>,
): WrittenBatch {
  const batch = state.ktoken.batches.get(batchIdFor(month));
  if (batch === undefined) return { report: null, files: [] };
  const dir = ktokenDir(instance);
  const report = batchReport(state, batch, settings.symbol);
  const files = [path.join(dir, `${month}.json`), path.join(dir, `${month}.csv`)];
  writeFileAtomic(files[0] as string, canonicalJsonFile(report));
  writeFileAtomic(files[1] as string, batchCsv(report));
  const safe = path.join(dir, `${month}-safe.json`);
  const pending = batch.entries.some((entry) => entry.status === 'pending');
  if (batch.mode === 'safe' && pending) {
    writeFileAtomic(safe, `${JSON.stringify(safeBatchFile(batch, settings.symbol), null, 2)}\n`);
    files.push(safe);
  } else {
    // A Safe file left behind after everything was sent could be executed a second time.
    rmSync(safe, { force: true });
  }
  return { report, files };
}

export function writeHealthFiles(
  instance: Instance,
  state: LedgerState,
  month: string,
  settings: Pick<KtokenSettings, 'symbol' | 'decimals'>,
): { health: KtokenHealth; files: string[] } {
  const health = ktokenHealth(state, month, settings);
  const dir = ktokenDir(instance);
  const files = [path.join(dir, `${month}-health.json`), path.join(dir, `${month}-health.md`)];
  writeFileAtomic(files[0] as string, canonicalJsonFile(health));
  writeFileAtomic(files[1] as string, `${healthMarkdown(health)}\n`);
  return { health, files };
}

/**
 * `cred ledger ...` jobs: show, verify, balances, repair and merge. Verification replays the
 * whole file through the same rules as writing, so "verified" means every line is intact,
 * chained, in order and lawful.
 */
import {
  argumentAnchors,
  assertAnchors,
  checkAnchors,
  lineNumbersByHash,
  openCollectiveAnchors,
  reportAnchors,
  type Anchor,
  type AnchorCheck,
} from './anchors.js';
import type { ClientOverrides } from '../payout/openCollective.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../../core/errors.js';
import type { LedgerLine } from '../../ledger/line.js';
import { withFileLock } from '../../ledger/lock.js';
import { mergeLedgerTexts, type MergeResult } from '../../ledger/merge.js';
import type { RepairResult } from '../../ledger/store.js';
import { identityRows, type IdentityRow } from '../../ledger/views.js';
import { writeFileAtomic } from '../files.js';
import type { InstanceSettings, Runtime } from '../instance.js';
import { LEDGER_SHOWN, ledgerStore, readLedgerForViewing } from '../ledgerStore.js';

export interface VerifyReport {
  readonly file: string;
  readonly lines: number;
  readonly headHash: string;
  readonly identities: number;
  readonly torn: boolean;
  /** Published heads checked against the chain (all found, or verify fails). */
  readonly anchors: readonly AnchorCheck[];
}

export interface VerifyOptions {
  readonly heads?: readonly string[];
  readonly againstReports?: boolean;
  readonly againstOpenCollective?: boolean;
  readonly overrides?: ClientOverrides;
}

export async function verifyLedger(
  instance: InstanceSettings,
  runtime: Runtime,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const anchors = [
    ...argumentAnchors(options.heads ?? []),
    ...(options.againstReports === true ? reportAnchors(instance) : []),
    ...(options.againstOpenCollective === true
      ? await openCollectiveAnchors(instance, runtime, options.overrides)
      : []),
  ];
  const ledger = ledgerStore(instance, runtime).read(true);
  if (ledger.torn !== null) {
    throw new LedgerError(
      'ledger_torn',
      `${LEDGER_SHOWN}: line ${ledger.torn.line} is incomplete; lines 1-${ledger.lineCount} verify`,
      {
        suggestions: ['Run "cred ledger repair" to remove the incomplete line (a copy is kept).'],
      },
    );
  }
  return {
    file: LEDGER_SHOWN,
    lines: ledger.lineCount,
    headHash: ledger.headHash,
    identities: ledger.state.identities.size,
    torn: false,
    anchors: checkedAnchors(instance, anchors, ledger.lineCount),
  };
}

function checkedAnchors(
  instance: InstanceSettings,
  anchors: readonly Anchor[],
  lines: number,
): AnchorCheck[] {
  if (anchors.length === 0) return [];
  const checks = checkAnchors(
    anchors,
    lineNumbersByHash(readFileSync(instance.paths.ledger, 'utf8')),
  );
  assertAnchors(checks, lines);
  return checks;
}

export function showLedger(
  instance: InstanceSettings,
  runtime: Runtime,
  last: number,
  type?: string,
): LedgerLine[] {
  const ledger = readLedgerForViewing(instance, runtime);
  const lines = ledger.linesFrom(type === undefined ? Math.max(0, ledger.lineCount - last) : 0);
  const matching = lines.filter((line) => type === undefined || line.event.type.startsWith(type));
  return matching.slice(Math.max(0, matching.length - last));
}

export interface BalancesReport {
  readonly currency: string;
  readonly distributed: string;
  readonly paid: string;
  readonly identities: IdentityRow[];
}

export function ledgerBalances(
  instance: InstanceSettings,
  runtime: Runtime,
  all: boolean,
): BalancesReport {
  const { state } = readLedgerForViewing(instance, runtime);
  const rows = identityRows(state).filter(
    (row) =>
      all || row.owed !== '0' || row.pending !== '0' || row.paid !== '0' || row.lifetimeCred > 0,
  );
  return {
    currency: instance.config.currency,
    distributed: state.distributed.toString(),
    paid: state.paidTotal.toString(),
    identities: rows,
  };
}

export function repairLedger(instance: InstanceSettings, runtime: Runtime): Promise<RepairResult> {
  return ledgerStore(instance, runtime).repair();
}

/** Merges another copy of the ledger into this one (re-applying its events after the common lines). */
export async function mergeLedgerFile(
  instance: InstanceSettings,
  runtime: Runtime,
  other: string,
): Promise<MergeResult> {
  const otherPath = path.resolve(other);
  if (!existsSync(otherPath)) {
    throw new LedgerError('ledger_not_found', `${other}: no such file`, {
      suggestions: [
        'Give the path of the other copy, e.g. from "git show theirs:data/ledger.jsonl > /tmp/theirs.jsonl".',
      ],
    });
  }
  const file = instance.paths.ledger;
  return withFileLock(file, () => {
    const ours = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const result = mergeLedgerTexts(ours, readFileSync(otherPath, 'utf8'), LEDGER_SHOWN, other);
    if (result.applied > 0) writeFileAtomic(file, result.text);
    runtime.reporter.progress(
      `ledger merge: ${result.common} common lines, ${result.applied} applied, ${result.skipped} already present`,
    );
    return result;
  });
}

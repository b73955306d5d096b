/**
 * Heads anchored outside the ledger. A history rewritten with every later hash recomputed
 * still verifies on its own, with a new head; what catches it is a head published earlier that
 * is no longer in the chain. `cred ledger verify` checks heads given on the command line
 * (`--head`), the heads in the public reports under output/payouts/ (`--against-reports`) and
 * the heads carried by the expenses filed on Open Collective (`--against-opencollective`),
 * which a third party keeps with its own timestamps. A head that names its line must be the
 * hash of that very line; a bare hash may be any line's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compareStrings } from '../../core/canonicalJson.js';
import { forEachLedgerLine } from '../../core/ledgerChain.js';
import { LedgerError, UsageError } from '../../core/errors.js';
import { hashLine } from '../../ledger/line.js';
import type { InstanceSettings, Runtime } from '../instance.js';
import { LEDGER_SHOWN } from '../ledgerStore.js';
import type { ClientOverrides } from '../payout/openCollective.js';

/** A head published somewhere: where, for which month, and the line it claims (if it says). */
export interface Anchor {
  readonly source: string;
  readonly month: string | null;
  readonly hash: string;
  readonly line: number | null;
}

export interface AnchorCheck extends Anchor {
  /** The line of the verified chain whose hash it is, or null when none is. */
  readonly foundAt: number | null;
  readonly ok: boolean;
}

const HEX_64 = /^[0-9a-f]{64}$/;

/** Line number (1-based) of each line hash of the ledger text's complete lines. */
export function lineNumbersByHash(text: string): Map<string, number> {
  const numbers = new Map<string, number>();
  forEachLedgerLine(text, (line, number) => {
    const hash = hashLine(line);
    if (!numbers.has(hash)) numbers.set(hash, number);
  });
  return numbers;
}

export function checkAnchors(
  anchors: readonly Anchor[],
  numbers: ReadonlyMap<string, number>,
): AnchorCheck[] {
  return anchors.map((anchor) => {
    const foundAt = numbers.get(anchor.hash) ?? null;
    return { ...anchor, foundAt, ok: foundAt !== null && (anchor.line ?? foundAt) === foundAt };
  });
}

/** Throws naming the first month (then the first argument) whose head is not in the chain. */
export function assertAnchors(checks: readonly AnchorCheck[], lines: number): void {
  const failed = checks
    .filter((check) => !check.ok)
    .sort((a, b) => compareStrings(a.month ?? '9999', b.month ?? '9999'));
  const first = failed[0];
  if (first === undefined) return;
  const month = first.month === null ? '' : `the ${first.month} head in `;
  const where =
    first.foundAt === null
      ? 'is not the hash of any line'
      : `is the hash of line ${first.foundAt}, not of line ${first.line}`;
  throw new LedgerError(
    'ledger_head_not_in_chain',
    `${month}${first.source}: head ${first.hash}${first.line === null ? '' : ` (line ${first.line})`} ${where} of the ${lines} verified lines of ${LEDGER_SHOWN}: the history was rewritten after it was published${failed.length > 1 ? ` (${failed.length} heads fail)` : ''}`,
    {
      ref: first.source,
      suggestions: [
        `Compare ${LEDGER_SHOWN} with a copy from before that month (git log -p ${LEDGER_SHOWN}) to find the rewritten line.`,
      ],
    },
  );
}

/** `--head` values: each a 64-digit hex hash. */
export function argumentAnchors(heads: readonly string[]): Anchor[] {
  return heads.map((raw) => {
    const hash = raw.trim().toLowerCase();
    if (!HEX_64.test(hash)) {
      throw new UsageError(
        'head_invalid',
        `--head: expected 64 hex digits, got "${raw.slice(0, 80)}"`,
        {
          suggestions: [
            'Copy the head from a report, an announcement or an Open Collective expense.',
          ],
        },
      );
    }
    return { source: '--head', month: null, hash, line: null };
  });
}

/** The heads in the public reports output/payouts/YYYY-MM.json (at writing and at finalization). */
export function reportAnchors(instance: InstanceSettings): Anchor[] {
  const dir = instance.paths.payouts;
  if (!existsSync(dir)) return [];
  const anchors: Anchor[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => /^\d{4}-\d{2}\.json$/.test(n))
    .sort()) {
    const source = `output/payouts/${name}`;
    const report = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as {
      month?: unknown;
      ledger?: { lines?: unknown; headHash?: unknown };
      finalization?: { line?: unknown; headHash?: unknown };
    };
    const month = typeof report.month === 'string' ? report.month : name.slice(0, 7);
    const heads = [
      { hash: report.finalization?.headHash, line: report.finalization?.line },
      { hash: report.ledger?.headHash, line: report.ledger?.lines },
    ];
    for (const { hash, line } of heads) {
      // A report of an empty ledger anchors nothing.
      if (typeof hash !== 'string' || !Number.isSafeInteger(line) || line === 0) continue;
      anchors.push({ source, month, hash, line: line as number });
    }
  }
  return anchors;
}

/** The heads carried by the expenses cred filed on Open Collective (every one is tagged "cred"). */
export async function openCollectiveAnchors(
  instance: InstanceSettings,
  runtime: Runtime,
  overrides?: ClientOverrides,
): Promise<Anchor[]> {
  // Imported here, not at the top: the GraphQL client is only for this check, and `cred ledger
  // verify` without it should not pay for loading it.
  const { openCollectiveClient, openCollectiveSettings } =
    await import('../payout/openCollective.js');
  const { listExpenses } = await import('../../ledger/opencollective/api.js');
  const settings = openCollectiveSettings(instance);
  const client = openCollectiveClient(instance, runtime, { requireToken: true, overrides });
  const expenses = await listExpenses(client, settings.collective, { tag: 'cred' });
  const seen = new Set<string>();
  const anchors: Anchor[] = [];
  for (const expense of expenses) {
    if (expense.ledgerHead === null) continue;
    const month = /payout-(\d{4}-\d{2})-/.exec(expense.reference ?? '')?.[1] ?? null;
    const key = `${month}:${expense.ledgerHead.hash}:${expense.ledgerHead.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    anchors.push({
      source: `Open Collective expense ${expense.id}`,
      month,
      hash: expense.ledgerHead.hash,
      line: expense.ledgerHead.line,
    });
  }
  return anchors;
}

/**
 * The ledger's hash chain, verified in the reader's browser: data/ledger.jsonl (the copy of the
 * instance's file) through src/core's `verifyLedgerChain`, the rule `cred ledger verify` runs,
 * with WebCrypto's SHA-256. The head is then compared with the head this site was built from
 * and with the head each published payout report printed at the line it names: a report's head
 * is the hash of that line, so a ledger rewritten before it no longer matches.
 */
import { verifyLedgerChain, type ChainVerification } from '../../../src/core/ledgerChain.js';
import type { SiteLedger } from '../../../src/instance/site/ledgerFormat.js';
import { loadLedgerText } from '../data.js';
import { deriveTotals, totalsMismatches, type FigureMismatch } from './derive.js';

export interface HeadCheck {
  /** What printed the head: "this site's build" or "report 2026-10". */
  readonly source: string;
  readonly line: number;
  readonly headHash: string;
  /** True when line `line` verified and hashes to `headHash`; null when it could not be reached. */
  readonly matches: boolean | null;
}

export type Verification =
  | { readonly kind: 'unavailable'; readonly reason: string }
  | {
      readonly kind: 'verified' | 'failed';
      readonly chain: ChainVerification;
      readonly heads: readonly HeadCheck[];
      /** Totals of data/ledger.json that the verified lines do not give. */
      readonly mismatches: readonly FigureMismatch[];
      readonly ms: number;
    };

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

let pending: Promise<Verification> | undefined;

/** Verifies the ledger once per page load (both ledger views show the result). */
export function verifyLedger(ledger: SiteLedger): Promise<Verification> {
  pending ??= run(ledger).catch((error: unknown) => {
    pending = undefined;
    return { kind: 'unavailable', reason: String(error) } as const;
  });
  return pending;
}

async function run(ledger: SiteLedger): Promise<Verification> {
  if (globalThis.crypto?.subtle === undefined) {
    return {
      kind: 'unavailable',
      reason:
        'this browser offers no SHA-256 here (WebCrypto needs https or localhost); run "cred ledger verify" instead',
    };
  }
  const text = await loadLedgerText(ledger.chain.file);
  const startMs = performance.now();
  const chain = await verifyLedgerChain(text, sha256Hex);
  const heads: HeadCheck[] = [
    { source: 'this site’s build', line: ledger.chain.lines, headHash: ledger.chain.headHash },
    ...ledger.payouts.flatMap(({ report }) =>
      report === null
        ? []
        : [{ source: `report ${report.json}`, line: report.lines, headHash: report.headHash }],
    ),
  ].map((head) => ({ ...head, matches: headMatches(chain, head.line, head.headHash) }));
  const mismatches = totalsMismatches(ledger.totals, deriveTotals(text, chain.lines));
  const ok =
    chain.failure === null &&
    heads.every((head) => head.matches !== false) &&
    mismatches.length === 0;
  return {
    kind: ok ? 'verified' : 'failed',
    chain,
    heads,
    mismatches,
    ms: Math.round(performance.now() - startMs),
  };
}

function headMatches(chain: ChainVerification, line: number, headHash: string): boolean | null {
  if (line === 0) return headHash === '0'.repeat(64);
  if (line > chain.lines) return chain.failure === null ? false : null;
  return chain.hashes[line - 1] === headHash;
}

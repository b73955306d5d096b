/**
 * The ledger's hash chain, verified in the reader's browser: the ledger worker (ledgerWorker.ts)
 * streams data/ledger.jsonl (the copy of the instance's file) through src/core's chain rule,
 * the rule `cred ledger verify` runs, with WebCrypto's SHA-256, and derives what the verified
 * lines say. The head is then compared with the head this site was built from and with the
 * head each published payout report printed at the line it names (a report's head is the hash
 * of that line, so a ledger rewritten before it no longer matches), and the totals and payout
 * rows of data/ledger.json with what the verified lines give (check.ts).
 */
import type { ChainVerification } from '../../../src/core/ledgerChain.js';
import type { SiteLedger } from '../../../src/instance/site/ledgerFormat.js';
import { summaryMismatches, totalsMismatches, type FigureMismatch } from './check.js';
import type { DerivedLedger } from './derive.js';
import type { VerifyRequest, VerifyResponse } from './protocol.js';

export interface HeadCheck {
  /** What printed the head: "this site’s build" or "report 2026-10". */
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
      /** What the verified lines say, for views to check their own figures. */
      readonly derived: DerivedLedger;
      /** Figures of data/ledger.json that the verified lines do not give. */
      readonly mismatches: readonly FigureMismatch[];
      readonly ms: number;
      readonly bytes: number;
    };

export interface Progress {
  readonly lines: number;
  readonly bytes: number;
}

let pending: Promise<Verification> | undefined;
let latest: Progress = { lines: 0, bytes: 0 };
const listeners = new Set<(progress: Progress) => void>();

/** Calls `listener` with each progress report of the running verification; returns an unsubscribe. */
export function onProgress(listener: (progress: Progress) => void): () => void {
  listeners.add(listener);
  listener(latest);
  return () => listeners.delete(listener);
}

/** Verifies the ledger once per page load (every ledger view shows the result). */
export function verifyLedger(ledger: SiteLedger): Promise<Verification> {
  pending ??= run(ledger).catch((error: unknown) => {
    pending = undefined;
    return { kind: 'unavailable', reason: String(error) } as const;
  });
  return pending;
}

/** The worker's answer: progress goes to the listeners, the final message resolves. */
function inWorker(url: string): Promise<Exclude<VerifyResponse, { kind: 'progress' }>> {
  if (typeof Worker === 'undefined') {
    return Promise.resolve({ kind: 'unavailable', reason: 'this browser runs no workers' });
  }
  const worker = new Worker(new URL('ledger-worker.js', document.baseURI));
  return new Promise((resolve, reject) => {
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the ledger worker failed'));
    };
    worker.onmessage = (event: MessageEvent<VerifyResponse>) => {
      const message = event.data;
      if (message.kind === 'progress') {
        latest = message;
        for (const listener of listeners) listener(message);
        return;
      }
      worker.terminate();
      resolve(message);
    };
    worker.postMessage({ url } satisfies VerifyRequest);
  });
}

async function run(ledger: SiteLedger): Promise<Verification> {
  const startMs = performance.now();
  const answer = await inWorker(new URL(`data/${ledger.chain.file}`, document.baseURI).href);
  if (answer.kind === 'unavailable') return answer;
  const { chain, derived } = answer;
  const heads: HeadCheck[] = [
    { source: 'this site’s build', line: ledger.chain.lines, headHash: ledger.chain.headHash },
    ...ledger.payouts.flatMap(({ report }) =>
      report === null
        ? []
        : [{ source: `report ${report.json}`, line: report.lines, headHash: report.headHash }],
    ),
  ].map((head) => ({ ...head, matches: headMatches(chain, head.line, head.headHash) }));
  const mismatches = [
    ...totalsMismatches(ledger.totals, derived.totals),
    ...(chain.failure === null
      ? ledger.payouts.flatMap((summary) => summaryMismatches(summary, derived))
      : []),
  ];
  return {
    kind: verdict(chain, heads, mismatches),
    chain,
    heads,
    derived,
    mismatches,
    ms: Math.round(performance.now() - startMs),
    bytes: answer.bytes,
  };
}

/** Verified only when the chain, every head and every figure checked agree. */
export function verdict(
  chain: ChainVerification,
  heads: readonly HeadCheck[],
  mismatches: readonly FigureMismatch[],
): 'verified' | 'failed' {
  return chain.failure === null &&
    heads.every((head) => head.matches !== false) &&
    mismatches.length === 0
    ? 'verified'
    : 'failed';
}

function headMatches(chain: ChainVerification, line: number, headHash: string): boolean | null {
  if (line === 0) return headHash === '0'.repeat(64);
  if (line > chain.lines) return chain.failure === null ? false : null;
  return chain.hashes[line - 1] === headHash;
}

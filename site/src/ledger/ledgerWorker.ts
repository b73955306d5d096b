/**
 * The ledger worker: reads data/ledger.jsonl as it arrives (fetch's stream, so a 40 MB ledger
 * is never held whole and the page never blocks), hashes each complete line with WebCrypto's
 * SHA-256, checks it with src/core's `ChainVerifier` (the rule `cred ledger verify` runs), adds
 * each verified line's event to the derived facts (derive.ts), and posts its progress a few
 * times a second. It stops at the first line that does not verify.
 */
import { ChainVerifier, chainResult, type TornSegment } from '../../../src/core/ledgerChain.js';
import { LedgerFacts } from './derive.js';
import type { VerifyRequest, VerifyResponse } from './protocol.js';

interface Scope {
  onmessage: ((event: MessageEvent<VerifyRequest>) => void) | null;
  postMessage(message: VerifyResponse): void;
}
const scope = self as unknown as Scope;
const PROGRESS_EVERY_MS = 150;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

async function verify(url: string): Promise<VerifyResponse> {
  if (globalThis.crypto?.subtle === undefined) {
    return {
      kind: 'unavailable',
      reason:
        'this browser offers no SHA-256 here (WebCrypto needs https or localhost); run "cred ledger verify" instead',
    };
  }
  const response = await fetch(url);
  if (!response.ok || response.body === null) throw new Error(`${url}: HTTP ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const verifier = new ChainVerifier();
  const facts = new LedgerFacts();
  let rest = '';
  let consumed = 0;
  let bytes = 0;
  let postedMs = 0;
  /** Verifies complete lines; the failure, or null when all verified. */
  const check = async (lines: string[]) => {
    const hashes = await Promise.all(lines.map(sha256Hex));
    for (const [k, line] of lines.entries()) {
      const problem = verifier.accept(line, hashes[k] as string);
      if (problem !== undefined) return { line: verifier.head.lines + 1, problem };
      facts.addLine(line);
      consumed += line.length + 1;
    }
    return null;
  };
  for (;;) {
    const { done, value } = await reader.read();
    const text = rest + (done ? decoder.decode() : decoder.decode(value, { stream: true }));
    bytes += value?.byteLength ?? 0;
    const end = text.lastIndexOf('\n');
    rest = end === -1 ? text : text.slice(end + 1);
    const failure = end === -1 ? null : await check(text.slice(0, end).split('\n'));
    if (failure !== null) {
      void reader.cancel();
      return {
        kind: 'done',
        chain: chainResult(verifier, failure, null),
        derived: facts.result(),
        bytes,
      };
    }
    if (done) break;
    if (performance.now() - postedMs > PROGRESS_EVERY_MS) {
      postedMs = performance.now();
      scope.postMessage({ kind: 'progress', lines: verifier.head.lines, bytes });
    }
  }
  const torn: TornSegment | null =
    rest === '' ? null : { offset: consumed, line: verifier.head.lines + 1 };
  return { kind: 'done', chain: chainResult(verifier, null, torn), derived: facts.result(), bytes };
}

scope.onmessage = (event) => {
  verify(event.data.url).then(
    (result) => scope.postMessage(result),
    (error: unknown) => scope.postMessage({ kind: 'unavailable', reason: String(error) }),
  );
};

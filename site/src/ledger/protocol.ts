/** Messages between the ledger views and the ledger worker (ledgerWorker.ts). */
import type { ChainVerification } from '../../../src/core/ledgerChain.js';
import type { DerivedLedger } from './derive.js';

export interface VerifyRequest {
  /** Absolute URL of the ledger copy (data/ledger.jsonl). */
  readonly url: string;
}

export type VerifyResponse =
  /** Lines verified and bytes read so far (decompressed), posted a few times a second. */
  | { readonly kind: 'progress'; readonly lines: number; readonly bytes: number }
  | {
      readonly kind: 'done';
      readonly chain: ChainVerification;
      /** What the verified lines say (their totals and proposals). */
      readonly derived: DerivedLedger;
      readonly bytes: number;
    }
  | { readonly kind: 'unavailable'; readonly reason: string };

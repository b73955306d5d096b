/**
 * Content digests (SHA-256, hex) of canonical JSON. The cred output names the digests of the
 * graphs and weights it came from, so a payout can prove which inputs it used and a stale score
 * is detected. Hashing is pure; node:crypto is used only as a hash function.
 */
import { hash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.js';

/** Of a text's UTF-8 bytes, or of bytes as they are. */
export function sha256Hex(content: string | Uint8Array): string {
  return hash('sha256', content, 'hex');
}

/** `sha256:<hex>` of the canonical JSON of `value`. */
export function digestOf(value: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}

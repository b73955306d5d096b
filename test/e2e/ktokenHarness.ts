/**
 * For the KToken end-to-end tests: an instance whose October payout is final (the example
 * contributors mira, tomas and lin; the first two with Ethereum addresses), copied afresh for
 * each test, and the in-process EVM that the built CLI reaches over loopback JSON-RPC.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { cred, scratchDir } from './cli.js';

export const MIRA = '0x1111111111111111111111111111111111111111';
export const TOMAS = '0x2222222222222222222222222222222222222222';
export const MONTH = '2026-10';

async function ok(args: readonly string[], cwd: string): Promise<void> {
  const result = await cred([...args, '-q'], cwd);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
}

/** An instance with October's payout final and two of three contributors with addresses. */
export async function finalizedInstance(): Promise<string> {
  const dir = path.join(scratchDir('cred-ktoken-'), 'community');
  await ok(['init', dir], path.dirname(dir));
  const config = JSON.parse(readFileSync(path.join(dir, 'cred.json'), 'utf8'));
  config.payout = { ratio: '0.8', minimum: '0', reviewDays: 0 };
  writeFileSync(path.join(dir, 'cred.json'), JSON.stringify(config, null, 2));
  await ok(['load'], dir);
  await ok(['payout', '--month', MONTH, '--revenue', '100'], dir);
  await ok(['identity', 'set-payout', 'mira', MIRA, '--method', 'ethereum'], dir);
  await ok(['identity', 'set-payout', 'tomas', TOMAS, '--method', 'ethereum'], dir);
  return dir;
}

/** A fresh copy of `template` with `ktoken` as the ktoken section of cred.json. */
export function copyWith(template: string, ktoken: Record<string, unknown>): string {
  const dir = path.join(scratchDir('cred-ktoken-'), 'community');
  cpSync(template, dir, { recursive: true });
  const file = path.join(dir, 'cred.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ ...config, ktoken }, null, 2));
  return dir;
}

export const ledgerText = (dir: string) =>
  readFileSync(path.join(dir, 'data', 'ledger.jsonl'), 'utf8');

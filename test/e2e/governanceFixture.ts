/**
 * A small community for the governance tests, built with the CLI: `cred init`, then records in
 * folders that map to a two-level domain tree (infra > backend, and media), a funder with no
 * cred, and the payout and governance sections of cred.json. Everything happens in October
 * 2026; CRED_NOW sets the clock so the review period can pass.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { cred, scratchDir } from './cli.js';

export const RECORDS: Record<string, string> = {
  'infra/backend/api.yaml': `
- { id: api-1, title: Rate limiter, date: 2026-10-06, type: code, weight: 4, contributors: [mira] }
- { id: api-2, title: Cache layer, date: 2026-10-20, type: code, weight: 2, contributors: [mira] }
`,
  'infra/ops.yaml': `
- { id: ops-1, title: Server move, date: 2026-10-13, type: ops, weight: 3, contributors: [tomas] }
`,
  'media/posts.yaml': `
- { id: post-1, title: Newsletter, date: 2026-10-08, type: post, weight: 2, contributors: [lin] }
- { id: post-2, title: Video, date: 2026-10-22, type: post, weight: 1, contributors: [lin, river-kim] }
`,
};

export const DOMAINS = [
  { id: 'infra', name: 'Infrastructure', containers: ['files/folder/infra'] },
  { id: 'backend', parent: 'infra', containers: ['files/folder/infra/backend'] },
  { id: 'media', name: 'Media', containers: ['files/folder/media'] },
];

/** Runs the CLI at a given time; fails the test on a non-zero exit. */
export async function at(
  nowIso: string,
  dir: string,
  args: readonly string[],
): Promise<{ stdout: string; json: unknown }> {
  const json = args.includes('--json');
  const result = await cred([...args, '-q'], dir, { CRED_NOW: nowIso });
  if (result.code !== 0)
    throw new Error(
      `cred ${args.join(' ')} exited ${result.code}:\n${result.stdout}${result.stderr}`,
    );
  return { stdout: result.stdout, json: json ? JSON.parse(result.stdout) : null };
}

/** An instance with the records loaded and scored, and `governance` as given. */
export async function governanceInstance(governance: Record<string, unknown>): Promise<string> {
  const dir = scratchDir('cred-governance-');
  expect((await cred(['init', '.', '-q'], dir)).code).toBe(0);
  rmSync(path.join(dir, 'contributions'), { recursive: true });
  for (const [file, text] of Object.entries(RECORDS)) {
    const full = path.join(dir, 'contributions', file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  const configFile = path.join(dir, 'cred.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  config.payout = { ratio: '1', minimum: '0', reviewDays: 7 };
  config.governance = { domains: DOMAINS, ...governance };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const start = '2026-11-02T10:00:00Z';
  await at(start, dir, ['load']);
  await at(start, dir, ['identity', 'add', 'acme-fund', '--type', 'organization']);
  await at(start, dir, ['score', '--json-scores']);
  return dir;
}

export function readReport<T>(dir: string, month: string): { json: T; markdown: string } {
  const base = path.join(dir, 'output', 'payouts', month);
  return {
    json: JSON.parse(readFileSync(`${base}.json`, 'utf8')) as T,
    markdown: readFileSync(`${base}.md`, 'utf8'),
  };
}

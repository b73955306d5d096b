import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HUGE_PAGE_TUNABLE, runWithHugePages, wantsHugePages } from './hugePages.js';

const made: string[] = [];
afterAll(() => made.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A file of `bytes` that takes no space (sparse): only its size is read. */
function sized(file: string, bytes: number): void {
  writeFileSync(file, '');
  truncateSync(file, bytes);
}

/** An instance whose graph files total `megabytes`, and a folder inside it. */
function instanceWithGraphs(megabytes: number): { root: string; inside: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'cred-huge-'));
  made.push(root);
  writeFileSync(path.join(root, 'cred.json'), '{}');
  mkdirSync(path.join(root, 'output', 'graphs'), { recursive: true });
  sized(path.join(root, 'output', 'graphs', 'a.credgraph'), megabytes << 19);
  sized(path.join(root, 'output', 'graphs', 'b.credgraph'), megabytes << 19);
  sized(path.join(root, 'output', 'graphs', 'notes.txt'), 64 << 20);
  mkdirSync(path.join(root, 'weights'));
  return { root, inside: path.join(root, 'weights') };
}

const linux = { env: {}, platform: 'linux' as const };

describe('huge pages for large graph and score jobs', () => {
  it('are asked for when the graph files reach 16 MB, from the instance or --instance', () => {
    const large = instanceWithGraphs(16);
    const small = instanceWithGraphs(15);
    expect(wantsHugePages({ ...linux, argv: ['score'], cwd: large.inside })).toBe(true);
    expect(wantsHugePages({ ...linux, argv: ['graph', '-q'], cwd: large.root })).toBe(true);
    expect(wantsHugePages({ ...linux, argv: ['score'], cwd: small.inside })).toBe(false);
    const elsewhere = tmpdir();
    for (const flag of [['--instance', large.root], [`--instance=${large.root}`]])
      expect(wantsHugePages({ ...linux, argv: ['score', ...flag], cwd: elsewhere })).toBe(true);
    expect(
      wantsHugePages({ ...linux, argv: ['score', '--instance', small.root], cwd: large.root }),
    ).toBe(false);
  });

  it('are asked for on a first run, when the instance has no graph files yet', () => {
    const fresh = instanceWithGraphs(0);
    rmSync(path.join(fresh.root, 'output', 'graphs', 'a.credgraph'));
    rmSync(path.join(fresh.root, 'output', 'graphs', 'b.credgraph'));
    expect(wantsHugePages({ ...linux, argv: ['graph'], cwd: fresh.root })).toBe(true);
    rmSync(path.join(fresh.root, 'output'), { recursive: true });
    expect(wantsHugePages({ ...linux, argv: ['score'], cwd: fresh.root })).toBe(true);
    // Tiny graph files (a run that found little) say the job is small.
    expect(wantsHugePages({ ...linux, argv: ['graph'], cwd: instanceWithGraphs(0).root })).toBe(
      false,
    );
  });

  it('are left alone for other commands, help, other systems and a user-set GLIBC_TUNABLES', () => {
    const { root } = instanceWithGraphs(40);
    const at = { cwd: root };
    expect(wantsHugePages({ ...linux, ...at, argv: ['load'] })).toBe(false);
    expect(wantsHugePages({ ...linux, ...at, argv: ['score', '--help'] })).toBe(false);
    expect(wantsHugePages({ ...at, argv: ['score'], env: {}, platform: 'darwin' })).toBe(false);
    const tuned = { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' };
    expect(wantsHugePages({ ...linux, ...at, argv: ['score'], env: tuned })).toBe(false);
    expect(wantsHugePages({ ...linux, ...at, argv: ['score'], env: { GLIBC_TUNABLES: '' } })).toBe(
      false,
    );
    const lower = { CRED_HUGE_PAGES_FROM_MB: '1' };
    expect(
      wantsHugePages({ ...linux, cwd: instanceWithGraphs(2).root, argv: ['score'], env: lower }),
    ).toBe(true);
  });

  it('run the command again with the tunable and give back its exit code', () => {
    const { root } = instanceWithGraphs(1);
    const script = path.join(root, 'job.mjs');
    const seen = path.join(root, 'seen.json');
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(seen)}, JSON.stringify({ argv: process.argv.slice(2), tunable: process.env.GLIBC_TUNABLES }));
process.exit(3);`,
    );
    const env: NodeJS.ProcessEnv = { ...process.env, CRED_HUGE_PAGES_FROM_MB: '0' };
    delete env.GLIBC_TUNABLES;
    const status = runWithHugePages(script, {
      argv: ['score', '-q'],
      cwd: root,
      env,
      platform: 'linux',
    });
    expect(status).toBe(3);
    expect(JSON.parse(readFileSync(seen, 'utf8'))).toEqual({
      argv: ['score', '-q'],
      tunable: HUGE_PAGE_TUNABLE,
    });
  });
});

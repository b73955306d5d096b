/**
 * Large `cred graph` and `cred score` jobs run with glibc's allocator asking Linux for huge
 * pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1, with the heap padding of HUGE_PAGE_TUNABLE).
 * Their time at a million edges is largely fresh memory: every 4 KB page of a new typed array
 * costs a page fault on first touch (92,000 faults for `cred score` at 1M edges). With huge
 * pages and the padding, the faults fall to under a quarter and the score step takes ~25 %
 * less time, a week's rescore included. glibc reads the variable only when a
 * process starts, so bin/run.js starts the job again in a child process that has it, when the
 * instance's graph files are large enough to gain more than a second node start costs (about
 * 0.1 s), or when it has none yet (a first run, whose size nobody knows). On other systems,
 * or when the user set GLIBC_TUNABLES themselves, nothing changes. Decision 0806.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { nearestInstanceRoot } from '../instance/instanceRoot.js';

/**
 * Huge pages, and a heap that grows 256 MB at a time and keeps that much when it shrinks: the
 * big typed arrays then come from one huge-page heap, and the memory a freed one leaves is
 * reused by the next without new faults (decision 0806).
 */
export const HUGE_PAGE_TUNABLE = 'glibc.malloc.hugetlb=1:glibc.malloc.top_pad=268435456';
const COMMANDS = new Set(['graph', 'score']);
/**
 * Graph files from this size on: the 100k-edge bench graph (9 MB) scores 0.06 s slower when
 * started again, the 300k-edge one (27 MB) 0.3 s faster, the 1M one (88 MB) 0.5 s faster.
 */
const DEFAULT_FROM_BYTES = 16 * 2 ** 20;

export interface LaunchContext {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
}

function instanceFlag(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--instance');
  if (at !== -1) return argv[at + 1];
  return argv.find((token) => token.startsWith('--instance='))?.slice('--instance='.length);
}

/** The size of the instance's graph files; undefined when it has none yet. */
function graphBytes(root: string): number | undefined {
  const folder = path.join(root, 'output', 'graphs');
  try {
    const files = readdirSync(folder).filter((name) => name.endsWith('.credgraph'));
    if (files.length === 0) return undefined;
    return files.reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0);
  } catch {
    return undefined;
  }
}

/** CRED_HUGE_PAGES_FROM_MB, when set to a number of megabytes, moves the threshold. */
function thresholdBytes(setting: string | undefined): number {
  const megabytes = setting === undefined || setting.trim() === '' ? Number.NaN : Number(setting);
  return Number.isFinite(megabytes) && megabytes >= 0 ? megabytes * 2 ** 20 : DEFAULT_FROM_BYTES;
}

/** Whether this command line is a large graph or score job to start again with huge pages. */
export function wantsHugePages(context: LaunchContext): boolean {
  const { argv, cwd, env, platform } = context;
  if (platform !== 'linux' || env.GLIBC_TUNABLES !== undefined) return false;
  if (!COMMANDS.has(argv[0] ?? '') || argv.some((token) => token === '--help' || token === '-h'))
    return false;
  const explicit = instanceFlag(argv);
  const root = explicit === undefined ? nearestInstanceRoot(cwd) : path.resolve(cwd, explicit);
  if (root === undefined) return false;
  // No graph files yet (a first run): the size is unknown, so the job is taken to be large.
  // Wrong, it costs a small instance one node start once; right, it saves a large one seconds.
  const bytes = graphBytes(root);
  return bytes === undefined || bytes >= thresholdBytes(env.CRED_HUGE_PAGES_FROM_MB);
}

/**
 * Runs `script` (bin/run.js) again with huge pages when `wantsHugePages`, and gives its exit
 * code; `undefined` when this process should run the command itself.
 */
export function runWithHugePages(script: string, context: LaunchContext): number | undefined {
  if (!wantsHugePages(context)) return undefined;
  const child = spawnSync(process.execPath, [...process.execArgv, script, ...context.argv], {
    stdio: 'inherit',
    env: { ...context.env, GLIBC_TUNABLES: HUGE_PAGE_TUNABLE },
  });
  if (child.error !== undefined) return undefined;
  if (child.signal !== null) process.kill(process.pid, child.signal);
  return child.status ?? 1;
}

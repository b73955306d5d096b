/**
 * One temporary folder per test run. Tests and the CLI processes they start make their scratch
 * folders with mkdtemp under os.tmpdir(), and many did not remove theirs: the machine the
 * suite was written on had gathered 27,800 of them in /tmp, 7 GB (instances with fake tokens,
 * ledgers, sites, SQLite caches, browser profiles). The global setup points TMPDIR (TMP and TEMP on Windows) at a fresh folder,
 * which the test processes and their children inherit, and removes it when the run ends, so a
 * test that forgets to clean up costs nothing after the run. CRED_KEEP_TEST_FILES=1 keeps it,
 * to look at what a failing test wrote.
 *
 * What should outlive a run (the compiled KToken fixtures) goes to CRED_TEST_CACHE_DIR, the
 * temporary folder the run started with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const TEMPORARY_VARIABLES = ['TMPDIR', 'TMP', 'TEMP'] as const;
export const RUN_FOLDER_PREFIX = 'cred-test-run-';

/** Makes the run's folder and points the temporary-folder variables at it; returns the undo. */
export function useRunScratchRoot(env: NodeJS.ProcessEnv = process.env): () => void {
  const outer = tmpdir();
  const root = mkdtempSync(path.join(outer, RUN_FOLDER_PREFIX));
  const before = TEMPORARY_VARIABLES.map((name) => [name, env[name]] as const);
  env.CRED_TEST_CACHE_DIR ??= outer;
  for (const name of TEMPORARY_VARIABLES) env[name] = root;
  return () => {
    for (const [name, value] of before) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    if (env.CRED_KEEP_TEST_FILES === '1') {
      process.stderr.write(`test files kept in ${root}\n`);
      return;
    }
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}

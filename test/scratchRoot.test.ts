import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEnv } from './e2e/cli.js';
import { RUN_FOLDER_PREFIX, useRunScratchRoot } from './scratchRoot.js';

describe('test/scratchRoot', () => {
  it("this run's temporary folder is one made for the run, and the CLI inherits it", () => {
    expect(path.basename(tmpdir())).toMatch(new RegExp(`^${RUN_FOLDER_PREFIX}`));
    expect(testEnv().TMPDIR).toBe(tmpdir());
    expect(process.env.CRED_TEST_CACHE_DIR).toBe(path.dirname(tmpdir()));
  });

  it('useRunScratchRoot points the variables at a new folder and removes it, whole', () => {
    const outer = mkdtempSync(path.join(tmpdir(), 'cred-scratch-'));
    const env: NodeJS.ProcessEnv = { TMPDIR: outer, TEMP: 'elsewhere' };
    const undo = useRunScratchRoot(env);
    const root = env.TMPDIR as string;
    expect(path.dirname(root)).toBe(tmpdir());
    expect([env.TMP, env.TEMP]).toEqual([root, root]);
    expect(env.CRED_TEST_CACHE_DIR).toBe(tmpdir());
    writeFileSync(path.join(mkdtempSync(path.join(root, 'left-')), 'cred.json'), '{}');
    undo();
    expect(existsSync(root)).toBe(false);
    expect(env).toEqual({ TMPDIR: outer, TEMP: 'elsewhere', CRED_TEST_CACHE_DIR: tmpdir() });
  });
});

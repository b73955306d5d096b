/**
 * `npm run demo`: the main job on the bundled demo instance, with no account, token or network.
 * It (re)creates demo-run/ from the bundled templates and runs the same `cred` commands a
 * maintainer runs, through the built CLI, printing what happened and where to look.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { initInstance, PROJECT_ROOT } from '../instance/init.js';

const DEMO_DIR = path.join(PROJECT_ROOT, 'demo-run');
const BIN = path.join(PROJECT_ROOT, 'bin', 'run.js');

function cred(args: readonly string[]): void {
  process.stdout.write(`\n$ cred ${args.join(' ')}\n`);
  execFileSync(process.execPath, [BIN, ...args], {
    cwd: DEMO_DIR,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC' },
  });
}

rmSync(DEMO_DIR, { recursive: true, force: true });
initInstance(DEMO_DIR, { name: 'Demo community' });
process.stdout.write(`Demo instance written to ${DEMO_DIR}\n`);
cred(['load']);
cred(['score']);
process.stdout.write(`\nScores: ${path.join(DEMO_DIR, 'output', 'cred.json')}\n`);

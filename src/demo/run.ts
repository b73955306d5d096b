/**
 * `npm run demo`: the main job on a bundled, generated demo community, with no account, token
 * or network (src/demo/demo.ts says what it does).
 *
 *   node dist/demo/run.js [--instance DIR] [--fresh]
 *
 * DIR defaults to demo-run/ in the project (git-ignored). An existing instance there is
 * continued (nothing is recorded twice); --fresh starts over. Exits non-zero when a step fails.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../instance/init.js';
import { DemoStepFailed } from './credRunner.js';
import { runDemo } from './demo.js';

const { values } = parseArgs({
  options: { instance: { type: 'string' }, fresh: { type: 'boolean', default: false } },
});
const root = path.resolve(values.instance ?? path.join(PROJECT_ROOT, 'demo-run'));
const startMs = performance.now();
try {
  await runDemo({ root, fresh: values.fresh, print: (text) => process.stdout.write(text) });
  process.stdout.write(
    `Demo finished in ${((performance.now() - startMs) / 1000).toFixed(1)} s.\n`,
  );
} catch (error) {
  if (error instanceof DemoStepFailed) {
    process.stderr.write(`\n${error.message}:\n${error.stderr}\n`);
  } else {
    process.stderr.write(`\ndemo failed: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exitCode = 1;
}

/**
 * Around the whole test run: says, at the start and again at the end, when the browser suites
 * were skipped for want of Chromium, so a passing run without a browser never looks like a
 * full one; and gives the run one temporary folder, removed at its end (scratchRoot.ts).
 */
import { BROWSER_SKIP_NOTICE, SKIP_BROWSER_TESTS } from './browser/chromium.js';
import { useRunScratchRoot } from './scratchRoot.js';

function shout(): void {
  if (SKIP_BROWSER_TESTS) process.stderr.write(`\n*** ${BROWSER_SKIP_NOTICE} ***\n\n`);
}

export default function setup(): () => void {
  shout();
  const removeScratchRoot = useRunScratchRoot();
  return () => {
    removeScratchRoot();
    shout();
  };
}

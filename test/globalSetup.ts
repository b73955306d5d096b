/**
 * Says, at the start and again at the end of the run, when the browser suites were skipped for
 * want of Chromium, so a passing run without a browser never looks like a full one.
 */
import { BROWSER_SKIP_NOTICE, SKIP_BROWSER_TESTS } from './browser/chromium.js';

function shout(): void {
  if (SKIP_BROWSER_TESTS) process.stderr.write(`\n*** ${BROWSER_SKIP_NOTICE} ***\n\n`);
}

export default function setup(): () => void {
  shout();
  return shout;
}

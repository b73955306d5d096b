/**
 * Headless Chromium for the explorer's tests: Debian's /usr/bin/chromium driven by
 * playwright-core (never a downloaded browser), with a fresh profile, no sandbox (tests run as
 * root in CI), and nothing that reaches the network on its own. Screenshots go to
 * test-artifacts/ (git-ignored), kept by CI as artifacts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { PROJECT } from '../e2e/cli.js';

export const CHROMIUM = process.env.CRED_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the suites that need Chromium run: always when it is installed; when it is not, they
 * are skipped with a warning (a newcomer's `npm test` passes without a browser), unless
 * CRED_BROWSER_TESTS=required (CI sets it), which makes a missing browser fail them.
 */
export const CHROMIUM_PRESENT = existsSync(CHROMIUM);
export const BROWSER_TESTS_REQUIRED = process.env.CRED_BROWSER_TESTS === 'required';
export const SKIP_BROWSER_TESTS = !CHROMIUM_PRESENT && !BROWSER_TESTS_REQUIRED;
export const BROWSER_SKIP_NOTICE =
  `Browser tests SKIPPED: ${CHROMIUM} is missing. Install Debian's Chromium ` +
  '(apt-get install -y chromium) and run npm test again; CRED_BROWSER_TESTS=required makes a ' +
  'missing browser fail the suite (CI sets it).';

/** How long a page may take to reach a state: generous, so a busy machine does not fail it. */
export const BROWSER_WAIT_MS = 300_000;

/** `describe` for a suite that drives Chromium: skipped, loudly, when there is none. */
export const describeInChromium: typeof describe = SKIP_BROWSER_TESTS
  ? (describe.skip as typeof describe)
  : describe;
export const ARTIFACTS = path.join(PROJECT, 'test-artifacts', 'site');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  /** A new page that records console errors and uncaught exceptions. */
  page(): Promise<Page & { errors: string[] }>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`,
    );
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'cred-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    timeout: BROWSER_WAIT_MS,
  });
  return {
    context,
    async page() {
      const page = (await context.newPage()) as Page & { errors: string[] };
      page.errors = [];
      page.on('pageerror', (error) => page.errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') page.errors.push(message.text());
      });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

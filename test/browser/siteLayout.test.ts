/**
 * Every view of the explorer on a phone (390×844) and a laptop (1280×800), on the fixture
 * instance with a finalized payout (test/e2e/siteFixture.ts; CRED_SITE_INSTANCE runs it on
 * another, e.g. the demo): nothing scrolls sideways (`scrollWidth <= innerWidth`), and axe-core,
 * injected into the page, finds no serious or critical accessibility violation, in light and
 * dark colour schemes. Screenshots of each go to test-artifacts/site/layout-*.png.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildLedgerFixture,
  startServe,
  type LedgerFixture,
  type ServeProcess,
} from '../e2e/siteFixture.js';
import { describeInChromium, launchChromium, screenshot, type Browser } from './chromium.js';

type Page = Awaited<ReturnType<Browser['page']>>;

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the debugging protocol: the site's CSP refuses inline scripts.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document)) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[];
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }));
  });
}

/** How far the page is wider than the window, and which elements stick out. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}#${element.id}.${element.className}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide };
  });
}

/** Holds back the ledger worker's download of data/ledger.jsonl until `release`. */
async function holdLedgerCopy(page: Page) {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const pattern = '**/data/ledger.jsonl';
  await page.context().route(pattern, async (route) => {
    await held;
    await route.continue().catch(() => undefined);
  });
  return {
    async release() {
      release();
      await page.context().unroute(pattern);
    },
  };
}

describeInChromium('test/browser/siteLayout', () => {
  let fixture: LedgerFixture;
  let serving: ServeProcess;
  let browser: Browser;
  /** `verifying`: the ledger copy is held back, so the chain box shows its progress bar. */
  let views: { name: string; hash: string; ready: string; verifying?: boolean }[];

  beforeAll(async () => {
    fixture = await buildLedgerFixture();
    const scores = JSON.parse(readFileSync(`${fixture.dir}/output/cred.json`, 'utf8')) as {
      identities: { id: string; totalCred: number }[];
    };
    const top = [...scores.identities].sort((a, b) => b.totalCred - a.totalCred)[0]!.id;
    views = [
      { name: 'leaderboard', hash: '#/leaderboard', ready: 'leaderboard' },
      { name: 'contributor', hash: `#/contributor/${top}`, ready: 'contributor' },
      { name: 'weights', hash: '#/weights', ready: 'weights' },
      { name: 'ledger', hash: '#/ledger', ready: 'ledger' },
      { name: 'ledger-verifying', hash: '#/ledger', ready: 'ledger', verifying: true },
      { name: 'ledger-month', hash: `#/ledger/${fixture.month}`, ready: 'ledger' },
    ];
    serving = await startServe(fixture.dir);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await serving?.stop();
  });

  for (const viewport of VIEWPORTS) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`every view fits ${viewport.width}px and passes axe (${scheme})`, async () => {
        const problems: string[] = [];
        for (const view of views) {
          const page = await browser.page();
          await page.setViewportSize({ width: viewport.width, height: viewport.height });
          await page.emulateMedia({ colorScheme: scheme });
          const held = view.verifying === true ? await holdLedgerCopy(page) : null;
          await page.goto(`${serving.url}${view.hash}`);
          await page.waitForSelector(`body[data-ready="${view.ready}"]`, { timeout: 60_000 });
          if (held !== null) await page.waitForSelector('#chain-progress');
          if (view.name === 'contributor') {
            await page.waitForSelector('body[data-payouts="ready"]', { timeout: 60_000 });
            // The weekly chart uses the content's width.
            const chart = await page.evaluate(() => ({
              content: document.querySelector('#weekly-chart')?.clientWidth ?? 0,
              svg: Number(document.querySelector('#weekly-chart svg')?.getAttribute('width')),
            }));
            if (chart.svg < chart.content - 2) problems.push(`chart: ${JSON.stringify(chart)}`);
          }
          const wide = await overflow(page);
          if (wide.scrollWidth > wide.innerWidth) {
            problems.push(`${view.name}: ${JSON.stringify(wide)}`);
          }
          for (const violation of await seriousViolations(page)) {
            problems.push(`${view.name}: ${JSON.stringify(violation)}`);
          }
          await screenshot(page, `layout-${view.name}-${viewport.name}-${scheme}`);
          await held?.release();
          expect(page.errors).toEqual([]);
          await page.close();
        }
        expect(problems).toEqual([]);
      }, 240_000);
    }
  }
});

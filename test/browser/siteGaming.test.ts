/**
 * The explorer's gaming lens on the demo community (`npm run demo` builds demo-run/; the test
 * is skipped without it): the three forum accounts of the like ring are flagged as a
 * reciprocal cluster on their contributor pages, naming each other, and no other contributor
 * is; the leaderboard marks them excluded (the demo's decisions exclude them) and marks bots.
 * A copy of demo-run/ is built with this checkout's `cred site`.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RING } from '../../src/demo/generate/roster.js';
import { cred, PROJECT, scratchDir } from '../e2e/cli.js';
import { startServe, type ServeProcess } from '../e2e/siteFixture.js';
import { describeInChromium, launchChromium, screenshot, type Browser } from './chromium.js';

const DEMO = path.join(PROJECT, 'demo-run');

interface Row {
  id: string;
  name: string;
  type: string;
  totalCred: number;
}

/** Needs `npm run demo` to have played into demo-run/ (CI does), and Chromium. */
const describeOnDemo = existsSync(path.join(DEMO, 'output', 'cred.json'))
  ? describeInChromium
  : describe.skip;

describeOnDemo('test/browser/siteGaming', () => {
  let dir: string;
  let rows: Row[];
  let serving: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    dir = path.join(scratchDir('cred-gaming-'), 'demo');
    cpSync(DEMO, dir, { recursive: true });
    const built = await cred(['site', '-q'], dir);
    expect(built.stderr).toBe('');
    rows = (
      JSON.parse(readFileSync(path.join(dir, 'output', 'cred.json'), 'utf8')) as {
        identities: Row[];
      }
    ).identities;
    serving = await startServe(dir);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await serving?.stop();
  });

  it('flags the like ring on its members’ pages and nobody else', async () => {
    const ring = rows.filter((row) => RING.includes(row.name));
    expect(ring.map((row) => row.name).sort()).toEqual([...RING].sort());
    const page = await browser.page();
    const flagged: string[] = [];
    for (const row of rows.filter((r) => r.totalCred > 0)) {
      await page.goto(`${serving.url}#/contributor/${row.id}`);
      await page.waitForSelector('body[data-ready="contributor"]');
      const notice = await page.$('#reciprocal-cluster');
      if (notice === null) continue;
      flagged.push(row.name);
      const named = await notice.$$eval('a', (links) => links.map((a) => a.textContent ?? ''));
      expect(named.sort()).toEqual(RING.filter((name) => name !== row.name).sort());
      if (flagged.length === 1) await screenshot(page, 'gaming-ring-member');
    }
    expect(flagged.sort()).toEqual([...RING].sort());
    expect(page.errors).toEqual([]);
  }, 300_000);

  it('the leaderboard marks the excluded ring and the bots', async () => {
    const page = await browser.page();
    await page.goto(`${serving.url}#/leaderboard`);
    await page.waitForSelector('body[data-ready="leaderboard"]');
    const marks = await page.$$eval('#leaderboard tbody tr', (trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('td:nth-child(2) a')?.textContent ?? '',
        badges: Array.from(tr.querySelectorAll('.badge')).map((b) => b.textContent ?? ''),
      })),
    );
    const excluded = marks.filter((m) => m.badges.includes('excluded')).map((m) => m.name);
    expect(excluded.sort()).toEqual([...RING].sort());
    const bots = new Set(rows.filter((row) => row.type === 'bot').map((row) => row.name));
    expect(bots.size).toBeGreaterThan(0);
    for (const mark of marks) expect(mark.badges.includes('bot')).toBe(bots.has(mark.name));
    await screenshot(page, 'gaming-leaderboard');
  }, 120_000);
});

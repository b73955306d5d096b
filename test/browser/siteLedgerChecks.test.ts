/**
 * The explorer checks what it shows against the verified ledger (issue 17.4 and 17.7, issue
 * 21): the ledger worker streams data/ledger.jsonl with a progress bar and a live status line
 * while the month list is already shown, and a month's table and a contributor's payout lines
 * are checked line by line against the verified lines. Tampering with either in the built
 * site's data is shown as a failure naming the figure, never as Verified. Screenshots go to
 * test-artifacts/site/.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PayoutReport } from '../../src/instance/payout/report.js';
import type { SiteAccounts, SitePayout } from '../../src/instance/site/ledgerFormat.js';
import { scratchDir } from '../e2e/cli.js';
import {
  buildLedgerFixture,
  readJson,
  startServe,
  type LedgerFixture,
  type ServeProcess,
} from '../e2e/siteFixture.js';
import {
  BROWSER_WAIT_MS,
  describeInChromium,
  launchChromium,
  screenshot,
  type Browser,
} from './chromium.js';

describeInChromium('test/browser/siteLedgerChecks', () => {
  let fixture: LedgerFixture;
  let report: PayoutReport;
  let line: PayoutReport['lines'][number];
  let serving: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    fixture = await buildLedgerFixture();
    report = readJson<PayoutReport>(
      path.join(fixture.dir, 'output', 'payouts', `${fixture.month}.json`),
    );
    line = report.lines.find((l) => /[1-9]/.test(l.payment))!;
    serving = await startServe(fixture.dir);
    browser = await launchChromium();
  }, BROWSER_WAIT_MS);

  afterAll(async () => {
    await browser?.close();
    await serving?.stop();
  });

  it('the month list shows while the worker verifies, with progress, then Verified ✓', async () => {
    const page = await browser.page();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.context().route('**/data/ledger.jsonl', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${serving.url}#/ledger`);
    await page.waitForSelector('body[data-ready="ledger"]');
    expect(await page.$(`#payouts tr[data-payout="${report.proposalId}"]`)).not.toBeNull();
    expect(await page.getAttribute('#chain', 'aria-busy')).toBe('true');
    expect(await page.getAttribute('#chain-status', 'role')).toBe('status');
    expect(await page.textContent('#chain-status')).toContain('Verifying');
    expect(await page.$('#chain-progress')).not.toBeNull();
    expect(await page.evaluate(() => document.body.dataset.chain)).toBeUndefined();
    await screenshot(page, 'ledger-verifying');
    release();
    await page.waitForSelector('body[data-chain="verified"]', { timeout: BROWSER_WAIT_MS });
    expect(await page.textContent('#chain-status')).toMatch(/^Verified ✓/);
    expect(await page.$('#chain-progress')).toBeNull();
    expect(await page.getAttribute('#chain', 'aria-busy')).toBeNull();
    await page.context().unroute('**/data/ledger.jsonl');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('an untampered month table and payout history are checked and verified', async () => {
    const page = await browser.page();
    await page.goto(`${serving.url}#/ledger/${report.month}`);
    await page.waitForSelector('body[data-chain="verified"]', { timeout: BROWSER_WAIT_MS });
    await page.goto(`${serving.url}#/contributor/${line.id}`);
    await page.reload();
    await page.waitForSelector('body[data-payouts="ready"]');
    await page.waitForSelector('body[data-chain="verified"]', { timeout: BROWSER_WAIT_MS });
    expect(await page.textContent('#payout-check #chain-status')).toMatch(/^Verified ✓/);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a tampered month table or payout line is shown failing, naming it', async () => {
    const copy = path.join(scratchDir('cred-tampered-lines-'), 'community');
    cpSync(fixture.dir, copy, { recursive: true });
    const data = path.join(copy, 'output', 'site', 'data');
    const ids = readJson<{ identities: { id: string[] } }>(path.join(data, 'leaderboard.json'));
    const ref = ids.identities.id.indexOf(line.id);
    const monthFile = path.join(data, 'ledger', `${report.proposalId}.json`);
    const month = readJson<SitePayout>(monthFile);
    (month.lines.payment as string[])[month.lines.identity.indexOf(ref)] = '777.77';
    writeFileSync(monthFile, JSON.stringify(month));
    const accountsDir = path.join(data, 'ledger', 'accounts');
    let edited = 0;
    for (const name of readdirSync(accountsDir).filter((n) => n.endsWith('.json'))) {
      const file = path.join(accountsDir, name);
      const group = JSON.parse(readFileSync(file, 'utf8')) as SiteAccounts;
      for (const account of group.accounts.filter((a) => a.identity === ref)) {
        (account.lines[0] as unknown as string[])[4] = '555.55';
        edited++;
      }
      writeFileSync(file, JSON.stringify(group));
    }
    expect(edited).toBe(1);
    const tampered = await startServe(copy);
    try {
      const page = await browser.page();
      // The failure messages fit a phone: nothing scrolls sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      const fits = () =>
        page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      await page.goto(`${tampered.url}#/ledger`);
      await page.waitForSelector('body[data-chain="verified"]', { timeout: BROWSER_WAIT_MS });
      await page.goto(`${tampered.url}#/ledger/${report.month}`);
      await page.reload();
      await page.waitForSelector('body[data-chain="failed"]', { timeout: BROWSER_WAIT_MS });
      const monthText = `${await page.textContent('#chain-status')}`;
      expect(monthText).toMatch(/^✗ Verification failed/);
      expect(monthText).toContain(
        `line of ${line.identity}: payment is shown as 777.77, the verified lines give ${line.payment}`,
      );
      expect(await fits()).toBe(true);
      await screenshot(page, 'ledger-month-tampered');
      await page.goto(`${tampered.url}#/contributor/${line.id}`);
      await page.reload();
      await page.waitForSelector('body[data-chain="failed"]', { timeout: BROWSER_WAIT_MS });
      const lineText = `${await page.textContent('#payout-check #chain-status')}`;
      expect(lineText).toMatch(/^✗ Verification failed/);
      expect(lineText).toContain(
        `payment is shown as 555.55, the verified lines give ${line.payment}`,
      );
      expect(lineText).not.toContain('Verified');
      expect(await fits()).toBe(true);
      await screenshot(page, 'contributor-payouts-tampered');
      expect(page.errors).toEqual([]);
      await page.close();
    } finally {
      await tampered.stop();
    }
  });
});

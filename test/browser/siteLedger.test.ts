/**
 * The explorer's ledger views in a real browser, on an instance with a finalized payout built
 * with the CLI (test/e2e/siteFixture.ts: buildLedgerFixture; CRED_SITE_INSTANCE runs it on
 * another instance): the Ledger view and a month's payout show the numbers of the public report
 * and the ledger, a contributor page shows what the ledger says it is owed and was paid, the
 * hash chain verifies in the browser, and a tampered copy of the ledger fails verification
 * naming the line. Screenshots go to test-artifacts/site/.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/digest.js';
import type { PayoutReport } from '../../src/instance/payout/report.js';
import { credJson, scratchDir } from '../e2e/cli.js';
import {
  buildLedgerFixture,
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

type Page = Awaited<ReturnType<Browser['page']>>;

interface Balances {
  identities: { id: string; name: string; owed: string; pending: string; paid: string }[];
}

/** What a cell shows, without thousands separators. */
const plain = (text: string | null | undefined) => (text ?? '').replace(/,/g, '').trim();
/** Minor units as the report writes amounts (2 decimals: the fixture's currency is USD). */
const decimal = (minor: bigint) => {
  const digits = minor.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

async function rows(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(selector, (trs) =>
    trs.map((tr) => Array.from(tr.children, (td) => td.textContent ?? '')),
  );
}

describeInChromium('test/browser/siteLedger', () => {
  let fixture: LedgerFixture;
  let report: PayoutReport;
  let ledgerText: string;
  let serving: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    fixture = await buildLedgerFixture();
    const file = path.join(fixture.dir, 'output', 'payouts', `${fixture.month}.json`);
    report = JSON.parse(readFileSync(file, 'utf8')) as PayoutReport;
    ledgerText = readFileSync(path.join(fixture.dir, 'data', 'ledger.jsonl'), 'utf8');
    serving = await startServe(fixture.dir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await serving?.stop();
  });

  it('the leaderboard loads no ledger data: only data/index.json and leaderboard.json', async () => {
    const page = await browser.page();
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto(`${serving.url}#/leaderboard`);
    await page.waitForSelector('body[data-ready="leaderboard"]');
    const data = new Set(fetched.filter((file) => file.startsWith('/data/')));
    expect([...data].sort()).toEqual(['/data/index.json', '/data/leaderboard.json']);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('the ledger view verifies the chain and lists the month with its report', async () => {
    const page = await browser.page();
    await page.goto(`${serving.url}#/ledger`);
    await page.waitForSelector('body[data-chain="verified"]', { timeout: BROWSER_WAIT_MS });
    const lines = ledgerText.split('\n').filter((line) => line !== '');
    expect(await page.textContent('#chain-head')).toBe(sha256Hex(lines.at(-1)!));
    expect(await page.textContent('#chain-status')).toContain(`${lines.length} lines`);
    const heads = await page.$$eval('#chain-heads li', (items) =>
      items.map((li) => li.textContent),
    );
    expect(heads.some((text) => text?.includes(`payouts/${report.month}.json`))).toBe(true);
    expect(heads.every((text) => text?.startsWith('✓'))).toBe(true);
    const row = (await rows(page, `#payouts tr[data-payout="${report.proposalId}"]`))[0]!;
    expect(row[0]).toBe(report.month);
    expect(row[1]).toBe(report.status);
    expect([plain(row[2]), plain(row[3]), plain(row[4]), plain(row[6])]).toEqual([
      report.revenue,
      report.ratio,
      report.pool,
      report.minimum,
    ]);
    const paid = report.lines.filter((line) => /[1-9]/.test(line.payment)).length;
    expect(plain(row[7])).toBe(`${report.totals.payments} to ${paid}`);
    expect(plain(row[8])).toBe(report.totals.carried);
    for (const extension of ['md', 'json']) {
      const link = await page.getAttribute(`#payouts a.report-${extension}`, 'href');
      expect(link).toBe(`payouts/${report.month}.${extension}`);
      const served = await page.request.get(`${serving.url}${link}`);
      const original = path.join(fixture.dir, 'output', 'payouts', `${report.month}.${extension}`);
      expect(await served.text()).toBe(readFileSync(original, 'utf8'));
    }
    for (const exclusion of report.exclusions) {
      const listed = await rows(page, '#exclusions tbody tr');
      expect(listed).toContainEqual([report.month, exclusion.identity, exclusion.reason]);
    }
    const { json } = await credJson<Balances>(['ledger', 'balances'], fixture.dir);
    const owedByName = new Map(
      json.identities.map((i) => [i.name, decimal(BigInt(i.owed) + BigInt(i.pending))]),
    );
    const balances = await rows(page, '#balances tbody tr');
    expect(balances.length).toBeGreaterThan(0);
    for (const [name, owed, , paidToDate] of balances) {
      expect(plain(owed)).toBe(owedByName.get(name!));
      const identity = json.identities.find((i) => i.name === name)!;
      expect(plain(paidToDate)).toBe(decimal(BigInt(identity.paid)));
    }
    await screenshot(page, 'ledger');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a month shows every line of its report, with expenses, status and external id', async () => {
    const page = await browser.page();
    await page.goto(`${serving.url}#/ledger/${report.month}`);
    await page.waitForSelector('body[data-ready="ledger"]');
    expect(await page.textContent('#payout-status')).toBe(report.status);
    expect(plain(await page.textContent('#payout-pool'))).toBe(`${report.pool} ${report.currency}`);
    expect(plain(await page.textContent('#payout-payments'))).toBe(
      `${report.totals.payments} ${report.currency}`,
    );
    while (await page.$('#more-lines')) await page.click('#more-lines');
    const shown = await rows(page, '#payout-lines tbody tr');
    expect(shown).toHaveLength(report.lines.length);
    // Largest payment first, then largest amount earned.
    const amounts = shown.map((row) => [Number(plain(row[4])), Number(plain(row[2]))]);
    for (let k = 1; k < amounts.length; k++) {
      const [[payment, earned], [before, earnedBefore]] = [amounts[k]!, amounts[k - 1]!];
      expect(payment! < before! || (payment === before && earned! <= earnedBefore!)).toBe(true);
    }
    const byName = new Map(shown.map((row) => [row[0], row]));
    report.lines.forEach((line) => {
      const [name, cred, share, owedBefore, payment, carried, status, expenses] = byName.get(
        line.identity,
      )!;
      expect(name).toBe(line.identity);
      expect(Math.abs(Number(plain(cred)) - line.cred)).toBeLessThan(0.0051);
      // The explorer's last money column is what is carried to next month (the report's
      // `carried`); the report's own `owedAfter` also counts what is filed but not yet paid.
      expect([share, owedBefore, payment, carried].map(plain)).toEqual([
        line.share,
        line.owedBefore,
        line.payment,
        line.carried,
      ]);
      expect(status).toBe(
        line.reason === undefined ? line.status : `${line.status}: ${line.reason}`,
      );
      for (const expense of line.expenses) {
        expect(plain(expenses)).toContain(`${expense.status} ${expense.amount}`);
        if (expense.externalId !== null) expect(expenses).toContain(expense.externalId);
      }
    });
    expect(report.lines.some((line) => line.expenses.length > 0)).toBe(true);
    await page.fill('#line-search', report.lines[0]!.identity);
    const found = await rows(page, '#payout-lines tbody tr');
    expect(found.every(([name]) => name?.includes(report.lines[0]!.identity))).toBe(true);
    await screenshot(page, 'ledger-month');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a contributor page shows what the ledger owes it, paid it, and its payout lines', async () => {
    const line = report.lines.find((l) => l.expenses.some((e) => e.status === 'paid'))!;
    expect(line).toBeDefined();
    const { json } = await credJson<Balances['identities'][number]>(
      ['identity', 'show', line.id],
      fixture.dir,
    );
    const page = await browser.page();
    await page.goto(`${serving.url}#/contributor/${line.id}`);
    await page.waitForSelector('body[data-payouts="ready"]');
    expect(plain(await page.textContent('#owed'))).toBe(
      decimal(BigInt(json.owed) + BigInt(json.pending)),
    );
    expect(plain(await page.textContent('#paid'))).toBe(decimal(BigInt(json.paid)));
    expect(BigInt(json.paid)).toBeGreaterThan(0n);
    const history = await rows(page, `#payout-history tr[data-payout="${report.proposalId}"]`);
    expect(history).toHaveLength(1);
    const [month, status, , share, owedBefore, payment, carried, lineStatus, expenses] =
      history[0]!;
    expect([month, status, lineStatus]).toEqual([report.month, report.status, line.status]);
    // As on the month page, the last money column is what is carried (the report's `carried`).
    expect([share, owedBefore, payment, carried].map(plain)).toEqual([
      line.share,
      line.owedBefore,
      line.payment,
      line.carried,
    ]);
    expect(plain(expenses)).toContain(`paid ${line.expenses[0]!.amount}`);
    await screenshot(page, 'contributor-payouts');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a tampered ledger.jsonl in the built site fails verification, naming the line', async () => {
    const lines = ledgerText.split('\n').filter((line) => line !== '');
    const target = Math.floor(lines.length / 2);
    const cases = [
      { name: 'middle', line: target, expected: `at line ${target + 1}` },
      { name: 'last', line: lines.length, expected: `line ${lines.length}` },
    ];
    for (const { name, line, expected } of cases) {
      const copy = path.join(scratchDir('cred-tampered-'), 'community');
      cpSync(fixture.dir, copy, { recursive: true });
      const changed = [...lines];
      // A change that keeps the line valid, canonical JSON: only the hash chain can tell.
      changed[line - 1] = changed[line - 1]!.replace(
        /("id":"[0-9a-f]{23})([0-9a-f])"/,
        (_, head: string, last: string) => `${head}${last === 'a' ? 'b' : 'a'}"`,
      );
      expect(changed[line - 1]).not.toBe(lines[line - 1]);
      writeFileSync(
        path.join(copy, 'output', 'site', 'data', 'ledger.jsonl'),
        `${changed.join('\n')}\n`,
      );
      const tampered = await startServe(copy);
      try {
        const page = await browser.page();
        await page.goto(`${tampered.url}#/ledger`);
        await page.waitForSelector('body[data-chain="failed"]', { timeout: BROWSER_WAIT_MS });
        const text = `${await page.textContent('#chain')}`;
        expect(text).toContain('Verification failed');
        expect(text).toContain(expected);
        if (name === 'middle') {
          expect(text).toMatch(/✗ Verification failed at line \d+ of ledger\.jsonl/);
          expect(text).toContain(`does not follow line ${target}`);
        } else {
          expect(text).toContain('✗');
        }
        await screenshot(page, `ledger-tampered-${name}`);
        await page.close();
      } finally {
        await tampered.stop();
      }
    }
  });

  it('a tampered data/ledger.json total is shown as failing, never as Verified', async () => {
    const copy = path.join(scratchDir('cred-tampered-json-'), 'community');
    cpSync(fixture.dir, copy, { recursive: true });
    const file = path.join(copy, 'output', 'site', 'data', 'ledger.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { totals: { paid: string } };
    json.totals.paid = '999999.00';
    writeFileSync(file, JSON.stringify(json));
    const tampered = await startServe(copy);
    try {
      const page = await browser.page();
      await page.goto(`${tampered.url}#/ledger`);
      await page.waitForSelector('body[data-chain="failed"]', { timeout: 60_000 });
      const text = `${await page.textContent('#chain-status')}`;
      expect(text).toContain('Verification failed');
      expect(text).toContain('paid is shown as 999999.00');
      expect(text).not.toMatch(/^Verified/);
      await screenshot(page, 'ledger-tampered-totals');
      await page.close();
    } finally {
      await tampered.stop();
    }
  });

  it('a pasted head is found at its line, and a head from another history is not', async () => {
    const page = await browser.page();
    await page.goto(`${serving.url}#/ledger`);
    await page.waitForSelector('body[data-chain="verified"]', { timeout: 60_000 });
    const lines = ledgerText.split('\n').filter((line) => line !== '');
    const target = Math.max(1, lines.length - 2);
    await page.fill('#head-query', sha256Hex(lines[target - 1]!));
    expect(await page.textContent('#head-answer')).toContain(
      `line ${target} of the verified chain`,
    );
    await page.fill('#head-query', sha256Hex('a history that never was'));
    expect(await page.textContent('#head-answer')).toContain('is not the hash of any');
    await page.close();
  });
});

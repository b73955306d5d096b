/**
 * The demo (`npm run demo`, i.e. node dist/demo/run.js) end to end, and the issue's
 * must-shows: it finishes, pays a month through the Open Collective stand-in and builds the
 * explorer; two runs from scratch write byte-identical ledgers, reports, scores, graphs and
 * sites; nothing of a run (its stand-ins' ports, its folder) reaches them; a second run over
 * the same instance records nothing and files nothing new with Open Collective (whose
 * expenses the demo keeps in .stand-ins/); and the explorer it builds renders in Chromium,
 * its ledger view verifying the chain to the head the demo printed. The demo is the costly
 * part, so one set of runs serves every check: a run from scratch, then side by side a second
 * run from scratch elsewhere and a run over the first one's instance.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYOUT_MONTH } from '../../src/demo/generate/calendar.js';
import { openCollectiveStateFile } from '../../src/demo/standIns.js';
import { generateDemoCommunity, RING_REASON } from '../../src/demo/generate/index.js';
import type { PayoutReport } from '../../src/instance/payout/report.js';
import type { IdentityRow } from '../../src/ledger/views.js';
import {
  BROWSER_WAIT_MS,
  describeInChromium,
  launchChromium,
  screenshot,
  type Browser,
} from '../browser/chromium.js';
import { credJson, PROJECT, scratchDir, testEnv } from './cli.js';
import { startServe, type ServeProcess } from './siteFixture.js';

const RUN = path.join(PROJECT, 'dist', 'demo', 'run.js');
const DEMO_TIMEOUT_MS = 300_000;

interface DemoRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function demo(dir: string, fresh: boolean): Promise<DemoRun> {
  const args = [RUN, '--instance', dir, ...(fresh ? ['--fresh'] : [])];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { env: testEnv(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(path.join(dir, file)).isFile())
    .sort();
}

/** The files a run records and publishes: the ledger and everything under output/. */
function recorded(dir: string): Map<string, string> {
  const map = new Map<string, string>();
  map.set('data/ledger.jsonl', readFileSync(path.join(dir, 'data', 'ledger.jsonl'), 'utf8'));
  for (const file of files(path.join(dir, 'output')))
    map.set(`output/${file}`, readFileSync(path.join(dir, 'output', file), 'latin1'));
  return map;
}

function report(dir: string): PayoutReport {
  const file = path.join(dir, 'output', 'payouts', `${PAYOUT_MONTH}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as PayoutReport;
}

describe('test/e2e/demo', () => {
  let base: string;
  let first: DemoRun;
  let second: DemoRun;
  let again: DemoRun;
  /** What the first run recorded, before the run over its instance. */
  let firstFiles: Map<string, string>;
  /** Open Collective's expenses after the first run. */
  let firstExpenses: string;
  const a = () => path.join(base, 'a');
  const b = () => path.join(base, 'b');

  beforeAll(async () => {
    base = scratchDir('cred-demo-');
    first = await demo(a(), true);
    if (first.code !== 0) throw new Error(`the demo failed:\n${first.stdout}\n${first.stderr}`);
    firstFiles = recorded(a());
    firstExpenses = readFileSync(openCollectiveStateFile(a()), 'utf8');
    [second, again] = await Promise.all([demo(b(), true), demo(a(), false)]);
  }, 2 * DEMO_TIMEOUT_MS);

  it('the demo loads, records the decisions, pays the month and builds the explorer', async () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const step of ['load', 'identity merge', 'identity set-payout', 'payout exclude'])
      expect(first.stdout).toContain(`$ cred ${step}`);
    expect(first.stdout).toContain(
      `$ cred payout --month ${PAYOUT_MONTH} --revenue opencollective --finalize`,
    );
    expect(first.stdout).toContain(`$ cred payout submit --month ${PAYOUT_MONTH}`);
    expect(first.stdout).toContain(`$ cred payout sync --month ${PAYOUT_MONTH}`);
    expect(first.stdout).toMatch(/== \d{4}-\d{2}: what happened ==/);
    expect(first.stdout).toMatch(/npx cred serve --instance /);
    const month = report(a());
    // 3,000.00 USD net on Open Collective in the month, times 0.8.
    expect(month).toMatchObject({
      month: PAYOUT_MONTH,
      status: 'final',
      revenue: '3000.00',
      pool: '2400.00',
    });
    const cents = (text: string) => Math.round(Number(text) * 100);
    const shares = month.lines.reduce((sum, line) => sum + cents(line.share), 0);
    expect(shares).toBe(cents(month.pool));
    expect(month.lines.filter((line) => cents(line.allocated) > 0).length).toBeGreaterThan(10);
    expect(month.lines.some((line) => line.status === 'carried' && cents(line.owedAfter) > 0)).toBe(
      true,
    );
    expect(month.exclusions.map((e) => e.identity).sort()).toEqual([
      'deal-spark',
      'growth-loop',
      'promo-nest',
    ]);
    expect(month.exclusions.every((e) => e.reason === RING_REASON)).toBe(true);
    expect(existsSync(path.join(a(), 'output', 'site', 'index.html'))).toBe(true);
  });

  it('every payment with a payee is filed once with Open Collective, and the outcomes read back', () => {
    const month = report(a());
    const cents = (text: string) => Math.round(Number(text) * 100);
    const paid = month.lines.filter(
      (line) => cents(line.allocated) > 0 && line.reason?.startsWith('skipped') !== true,
    );
    for (const line of paid) expect(line.expenses, line.identity).toHaveLength(1);
    for (const line of paid) expect(['filed', 'paid', 'owed']).toContain(line.status);
    const expenses = paid.flatMap((line) => line.expenses);
    const onOpenCollective = JSON.parse(firstExpenses) as {
      expenses: { id: string; reference: string; status: string; amountInCents: number }[];
    };
    expect(onOpenCollective.expenses.map((e) => e.reference).sort()).toEqual(
      expenses.map((e) => e.reference).sort(),
    );
    for (const expense of expenses) {
      const there = onOpenCollective.expenses.find((e) => e.reference === expense.reference)!;
      expect(there.id).toBe(expense.externalId);
      expect(there.amountInCents).toBe(Math.round(Number(expense.amount) * 100));
      expect(expense.status).toBe(there.status === 'PAID' ? 'paid' : 'filed');
    }
    const settled = expenses.filter((e) => e.status === 'paid').length;
    expect(settled).toBeGreaterThan(0);
    expect(settled).toBeLessThan(expenses.length);
  });

  it("the maintainer's decisions are in the ledger: merges, Open Collective profiles, emails apart", async () => {
    const { decisions } = generateDemoCommunity();
    const { json } = await credJson<{ identities: IdentityRow[] }>(['identity', 'list', '-q'], a());
    const owner = (account: string) => json.identities.find((row) => row.aliases.includes(account));
    for (const merge of decisions.merges) {
      const owners = new Set(merge.accounts.map((account) => owner(account)?.id));
      expect(owners.size, merge.handle).toBe(1);
      expect(owner(merge.accounts[0]!)?.name).toBe(merge.handle);
    }
    for (const { account, slug } of decisions.openCollective)
      expect(owner(account)?.openCollective).toBe(slug);
    // Everyone with an identity who is paid by email (a few accounts never did anything).
    const payees = JSON.parse(readFileSync(path.join(a(), 'payees.json'), 'utf8'));
    const emailed = decisions.emails.flatMap(({ account }) => owner(account)?.name ?? []);
    expect(Object.keys(payees).sort()).toEqual(emailed.sort());
    expect(emailed.length).toBeGreaterThan(40);
    const ledger = readFileSync(path.join(a(), 'data', 'ledger.jsonl'), 'utf8');
    expect(ledger).not.toContain('@mail.tidepool.example');
    expect(files(path.join(a(), 'output', 'site'))).not.toContain('payees.json');
  });

  it('two runs from scratch write byte-identical ledgers, reports, scores, graphs and sites', () => {
    expect(second.code).toBe(0);
    const one = firstFiles;
    const two = recorded(b());
    expect([...two.keys()]).toEqual([...one.keys()]);
    for (const [file, text] of one) expect(two.get(file) === text, file).toBe(true);
    expect(readFileSync(openCollectiveStateFile(b()), 'utf8')).toBe(firstExpenses);
    expect(one.get('data/ledger.jsonl')!.split('\n').length).toBeGreaterThan(50);
  });

  it('nothing of a run (ports, folders) reaches the ledger, the reports or the explorer', () => {
    for (const [file, text] of firstFiles) {
      expect(text.includes('127.0.0.1'), file).toBe(false);
      expect(text.includes(base), file).toBe(false);
    }
  });

  it('a second run over the same instance records nothing and files nothing new', () => {
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/filed 0, recorded 0 found on Open Collective, \d+ already filed/);
    expect(readFileSync(openCollectiveStateFile(a()), 'utf8')).toBe(firstExpenses);
    expect(again.stdout).toMatch(/^Continuing the demo instance/);
    expect(again.stdout).toMatch(/already in the ledger: nothing recorded twice/);
    expect(again.stdout).not.toContain('$ cred identity merge');
    expect(again.stdout).toMatch(/Already final: \d{4}-\d{2} is final/);
    const after = recorded(a());
    expect([...after.keys()]).toEqual([...firstFiles.keys()]);
    for (const [file, text] of firstFiles) expect(after.get(file) === text, file).toBe(true);
  });

  describeInChromium('in Chromium', () => {
    let serving: ServeProcess;
    let browser: Browser;

    beforeAll(async () => {
      serving = await startServe(a());
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await serving?.stop();
    });

    it("the demo's explorer renders its leaderboard and its top contributor", async () => {
      const scores = JSON.parse(readFileSync(path.join(a(), 'output', 'cred.json'), 'utf8')) as {
        identities: { id: string; name: string; totalCred: number }[];
      };
      const best = [...scores.identities].sort((x, y) => y.totalCred - x.totalCred)[0]!;
      const page = await browser.page();
      await page.goto(`${serving.url}#/leaderboard`);
      await page.waitForSelector('body[data-ready="leaderboard"]');
      const rows = await page.$$eval('#leaderboard tbody tr', (trs) =>
        trs.map((tr) => tr.getAttribute('data-id')),
      );
      expect(rows.length).toBe(Math.min(100, scores.identities.length));
      expect(rows[0]).toBe(best.id);
      await screenshot(page, 'demo-leaderboard');
      await page.goto(`${serving.url}#/contributor/${best.id}`);
      await page.waitForSelector('body[data-ready="contributor"]');
      expect(await page.textContent('h1, h2')).toContain(best.name);
      await screenshot(page, 'demo-contributor');
      expect(page.errors).toEqual([]);
      await page.close();
    });

    it("the demo's ledger view verifies the chain to the head the demo printed, and its month", async () => {
      const head = /^Ledger: .* head ([0-9a-f]{64})$/m.exec(first.stdout)?.[1];
      expect(head).toBeDefined();
      const month = report(a());
      const page = await browser.page();
      await page.goto(`${serving.url}#/ledger`);
      await page.waitForSelector('body[data-chain="verified"]', { timeout: BROWSER_WAIT_MS });
      expect(await page.textContent('#chain-head')).toBe(head);
      const row = await page.$$eval(`#payouts tr[data-payout="${month.proposalId}"] td`, (tds) =>
        tds.map((td) => td.textContent ?? ''),
      );
      expect(row.slice(0, 2)).toEqual([PAYOUT_MONTH, 'final']);
      await screenshot(page, 'demo-ledger');
      await page.goto(`${serving.url}#/ledger/${PAYOUT_MONTH}`);
      await page.waitForSelector('body[data-ready="ledger"]');
      expect(await page.textContent('#payout-status')).toBe('final');
      await screenshot(page, 'demo-ledger-month');
      expect(page.errors).toEqual([]);
      await page.close();
    });
  });
});

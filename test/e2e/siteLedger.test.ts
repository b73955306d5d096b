/**
 * `cred site` on an instance with a ledger and a finalized payout (siteFixture.ts): the ledger
 * data agrees with the public report and the ledger, the ledger and the reports are copied byte
 * for byte (and nothing else of output/payouts), a copy holding a secret is refused, a torn
 * ledger is shown as torn, and `cred serve` serves the copies as text and nothing beside them.
 */
import { appendFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PayoutReport } from '../../src/instance/payout/report.js';
import type { SiteReport } from '../../src/instance/site/site.js';
import type { SiteLeaderboard } from '../../src/instance/site/format.js';
import type { SiteAccounts, SiteLedger, SitePayout } from '../../src/instance/site/ledgerFormat.js';
import { credJson, scratchDir } from './cli.js';
import {
  buildLedgerFixture,
  filesUnder,
  rawGet,
  readJson,
  startServe,
  type LedgerFixture,
  type ServeProcess,
} from './siteFixture.js';

const SECRET = 'test-token-not-real-5f0e9a1c';

function copyOf(dir: string): string {
  const copy = path.join(scratchDir(), 'community');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

describe('test/e2e/siteLedger', () => {
  let fixture: LedgerFixture;
  let site: string;
  let report: PayoutReport;
  let serving: ServeProcess | undefined;

  beforeAll(async () => {
    fixture = await buildLedgerFixture();
    site = path.join(fixture.dir, 'output', 'site');
    report = readJson(path.join(fixture.dir, 'output', 'payouts', `${fixture.month}.json`));
  });

  afterEach(async () => {
    await serving?.stop();
    serving = undefined;
  });

  it('cred site writes the ledger data of the report and the ledger', () => {
    const board = readJson<SiteLeaderboard>(path.join(site, 'data', 'leaderboard.json'));
    expect(board.parts.ledger).toBe(true);
    const ledger = readJson<SiteLedger>(path.join(site, 'data', 'ledger.json'));
    const lines = readFileSync(path.join(fixture.dir, 'data', 'ledger.jsonl'), 'utf8');
    expect(ledger.chain.lines).toBe(lines.split('\n').length - 1);
    const summary = ledger.payouts.find((p) => p.id === report.proposalId)!;
    expect(summary).toMatchObject({
      month: report.month,
      status: report.status,
      revenue: report.revenue,
      ratio: report.ratio,
      pool: report.pool,
      minimum: report.minimum,
      policy: report.policy,
      report: {
        json: `payouts/${report.month}.json`,
        md: `payouts/${report.month}.md`,
        lines: report.ledger.lines,
        headHash: report.ledger.headHash,
      },
    });
    expect(summary.totals).toMatchObject({
      shares: report.totals.shares,
      payments: report.totals.payments,
      carried: report.totals.carried,
      allocated: report.totals.allocated,
      filed: report.totals.filed,
      paid: report.totals.paid,
      owedAfter: report.totals.owedAfter,
    });
    const payout = readJson<SitePayout>(path.join(site, 'data', summary.file));
    const name = (ref: number) =>
      board.identities.name[ref] ?? ledger.others.name[ref - board.identities.id.length];
    expect(payout.lines.identity.map(name)).toEqual(report.lines.map((line) => line.identity));
    expect(payout.lines.payment).toEqual(report.lines.map((line) => line.payment));
    // The explorer's "carried" column: not allocated this month.
    expect(payout.lines.owedAfter).toEqual(report.lines.map((line) => line.carried));
    const filed = report.lines.flatMap((line) => line.expenses.map((e) => e.reference)).sort();
    expect(payout.expenses.map(([, e]) => e.reference).sort()).toEqual(filed);
    expect(filed.length).toBeGreaterThan(0);
    const paidLine = report.lines.find((line) => line.status === 'paid')!;
    const ref = board.identities.id.indexOf(paidLine.id);
    const group = readJson<SiteAccounts>(
      path.join(
        site,
        'data',
        'ledger',
        'accounts',
        `${Math.floor(ref / ledger.accountsPerFile)}.json`,
      ),
    );
    const account = group.accounts.find((a) => a.identity === ref)!;
    expect(account.lines).toContainEqual(
      expect.arrayContaining([paidLine.share, paidLine.owedBefore, paidLine.payment]),
    );
    expect(ledger.exclusions.map((e) => e.reason)).toEqual(report.exclusions.map((e) => e.reason));
  });

  it('cred site copies the ledger and the reports byte for byte, and nothing else', async () => {
    const copy = copyOf(fixture.dir);
    writeFileSync(path.join(copy, 'output', 'payouts', 'payees.json'), `{"secret":"${SECRET}"}`);
    writeFileSync(path.join(copy, 'output', 'payouts', 'draft-notes.md'), 'not public yet');
    const { code, json } = await credJson<SiteReport>(['site', '-q'], copy);
    expect(code).toBe(0);
    const copied = path.join(copy, 'output', 'site');
    expect(readFileSync(path.join(copied, 'data', 'ledger.jsonl'))).toEqual(
      readFileSync(path.join(copy, 'data', 'ledger.jsonl')),
    );
    for (const extension of ['json', 'md']) {
      const name = `${report.month}.${extension}`;
      expect(readFileSync(path.join(copied, 'payouts', name))).toEqual(
        readFileSync(path.join(copy, 'output', 'payouts', name)),
      );
    }
    expect(existsSync(path.join(copied, 'payouts', 'payees.json'))).toBe(false);
    expect(existsSync(path.join(copied, 'payouts', 'draft-notes.md'))).toBe(false);
    expect(json.copies.map((entry) => entry.file)).toEqual([
      'data/ledger.jsonl',
      `payouts/${report.month}.json`,
      `payouts/${report.month}.md`,
    ]);
    const snapshot = () => filesUnder(copied).map((file) => [file, readFileSync(file, 'utf8')]);
    const before = snapshot();
    expect((await credJson<SiteReport>(['site', '-q'], copy)).code).toBe(0);
    expect(snapshot()).toEqual(before);
  });

  it('cred site refuses to publish a report holding a secret, keeping the previous site', async () => {
    const copy = copyOf(fixture.dir);
    const markdown = path.join(copy, 'output', 'payouts', `${report.month}.md`);
    appendFileSync(markdown, `\nOops: ${SECRET}\n`);
    const before = readFileSync(path.join(copy, 'output', 'site', 'data', 'ledger.json'), 'utf8');
    const result = await credJson<{ error: { code: string; message: string } }>(
      ['site', '-q'],
      copy,
      { OPENCOLLECTIVE_TOKEN: SECRET },
    );
    expect(result.code).toBe(3);
    expect(result.json.error.code).toBe('SITE_SECRET_IN_COPY');
    expect(result.json.error.message).not.toContain(SECRET);
    expect(readFileSync(path.join(copy, 'output', 'site', 'data', 'ledger.json'), 'utf8')).toBe(
      before,
    );
  });

  it('cred site shows a torn final line of the ledger as torn', async () => {
    const copy = copyOf(fixture.dir);
    const file = path.join(copy, 'data', 'ledger.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n').length - 1;
    appendFileSync(file, '{"version":1,"seq":');
    const { code } = await credJson<SiteReport>(['site', '-q'], copy);
    expect(code).toBe(0);
    const ledger = readJson<SiteLedger>(path.join(copy, 'output', 'site', 'data', 'ledger.json'));
    expect(ledger.chain).toMatchObject({ lines, tornLine: lines + 1 });
  });

  it('cred serve serves the ledger and reports as text, and refuses paths out of the site', async () => {
    writeFileSync(path.join(fixture.dir, 'payees.json'), `{"mira":"${SECRET}"}`);
    serving = await startServe(fixture.dir);
    const ledger = await rawGet(serving.url, '/data/ledger.jsonl');
    expect(ledger.status).toBe(200);
    expect(ledger.type).toBe('text/plain; charset=utf-8');
    expect(ledger.body).toBe(readFileSync(path.join(fixture.dir, 'data', 'ledger.jsonl'), 'utf8'));
    expect((await rawGet(serving.url, `/payouts/${report.month}.md`)).status).toBe(200);
    for (const rawPath of [
      '/../data/ledger.jsonl',
      '/data/..%2F..%2F..%2Fdata%2Fledger.jsonl',
      '/payouts/..%2F..%2F..%2Fpayees.json',
      '/payouts/%2e%2e/%2e%2e/%2e%2e/cred.json',
      '/../output/payouts/2026-01.md',
    ]) {
      const response = await rawGet(serving.url, rawPath);
      expect(response.status, rawPath).toBe(404);
      expect(response.body).not.toContain(SECRET);
    }
  });
});

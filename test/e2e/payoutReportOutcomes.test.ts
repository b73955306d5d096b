/**
 * The public report says what happened (docs/payouts.md, "The public report"): through the built
 * CLI against the Open Collective stand-in, a payee with no account and no email is shown owed
 * with the reason it was skipped, never paid; after `cred payout sync` a rejected expense is
 * owed again in the report as in the ledger, and every line's "owed after" is what
 * `cred ledger balances` says the identity is owed, to the cent.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayoutReport, ReportLine } from '../../src/instance/payout/report.js';
import type { SubmitResult } from '../../src/instance/payout/submit.js';
import type { SyncResult } from '../../src/instance/payout/sync.js';
import {
  startOpenCollectiveStandIn,
  type OpenCollectiveStandIn,
} from '../../src/replay/opencollective/openCollectiveStandIn.js';
import { cred, credJson } from './cli.js';
import {
  dataset,
  fakeRuntime,
  finalizedInstance,
  idOf,
  TOKEN,
  type TestPayee,
} from './payoutHarness.js';

const ENV = { OPENCOLLECTIVE_TOKEN: TOKEN };
const MONTH = '2026-10';
const PAYEES: TestPayee[] = [
  { name: 'octo-ana', slug: 'octo-ana', cents: 25_000 },
  { name: 'river-kim', slug: 'river-kim', administered: true, cents: 12_345 },
  { name: 'juno-reyes', cents: 1_500 },
];

interface Balances {
  distributed: string;
  paid: string;
  identities: { id: string; name: string; owed: string; pending: string }[];
}

function cents(text: string): bigint {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole as string) * 100n + BigInt(fraction.padEnd(2, '0'));
}

describe('test/e2e/payoutReportOutcomes', () => {
  let standIn: OpenCollectiveStandIn;
  let dir: string;
  const files = () =>
    ['json', 'md'].map((ext) => path.join(dir, 'output', 'payouts', `${MONTH}.${ext}`));
  const report = () => JSON.parse(readFileSync(files()[0] as string, 'utf8')) as PayoutReport;
  const markdown = () => readFileSync(files()[1] as string, 'utf8');
  const line = (r: PayoutReport, name: string) =>
    r.lines.find((l) => l.identity === name) as ReportLine;

  beforeAll(async () => {
    const runtime = fakeRuntime();
    standIn = await startOpenCollectiveStandIn(dataset(PAYEES), { nowMs: runtime.nowMs });
    dir = (await finalizedInstance(PAYEES, standIn.apiUrl, runtime)).paths.root;
  });

  afterAll(async () => {
    await standIn.close();
  });

  it('cred payout submit shows a payee without account or email as owed, with the reason', async () => {
    const submit = await credJson<SubmitResult>(
      ['payout', 'submit', '--month', MONTH, '-q'],
      dir,
      ENV,
    );
    expect(submit.code, submit.stderr).toBe(0);
    expect(submit.json.lines.find((l) => l.identity === 'juno-reyes')?.outcome).toBe('skipped');
    const after = report();
    expect(line(after, 'juno-reyes')).toMatchObject({
      allocated: '15.00',
      filed: '0.00',
      paid: '0.00',
      owedAfter: '15.00',
      status: 'owed',
    });
    expect(line(after, 'juno-reyes').reason).toMatch(
      /^skipped at submission: no Open Collective account/,
    );
    for (const name of ['octo-ana', 'river-kim']) {
      const filed = line(after, name);
      expect(filed.status).toBe('filed');
      expect(filed.filed).toBe(filed.allocated);
      expect(filed.paid).toBe('0.00');
      expect(filed.owedAfter).toBe(filed.allocated);
    }
    expect(after.totals).toMatchObject({
      allocated: '388.45',
      filed: '373.45',
      paid: '0.00',
      owedAfter: '388.45',
    });
    expect(markdown()).toMatch(
      /\| juno-reyes \| 15\.00 \| 15\.00 \| 0\.00 \| 15\.00 \| 0\.00 \| 0\.00 \| 15\.00 \| owed; skipped at submission: no Open Collective account/,
    );
    expect(markdown()).not.toMatch(/\| juno-reyes \|[^\n]*\| paid/);
  });

  it('cred payout sync shows a paid expense paid and a rejected one owed again, as the ledger does', async () => {
    standIn.model.settle(`cred:payout-${MONTH}-1:${idOf('octo-ana')}`);
    standIn.model.transition(`cred:payout-${MONTH}-1:${idOf('river-kim')}`, 'reject');
    const sync = await credJson<SyncResult>(['payout', 'sync', '--month', MONTH, '-q'], dir, ENV);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.json.settled).toBe(2);
    const after = report();
    expect(line(after, 'octo-ana')).toMatchObject({
      status: 'paid',
      filed: '250.00',
      paid: '250.00',
      owedAfter: '0.00',
    });
    expect(line(after, 'river-kim')).toMatchObject({
      status: 'owed',
      filed: '123.45',
      paid: '0.00',
      owedAfter: '123.45',
    });
    expect(line(after, 'river-kim').reason).toMatch(/rejected/);
    expect(line(after, 'juno-reyes')).toMatchObject({ status: 'owed', owedAfter: '15.00' });
    expect(after.totals).toMatchObject({
      allocated: '388.45',
      filed: '373.45',
      paid: '250.00',
      owedAfter: '138.45',
    });
    expect(markdown()).toContain(
      '- Owed after this month (what the ledger still owes these contributors): 138.45 USD',
    );

    const balances = await credJson<Balances>(['ledger', 'balances'], dir);
    expect(balances.code, balances.stderr).toBe(0);
    for (const row of after.lines) {
      const ledger = balances.json.identities.find((i) => i.name === row.identity);
      expect(BigInt(ledger?.owed ?? '-1') + BigInt(ledger?.pending ?? '0'), row.identity).toBe(
        cents(row.owedAfter),
      );
    }
    expect(BigInt(balances.json.distributed) - BigInt(balances.json.paid)).toBe(
      cents(after.totals.owedAfter),
    );
  });

  it('the report is rebuilt byte for byte from data/ledger.jsonl alone', async () => {
    const before = files().map((file) => readFileSync(file, 'utf8'));
    for (const file of files()) rmSync(file);
    const again = await cred(['payout', '--month', MONTH, '-q'], dir, ENV);
    expect(again.code, again.stderr).toBe(0);
    expect(files().map((file) => readFileSync(file, 'utf8'))).toEqual(before);
  });
});

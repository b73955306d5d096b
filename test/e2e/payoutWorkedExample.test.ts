/**
 * The worked example of docs/payouts.md, end to end through the built CLI against the Open
 * Collective stand-in: two months of R = 1,000.00 (September's read from Open Collective, net of
 * fees), p = 0.8, minimum 5.00, twelve contributors. Small earners are carried in September and
 * paid in October; every total is exact to the cent. The table in docs/payouts.md is the golden
 * file this test writes, so the documented numbers are the ones the tool produces.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayoutReport } from '../../src/instance/payout/report.js';
import type { SubmitResult } from '../../src/instance/payout/submit.js';
import type { SyncResult } from '../../src/instance/payout/sync.js';
import {
  startOpenCollectiveStandIn,
  type OpenCollectiveStandIn,
} from '../../src/replay/opencollective/openCollectiveStandIn.js';
import { cred, credJson, PROJECT } from './cli.js';
import { TOKEN } from './payoutHarness.js';
import { NAMES, SMALL, workedExampleDataset, workedExampleInstance } from './workedExample.js';

const ENV = { OPENCOLLECTIVE_TOKEN: TOKEN };

interface PayoutJson {
  report: PayoutReport;
}

/** Cents of a decimal string "12.34". */
function cents(text: string): bigint {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole as string) * 100n + BigInt(fraction.padEnd(2, '0'));
}

function sum(values: readonly string[]): bigint {
  return values.reduce((total, value) => total + cents(value), 0n);
}

function dollars(amount: bigint): string {
  return `${amount / 100n}.${String(amount % 100n).padStart(2, '0')}`;
}

/** The two months side by side, as docs/payouts.md shows them. */
function table(sep: PayoutReport, oct: PayoutReport): string {
  const rows = NAMES.slice()
    .sort()
    .map((name) => {
      const a = sep.lines.find((line) => line.identity === name);
      const b = oct.lines.find((line) => line.identity === name);
      if (a === undefined || b === undefined) throw new Error(`no line for ${name}`);
      return `| ${name} | ${a.cred.toFixed(2)} | ${a.share} | ${a.allocated} | ${a.carried} | ${b.cred.toFixed(2)} | ${b.share} | ${b.owedBefore} | ${b.allocated} | ${b.carried} |`;
    });
  const total = (report: PayoutReport, pick: (line: PayoutReport['lines'][number]) => string) =>
    dollars(sum(report.lines.map(pick)));
  return [
    '| contributor | Sep cred | Sep share | Sep allocated | carried | Oct cred | Oct share | owed before | Oct allocated | carried |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| **total** | ${sep.totals.cred.toFixed(2)} | ${total(sep, (l) => l.share)} | ${total(sep, (l) => l.allocated)} | ${total(sep, (l) => l.carried)} | ${oct.totals.cred.toFixed(2)} | ${total(oct, (l) => l.share)} | ${total(oct, (l) => l.owedBefore)} | ${total(oct, (l) => l.allocated)} | ${total(oct, (l) => l.carried)} |`,
    '',
  ].join('\n');
}

describe('test/e2e/payoutWorkedExample', () => {
  let standIn: OpenCollectiveStandIn;
  let dir: string;

  beforeAll(async () => {
    standIn = await startOpenCollectiveStandIn(workedExampleDataset());
    dir = await workedExampleInstance(standIn.apiUrl);
  });

  afterAll(async () => {
    await standIn.close();
  });

  it('cred payout, submit and sync over two months carry small earners to October and pay every cent', async () => {
    const sep = await credJson<PayoutJson>(
      ['payout', '--month', '2026-09', '--revenue', 'opencollective', '--finalize', '-q'],
      dir,
      ENV,
    );
    expect(sep.code, sep.stderr).toBe(0);
    const september = sep.json.report;
    expect(september.revenue).toBe('1000.00');
    expect(september.pool).toBe('800.00');
    expect(sum(september.lines.map((l) => l.share))).toBe(80_000n);
    const carriedInSeptember = september.lines.filter((l) => l.status === 'carried');
    expect(carriedInSeptember.map((l) => l.identity).sort()).toEqual(SMALL.map(([n]) => n).sort());
    expect(
      sum(september.lines.map((l) => l.allocated)) + sum(september.lines.map((l) => l.carried)),
    ).toBe(80_000n);

    const dry = await credJson<SubmitResult>(
      ['payout', 'submit', '--month', '2026-09', '--dry-run', '-q'],
      dir,
      ENV,
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json.operations).toHaveLength(8);
    expect(standIn.model.expenses).toHaveLength(0);

    await submitAndSettle('2026-09', 8);

    const oct = await credJson<PayoutJson>(
      ['payout', '--month', '2026-10', '--revenue', '1000.00', '--finalize', '-q'],
      dir,
      ENV,
    );
    expect(oct.code, oct.stderr).toBe(0);
    const october = oct.json.report;
    expect(sum(october.lines.map((l) => l.share))).toBe(80_000n);
    // What was carried in September is owed before October, and paid or carried again.
    expect(sum(october.lines.map((l) => l.owedBefore))).toBe(
      sum(september.lines.map((l) => l.carried)),
    );
    expect(
      sum(october.lines.map((l) => l.allocated)) + sum(october.lines.map((l) => l.carried)),
    ).toBe(80_000n + sum(september.lines.map((l) => l.carried)));
    const paidInOctober = october.lines
      .filter((l) => l.allocated !== '0.00')
      .map((l) => l.identity);
    expect(paidInOctober).toEqual(
      expect.arrayContaining(['kit-alvarez', 'noor-haddad', 'pim-jansen']),
    );
    expect(october.lines.find((l) => l.identity === 'ada-quill')?.status).toBe('carried');

    await submitAndSettle('2026-10', 11);

    // Everything distributed is paid, except what ada-quill is still owed, to the cent.
    const balances = await credJson<{
      distributed: string;
      paid: string;
      identities: { name: string; owed: string; pending: string }[];
    }>(['ledger', 'balances'], dir);
    const adaOwed = cents(october.lines.find((l) => l.identity === 'ada-quill')?.owedAfter ?? '');
    expect(balances.json.distributed).toBe('160000');
    expect(balances.json.paid).toBe(String(160_000n - adaOwed));
    expect(balances.json.identities.filter((row) => row.owed !== '0')).toEqual([
      expect.objectContaining({ name: 'ada-quill', owed: String(adaOwed) }),
    ]);
    expect(balances.json.identities.every((row) => row.pending === '0')).toBe(true);
    expect(sum(standIn.model.expenses.map((e) => dollars(BigInt(e.amountInCents))))).toBe(
      160_000n - adaOwed,
    );
    expect((await cred(['ledger', 'verify', '-q'], dir)).code).toBe(0);

    await expect(table(september, october)).toMatchFileSnapshot('__golden__/workedExample.md');
    const docs = readFileSync(path.join(PROJECT, 'docs', 'payouts.md'), 'utf8');
    expect(docs).toContain(table(september, october));
  });

  async function submitAndSettle(month: string, expenses: number): Promise<void> {
    const before = standIn.model.expenses.length;
    const submit = await credJson<SubmitResult>(
      ['payout', 'submit', '--month', month, '-q'],
      dir,
      ENV,
    );
    expect(submit.code, submit.stderr).toBe(0);
    expect(submit.json.lines.filter((l) => l.outcome === 'filed')).toHaveLength(expenses);
    const again = await credJson<SubmitResult>(
      ['payout', 'submit', '--month', month, '-q'],
      dir,
      ENV,
    );
    expect(again.json.lines.every((l) => l.outcome === 'already-filed')).toBe(true);
    expect(standIn.model.expenses).toHaveLength(before + expenses);
    for (const expense of standIn.model.expenses.slice(before)) standIn.model.settle(expense.id);
    const sync = await credJson<SyncResult>(['payout', 'sync', '--month', month, '-q'], dir, ENV);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.json.settled).toBe(expenses);
    const report = JSON.parse(
      readFileSync(path.join(dir, 'output', 'payouts', `${month}.json`), 'utf8'),
    ) as PayoutReport;
    const statuses = report.lines.flatMap((line) => line.expenses.map((e) => e.status));
    expect(statuses).toEqual(Array.from({ length: expenses }, () => 'paid'));
  }
});

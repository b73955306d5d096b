/**
 * The monthly payout through the built CLI, on the example instance: propose, review, withdraw,
 * exclude, finalize, and the errors a maintainer can run into.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cred, credJson, scratchDir } from './cli.js';

interface PayoutJson {
  action: string;
  report: {
    status: string;
    pool: string;
    totals: { payments: string; carried: string; shares: string };
    lines: {
      identity: string;
      share: string;
      payment: string;
      owedAfter: string;
      status: string;
      reason?: string;
    }[];
    exclusions: { identity: string; reason: string }[];
  } | null;
}

async function instance(
  payout: Record<string, unknown> | null = { ratio: '0.8', minimum: '5.00', reviewDays: 7 },
): Promise<string> {
  const dir = path.join(scratchDir('cred-payout-'), 'community');
  await cred(['init', dir, '-q'], path.dirname(dir));
  const file = path.join(dir, 'cred.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  if (payout !== null) config.payout = payout;
  writeFileSync(file, JSON.stringify(config, null, 2));
  expect((await cred(['load', '-q'], dir)).code).toBe(0);
  return dir;
}

describe('test/e2e/payout', () => {
  it('cred payout proposes a month for review, and finalizes it on request; shares add up to R x p', async () => {
    const dir = await instance();
    const proposed = await credJson<PayoutJson>(
      ['payout', '--month', '2026-10', '--revenue', '100', '-q'],
      dir,
    );
    expect(proposed.code).toBe(0);
    expect(proposed.json.action).toBe('proposed');
    expect(proposed.json.report?.status).toBe('proposed');
    expect(proposed.json.report?.totals.shares).toBe('80.00');
    const again = await credJson<PayoutJson>(['payout', '--month', '2026-10', '-q'], dir);
    expect(again.json.action).toBe('under-review');
    const final = await credJson<PayoutJson>(
      ['payout', '--month', '2026-10', '--finalize', '-q'],
      dir,
    );
    expect(final.json.action).toBe('finalized');
    expect(final.json.report?.status).toBe('final');
    const markdown = readFileSync(path.join(dir, 'output', 'payouts', '2026-10.md'), 'utf8');
    expect(markdown).toMatch(/^# Payout 2026-10\n\nFinal\./);
    const balances = await credJson<{ distributed: string }>(['ledger', 'balances'], dir);
    expect(balances.json.distributed).toBe('8000');
    const twice = await credJson<PayoutJson>(
      ['payout', '--month', '2026-10', '--revenue', '100', '-q'],
      dir,
    );
    expect(twice.json.action).toBe('already-final');
  });

  it('an excluded identity gets nothing and the report shows why; a withdrawn proposal can be proposed again', async () => {
    const dir = await instance();
    await cred(['payout', '--month', '2026-10', '--revenue', '100', '-q'], dir);
    const excludeWhileOpen = await cred(
      ['payout', 'exclude', 'lin', '--month', '2026-10', '--reason', 'alt account', '-q'],
      dir,
    );
    expect(excludeWhileOpen.code).toBe(0);
    expect(
      (
        await cred(
          ['payout', 'withdraw', '--month', '2026-10', '--reason', 'exclusion recorded', '-q'],
          dir,
        )
      ).code,
    ).toBe(0);
    const second = await credJson<PayoutJson>(
      ['payout', '--month', '2026-10', '--revenue', '100', '-q'],
      dir,
    );
    const lin = second.json.report?.lines.find((line) => line.identity === 'lin');
    expect(lin).toMatchObject({ share: '0.00', status: 'excluded', reason: 'alt account' });
    expect(second.json.report?.exclusions).toEqual([{ identity: 'lin', reason: 'alt account' }]);
    expect(second.json.report?.totals.shares).toBe('80.00');
  });

  it('a high minimum carries small shares to a later month', async () => {
    const dir = await instance({ ratio: '1', minimum: '30.00', reviewDays: 0 });
    const result = await credJson<PayoutJson>(
      ['payout', '--month', '2026-10', '--revenue', '80', '-q'],
      dir,
    );
    expect(result.json.action).toBe('proposed-and-finalized');
    const carried = result.json.report?.lines.filter((line) => line.payment === '0.00') ?? [];
    expect(carried.length).toBeGreaterThan(0);
    for (const line of carried)
      expect(line).toMatchObject({ status: 'carried', owedAfter: line.share });
  });

  it.each([
    [['--month', '2026-10', '--revenue', '0'], 'PAYOUT_BAD_REVENUE', 2],
    [['--month', '2026-10', '--revenue', '-5'], 'PAYOUT_BAD_REVENUE', 2],
    [['--month', '2026-10', '--revenue', 'abc'], 'AMOUNT_MALFORMED', 2],
    [['--month', '2026-10'], 'PAYOUT_NO_REVENUE', 6],
    [['--month', '2026-13', '--revenue', '10'], 'PAYOUT_BAD_MONTH', 2],
    [['--month', '2099-01', '--revenue', '10'], 'PAYOUT_MONTH_NOT_OVER', 6],
    [['--month', '2026-10', '--revenue', '12.345'], 'AMOUNT_MALFORMED', 2],
  ])('cred payout %j fails with %s and records nothing', async (args, code, exit) => {
    const dir = await instance();
    const before = readFileSync(path.join(dir, 'data', 'ledger.jsonl'), 'utf8');
    const result = await credJson<{ error: { code: string } }>(
      ['payout', ...(args as string[]), '-q'],
      dir,
    );
    expect(result.json.error.code).toBe(code);
    expect(result.code).toBe(exit);
    expect(readFileSync(path.join(dir, 'data', 'ledger.jsonl'), 'utf8')).toBe(before);
  });

  it('a revenue or ratio that differs from the recorded one is refused, proposed or final; the same one is accepted', async () => {
    const dir = await instance();
    const ledger = () => readFileSync(path.join(dir, 'data', 'ledger.jsonl'), 'utf8');
    await cred(['payout', '--month', '2026-10', '--revenue', '100', '-q'], dir);
    const same = await credJson<PayoutJson>(
      ['payout', '--month', '2026-10', '--revenue', '100.00', '-q'],
      dir,
    );
    expect(same.json.action).toBe('under-review');
    for (const finalize of [[], ['--finalize']]) {
      const before = ledger();
      for (const revenue of ['120', '-5']) {
        const changed = await credJson<{ error: { code: string; message: string } }>(
          ['payout', '--month', '2026-10', '--revenue', revenue, ...finalize, '-q'],
          dir,
        );
        expect(changed.code).toBe(revenue === '-5' ? 2 : 6);
        expect(changed.json.error.code).toBe(
          revenue === '-5' ? 'PAYOUT_BAD_REVENUE' : 'PAYOUT_REVENUE_RECORDED',
        );
        expect(ledger()).toBe(before);
      }
    }
    await cred(['payout', '--month', '2026-10', '--finalize', '-q'], dir);
    const final = await credJson<{ error: { code: string; message: string } }>(
      ['payout', '--month', '2026-10', '--revenue', '120', '-q'],
      dir,
    );
    expect(final.json.error.message).toBe(
      '2026-10 is already final with revenue 100.00 USD, not 120.00',
    );
    const ratio = await credJson<{ error: { code: string; message: string } }>(
      ['payout', '--month', '2026-10', '--ratio', '0.5', '-q'],
      dir,
    );
    expect(ratio.code).toBe(6);
    expect(ratio.json.error.message).toBe('2026-10 is already final with ratio 0.8, not 0.5');
  });

  it('cred payout without a payout section in cred.json says how to add one', async () => {
    const dir = await instance(null);
    const result = await credJson<{ error: { code: string; suggestions: string[] } }>(
      ['payout', '--month', '2026-10', '--revenue', '10'],
      dir,
    );
    expect(result.code).toBe(3);
    expect(result.json.error.code).toBe('PAYOUT_NOT_CONFIGURED');
    expect(result.json.error.suggestions[0]).toMatch(/"payout"/);
  });
});

/**
 * `cred weights diff OLD NEW --month M --revenue R`: the payout of a month with the old weights
 * and with the new ones, planned the same way `cred payout` plans it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WeightsDiffReport } from '../../src/instance/weights/diff.js';
import { cred, credJson, scratchDir } from './cli.js';

describe('test/e2e/payoutWhatIf', () => {
  it('cred weights diff --month --revenue fills payouts with each identity share and payment before and after', async () => {
    const dir = path.join(scratchDir(), 'demo');
    await cred(['init', dir, '-q'], path.dirname(dir));
    const config = JSON.parse(readFileSync(path.join(dir, 'cred.json'), 'utf8'));
    config.payout = { ratio: '0.8', minimum: '5.00' };
    writeFileSync(path.join(dir, 'cred.json'), JSON.stringify(config));
    expect((await cred(['load', '-q'], dir)).code).toBe(0);
    const weights = JSON.parse(readFileSync(path.join(dir, 'weights', 'files.json'), 'utf8'));
    weights.nodes['files/contribution/event'] = 0.25;
    mkdirSync(path.join(path.dirname(dir), 'proposal'));
    const file = path.join(path.dirname(dir), 'proposal', 'files.json');
    writeFileSync(file, JSON.stringify(weights));
    const args = ['weights', 'diff', 'weights/files.json', file, '--month', '2026-10'];
    const { code, json, stderr } = await credJson<WeightsDiffReport>(
      [...args, '--revenue', '50.00'],
      dir,
    );
    expect(code, stderr).toBe(0);
    const payouts = json.payouts!;
    expect(payouts).toMatchObject({
      month: '2026-10',
      currency: 'USD',
      revenueMinorUnits: '5000',
      poolMinorUnits: '4000',
    });
    const total = (pick: (row: (typeof payouts.amounts)[number]) => string) =>
      payouts.amounts.reduce((sum, row) => sum + BigInt(pick(row)), 0n);
    expect(total((row) => row.shareBeforeMinorUnits)).toBe(4000n);
    expect(total((row) => row.shareAfterMinorUnits)).toBe(4000n);
    // The meetup (mira and tomas) weighs less after: mira's share of October falls.
    const mira = payouts.amounts.find((row) => row.name === 'mira')!;
    expect(BigInt(mira.shareAfterMinorUnits)).toBeLessThan(BigInt(mira.shareBeforeMinorUnits));
    for (const row of payouts.amounts) {
      const sides: [string, string][] = [
        [row.shareBeforeMinorUnits, row.beforeMinorUnits],
        [row.shareAfterMinorUnits, row.afterMinorUnits],
      ];
      for (const [share, paid] of sides) expect(paid).toBe(BigInt(share) >= 500n ? share : '0');
    }
    const human = await cred([...args, '--revenue', '50.00', '-q'], dir);
    expect(human.stdout).toMatch(/payout 2026-10: 40.00 USD by cred \(revenue 50.00\)/);
    expect(human.stdout).toMatch(/mira\s+\d+\.\d\d → \d+\.\d\d/);
    const alone = await cred([...args], dir);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/revenue/);
  });
});

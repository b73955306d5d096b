/**
 * Heads anchored outside the ledger: a history rewritten with every later hash recomputed
 * verifies on its own, but not against a head given on the command line, the heads in the
 * public reports, or the heads carried by the expenses filed on Open Collective (stand-in).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonicalJson.js';
import { sha256Hex } from '../../src/core/digest.js';
import { verifyLedger } from '../../src/instance/ledger/jobs.js';
import { submitPayout } from '../../src/instance/payout/submit.js';
import {
  startOpenCollectiveStandIn,
  type OpenCollectiveStandIn,
} from '../../src/replay/opencollective/openCollectiveStandIn.js';
import { dataset, fakeRuntime, finalizedInstance, type TestPayee } from './payoutHarness.js';

const PAYEES: TestPayee[] = [
  { name: 'river-kim', slug: 'river-kim', administered: true, cents: 12_345 },
  { name: 'sol-parker', slug: 'sol-parker', cents: 3_210 },
];

/** Changes line `index` (0-based) with `edit` and recomputes every later line's `prev`. */
function rewriteAndRechain(text: string, index: number, edit: (line: string) => string): string {
  const lines = text.trimEnd().split('\n');
  let prev = index === 0 ? '0'.repeat(64) : sha256Hex(lines[index - 1] as string);
  const out = lines.slice(0, index);
  for (const [k, line] of lines.slice(index).entries()) {
    const json = JSON.parse(k === 0 ? edit(line) : line) as { prev: string };
    json.prev = prev;
    const encoded = canonicalJson(json);
    out.push(encoded);
    prev = sha256Hex(encoded);
  }
  return `${out.join('\n')}\n`;
}

describe('test/e2e/ledgerAnchors', () => {
  let standIn: OpenCollectiveStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  it('a rewritten, re-chained history is caught by --head, --against-reports and --against-opencollective', async () => {
    const runtime = fakeRuntime();
    standIn = await startOpenCollectiveStandIn(dataset(PAYEES), { nowMs: runtime.nowMs });
    const instance = await finalizedInstance(PAYEES, standIn.apiUrl, runtime);
    await submitPayout(instance, runtime, { month: '2026-10' });
    const report = JSON.parse(
      readFileSync(path.join(instance.paths.payouts, '2026-10.json'), 'utf8'),
    ) as { finalization: { line: number; headHash: string } };
    const head = report.finalization.headHash;
    const all = { heads: [head], againstReports: true, againstOpenCollective: true };
    const intact = await verifyLedger(instance, runtime, all);
    expect(intact.anchors.map((a) => [a.source.split(' ')[0], a.ok])).toEqual([
      ['--head', true],
      ['output/payouts/2026-10.json', true],
      ['output/payouts/2026-10.json', true],
      ['Open', true],
    ]);
    expect(intact.anchors[0]?.foundAt).toBe(report.finalization.line);

    const file = instance.paths.ledger;
    const text = readFileSync(file, 'utf8');
    const at = text.split('\n').findIndex((line) => line.includes('"value":"sol-parker"'));
    writeFileSync(
      file,
      rewriteAndRechain(text, at, (line) => line.replace('"sol-parker"', '"attacker-fund"')),
    );
    const alone = await verifyLedger(instance, runtime);
    expect(alone.headHash).not.toBe(intact.headHash);
    for (const options of [
      { heads: [head] },
      { againstReports: true },
      { againstOpenCollective: true },
    ]) {
      await expect(verifyLedger(instance, runtime, options)).rejects.toMatchObject({
        code: 'ledger_head_not_in_chain',
        message: expect.stringMatching(options.heads === undefined ? /2026-10 head/ : /--head/),
      });
    }
  });

  it('verifyLedger(--head) refuses a malformed head', async () => {
    const runtime = fakeRuntime();
    standIn = await startOpenCollectiveStandIn(dataset(PAYEES), { nowMs: runtime.nowMs });
    const instance = await finalizedInstance(PAYEES, standIn.apiUrl, runtime);
    await expect(verifyLedger(instance, runtime, { heads: ['abc'] })).rejects.toMatchObject({
      name: 'UsageError',
      code: 'head_invalid',
    });
  });
});

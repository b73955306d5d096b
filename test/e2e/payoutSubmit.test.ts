/**
 * `cred payout submit` and `cred payout sync` in-process against the Open Collective stand-in:
 * the three routes (createExpense, a draft invitation to an account, a draft invitation by
 * email), skips, dry runs, bad input that must fail cleanly with nothing half-written, and
 * reconciliation of every outcome.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonicalJson.js';
import type { CredError } from '../../src/core/errors.js';
import type { Instance } from '../../src/instance/instance.js';
import { ledgerStore } from '../../src/instance/ledgerStore.js';
import { MASKED_EMAIL, submitPayout } from '../../src/instance/payout/submit.js';
import { syncPayout } from '../../src/instance/payout/sync.js';
import type { OpenCollectiveDataset } from '../../src/replay/opencollective/dataset.js';
import {
  startOpenCollectiveStandIn,
  type OpenCollectiveStandIn,
} from '../../src/replay/opencollective/openCollectiveStandIn.js';
import {
  dataset,
  fakeRuntime,
  finalizedInstance,
  idOf,
  START_MS,
  type FakeRuntime,
  type InstanceOptions,
  type TestPayee,
} from './payoutHarness.js';

const MONTH = '2026-10';
const PAYEES: TestPayee[] = [
  { name: 'octo-ana', slug: 'octo-ana', cents: 25_000 },
  { name: 'river-kim', slug: 'river-kim', administered: true, cents: 12_345 },
  { name: 'sol-parker', slug: 'sol-parker', cents: 3_210 },
  { name: 'mika-lind', email: 'mika.lind@example.org', cents: 2_222 },
  { name: 'juno-reyes', cents: 1_500 },
];

describe('test/e2e/payoutSubmit', () => {
  let standIn: OpenCollectiveStandIn | undefined;
  let runtime: FakeRuntime;

  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  async function setUp(
    options: InstanceOptions & { data?: OpenCollectiveDataset; env?: Record<string, string> } = {},
    payees: readonly TestPayee[] = PAYEES,
  ): Promise<Instance> {
    runtime = fakeRuntime(options.env);
    standIn = await startOpenCollectiveStandIn(options.data ?? dataset(payees), {
      nowMs: runtime.nowMs,
    });
    return finalizedInstance(payees, standIn.apiUrl, runtime, options);
  }

  const ledgerText = (instance: Instance) => readFileSync(instance.paths.ledger, 'utf8');
  const state = (instance: Instance) => ledgerStore(instance, runtime).read().state;
  const codeOf = (error: unknown) => (error as CredError).code;

  it('submitPayout files createExpense for administered payees and draft invitations for the others; one skip stays owed', async () => {
    const instance = await setUp();
    const result = await submitPayout(instance, runtime, { month: MONTH });
    const byName = new Map(result.lines.map((line) => [line.identity, line]));
    expect(byName.get('octo-ana')).toMatchObject({
      route: 'draftExpenseAndInviteUser',
      payee: 'octo-ana',
      outcome: 'filed',
    });
    expect(byName.get('river-kim')).toMatchObject({
      route: 'createExpense',
      payee: 'river-kim',
      outcome: 'filed',
    });
    expect(byName.get('sol-parker')).toMatchObject({
      route: 'draftExpenseAndInviteUser',
      payee: 'sol-parker',
    });
    expect(byName.get('mika-lind')).toMatchObject({
      route: 'draftExpenseAndInviteUser',
      payee: 'email in payees.json',
    });
    expect(byName.get('juno-reyes')).toMatchObject({
      route: 'skip',
      outcome: 'skipped',
      externalId: null,
    });
    expect(runtime.warnings.join('\n')).toMatch(/juno-reyes: skipped: no Open Collective account/);
    expect(standIn?.model.expenses).toHaveLength(4);
    const after = state(instance);
    expect(after.owed.get(idOf('juno-reyes'))).toBe(1_500n);
    expect(after.pending.get(idOf('river-kim'))).toBe(12_345n);
    expect(result.requests).toBe(6);
    expect(result.waitsMs).toEqual([10_500, 10_500]);
    const report = JSON.parse(
      readFileSync(path.join(instance.paths.payouts, `${MONTH}.json`), 'utf8'),
    );
    const river = report.lines.find((line: { identity: string }) => line.identity === 'river-kim');
    expect(river.expenses).toEqual([
      {
        reference: `cred:payout-${MONTH}-1:${idOf('river-kim')}`,
        amount: '123.45',
        status: 'filed',
        externalId: expect.any(String),
      },
    ]);
    // octo-ana's own account has no payout method: she is invited like anyone else.
    expect(standIn?.model.expenses.find((e) => e.invitee?.slug === 'octo-ana')?.via).toBe(
      'draftExpenseAndInviteUser',
    );
  });

  it('submitPayout --dry-run sends no mutation, writes nothing, and shows exactly what a run sends (emails masked)', async () => {
    const instance = await setUp();
    const ledgerBefore = ledgerText(instance);
    const dry = await submitPayout(instance, runtime, { month: MONTH, dryRun: true });
    expect(ledgerText(instance)).toBe(ledgerBefore);
    expect(existsSync(instance.paths.payouts)).toBe(false);
    expect(standIn?.executed.map((op) => op.operationName)).toEqual(['CredViewer', 'CredExpenses']);
    expect(dry.lines.map((line) => line.outcome).sort()).toEqual([
      'skipped',
      'would-file',
      'would-file',
      'would-file',
      'would-file',
    ]);
    expect(canonicalJson(dry)).not.toMatch(/@example\.org/);
    await submitPayout(instance, runtime, { month: MONTH });
    const sent = standIn!.executed
      .filter(
        (op) => op.operationName === 'CredCreateExpense' || op.operationName === 'CredDraftExpense',
      )
      .map((op) => ({ operation: op.operationName, variables: op.variables }));
    const masked = canonicalJson(sent).replace('mika.lind@example.org', MASKED_EMAIL);
    expect(canonicalJson(dry.operations)).toBe(masked);
  });

  it('submitPayout run again files nothing twice, and emails never reach the ledger, the report or the log', async () => {
    const instance = await setUp();
    await submitPayout(instance, runtime, { month: MONTH });
    const again = await submitPayout(instance, runtime, { month: MONTH });
    expect(again.lines.map((line) => line.outcome).sort()).toEqual([
      'already-filed',
      'already-filed',
      'already-filed',
      'already-filed',
      'skipped',
    ]);
    expect(standIn?.model.expenses).toHaveLength(4);
    const written = [
      ledgerText(instance),
      ...readdirSync(instance.paths.payouts).map((f) =>
        readFileSync(path.join(instance.paths.payouts, f), 'utf8'),
      ),
      ...runtime.warnings,
      ...runtime.progress,
    ].join('\n');
    expect(written).not.toMatch(/@example\.org|test-token-not-real/);
  });

  it('submitPayout without OPENCOLLECTIVE_TOKEN, or with a token lacking the "expenses" scope, fails with nothing filed', async () => {
    const noToken = await setUp({ env: {} });
    await expect(submitPayout(noToken, runtime, { month: MONTH })).rejects.toMatchObject({
      code: 'OPENCOLLECTIVE_NO_TOKEN',
    });
    await standIn?.close();
    const instance = await setUp({ data: dataset(PAYEES, ['account']) });
    const before = ledgerText(instance);
    const error = await submitPayout(instance, runtime, { month: MONTH }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('OPENCOLLECTIVE_SCOPE');
    expect((error as CredError).message).toMatch(/"expenses" scope/);
    expect(standIn?.model.expenses).toHaveLength(0);
    expect(ledgerText(instance)).toBe(before);
  });

  it('submitPayout refuses to start while another submit holds the lock', async () => {
    const instance = await setUp();
    writeFileSync(path.join(instance.paths.data, 'payout-submit.lock'), `${process.pid}\n`);
    await expect(submitPayout(instance, runtime, { month: MONTH })).rejects.toMatchObject({
      code: 'PAYOUT_SUBMIT_RUNNING',
    });
    expect(standIn?.model.expenses).toHaveLength(0);
  });

  it("submitPayout refuses a collective whose currency is not the instance's, before filing anything", async () => {
    const data = dataset(PAYEES);
    const instance = await setUp({
      data: { ...data, collective: { ...data.collective, currency: 'EUR' } },
    });
    const before = ledgerText(instance);
    await expect(submitPayout(instance, runtime, { month: MONTH })).rejects.toMatchObject({
      code: 'PAYOUT_CURRENCY_MISMATCH',
    });
    expect(standIn?.model.expenses).toHaveLength(0);
    expect(ledgerText(instance)).toBe(before);
  });

  it('submitPayout refuses a proposal under review, and finalizes one whose review is over', async () => {
    const instance = await setUp({ proposeOnly: true, reviewEndsMs: START_MS + 86_400_000 });
    await expect(submitPayout(instance, runtime, { month: MONTH })).rejects.toMatchObject({
      code: 'PAYOUT_UNDER_REVIEW',
    });
    await expect(submitPayout(instance, runtime, { month: '2026-09' })).rejects.toMatchObject({
      code: 'PAYOUT_NOT_FOUND',
    });
    runtime.clock.nowMs += 86_400_000;
    const dry = await submitPayout(instance, runtime, { month: MONTH, dryRun: true });
    expect(dry.operations).toHaveLength(4);
    expect(state(instance).payouts.get(`payout-${MONTH}-1`)?.status).toBe('proposed');
    const result = await submitPayout(instance, runtime, { month: MONTH });
    expect(state(instance).payouts.get(`payout-${MONTH}-1`)?.status).toBe('final');
    expect(result.lines.filter((line) => line.outcome === 'filed')).toHaveLength(4);
  });

  it('payees.json errors name the entry and field, never the value', async () => {
    const instance = await setUp();
    writeFileSync(
      instance.paths.payees,
      JSON.stringify({ 'mika-lind': { email: 'not-an-email-secret' } }),
    );
    const invalid = await submitPayout(instance, runtime, { month: MONTH }).catch(
      (e: unknown) => e,
    );
    expect(codeOf(invalid)).toBe('PAYEES_INVALID');
    expect((invalid as CredError).message).toContain('mika-lind.email');
    expect((invalid as CredError).message).not.toContain('not-an-email-secret');
    writeFileSync(instance.paths.payees, '{ "mika-lind": { "email": "mika@example.org" }, }');
    const syntax = await submitPayout(instance, runtime, { month: MONTH }).catch((e: unknown) => e);
    expect((syntax as CredError).message).toMatch(/not valid JSON at line 1, column \d+$/);
    expect((syntax as CredError).message).not.toContain('mika@example.org');
    writeFileSync(
      instance.paths.payees,
      JSON.stringify({
        'Mika-Lind': { email: 'a@example.org' },
        'who@example.org': { email: 'b@example.org' },
      }),
    );
    await submitPayout(instance, runtime, { month: MONTH, dryRun: true });
    expect(runtime.warnings.join('\n')).toMatch(/payees\.json: <email> name\(s\) no identity/);
    expect(standIn?.model.expenses).toHaveLength(0);
  });

  it('syncPayout records paid expenses and returns declined, rejected, spam and canceled ones to what is owed', async () => {
    const payees: TestPayee[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((k, index) => ({
      name: `payee-${k}`,
      slug: `payee-${k}`,
      administered: index < 4,
      cents: 1000 * (index + 1),
    }));
    const instance = await setUp({}, payees);
    await submitPayout(instance, runtime, { month: MONTH });
    const model = standIn!.model;
    const ref = (name: string) => `cred:payout-${MONTH}-1:${idOf(name)}`;
    model.settle(ref('payee-a'));
    model.transition(ref('payee-b'), 'reject');
    model.transition(ref('payee-c'), 'mark-spam');
    model.transition(ref('payee-d'), 'cancel');
    model.transition(ref('payee-e'), 'decline-invite');
    const result = await syncPayout(instance, runtime, { month: MONTH });
    expect(result.settled).toBe(5);
    const statusOf = (name: string) => result.lines.find((line) => line.identity === name);
    expect(statusOf('payee-a')).toMatchObject({ openCollectiveStatus: 'PAID', status: 'paid' });
    expect(statusOf('payee-b')).toMatchObject({
      openCollectiveStatus: 'REJECTED',
      status: 'rejected',
    });
    expect(statusOf('payee-c')).toMatchObject({ openCollectiveStatus: 'SPAM', status: 'rejected' });
    expect(statusOf('payee-d')).toMatchObject({
      openCollectiveStatus: 'CANCELED',
      status: 'declined',
    });
    expect(statusOf('payee-e')).toMatchObject({
      openCollectiveStatus: 'INVITE_DECLINED',
      status: 'declined',
    });
    expect(statusOf('payee-f')).toMatchObject({
      openCollectiveStatus: 'DRAFT',
      status: 'filed',
      changed: false,
    });
    const after = state(instance);
    expect(after.paid.get(idOf('payee-a'))).toBe(1000n);
    for (const [name, cents] of [
      ['payee-b', 2000n],
      ['payee-c', 3000n],
      ['payee-d', 4000n],
      ['payee-e', 5000n],
    ] as const)
      expect(after.owed.get(idOf(name))).toBe(cents);
    expect(after.pending.get(idOf('payee-f'))).toBe(6000n);
    const markdown = readFileSync(path.join(instance.paths.payouts, `${MONTH}.md`), 'utf8');
    // Columns: share, owed before, allocated, filed, paid, owed after, status.
    expect(markdown).toMatch(
      /\| payee-a \| [\d.]+ \| 10\.00 \| 0\.00 \| 10\.00 \| 10\.00 \| 10\.00 \| 0\.00 \| paid; expense ex-\d+ \|/,
    );
    expect(markdown).toMatch(
      /\| payee-e \| [\d.]+ \| 50\.00 \| 0\.00 \| 50\.00 \| 50\.00 \| 0\.00 \| 50\.00 \| owed; expense declined on Open Collective; the amount is owed again; expense ex-\d+ declined \|/,
    );
    const again = await syncPayout(instance, runtime, { month: MONTH });
    expect(again.settled).toBe(0);
    // Submitting again files nothing: the returned amounts are paid in a later month.
    const resubmit = await submitPayout(instance, runtime, { month: MONTH });
    expect(resubmit.lines.every((line) => line.outcome === 'already-filed')).toBe(true);
    expect(model.expenses).toHaveLength(6);
  });
});

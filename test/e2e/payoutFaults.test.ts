/**
 * The fault matrix of `cred payout submit`: twenty payments (six to accounts the token's user
 * administers, seven draft invitations to other accounts, seven by email), and for each request
 * of a submission in turn, Open Collective failing at that request in one of five ways. After
 * each failure, submit runs again; every scenario must end with exactly one expense per payee on
 * Open Collective and the ledger's filed expenses equal to Open Collective's.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CredError } from '../../src/core/errors.js';
import { openInstance, type Instance } from '../../src/instance/instance.js';
import { ledgerStore } from '../../src/instance/ledgerStore.js';
import { submitPayout, type SubmitResult } from '../../src/instance/payout/submit.js';
import {
  operationName,
  startOpenCollectiveStandIn,
  type OpenCollectiveStandIn,
} from '../../src/replay/opencollective/openCollectiveStandIn.js';
import { noAnswer, rateLimited, serverError } from '../../src/replay/opencollective/faults.js';
import { scratchDir } from './cli.js';
import {
  dataset,
  fakeRuntime,
  finalizedInstance,
  idOf,
  twentyPayees,
  type FakeRuntime,
} from './payoutHarness.js';

const PAYEES = twentyPayees();
const MONTH = '2026-10';

type FaultKind = '500' | '500 after' | 'timeout after' | '429' | 'timeout after, lookup 500';
const KINDS: readonly FaultKind[] = [
  '500',
  '500 after',
  'timeout after',
  '429',
  'timeout after, lookup 500',
];

/** Injects `kind` at the `step`-th request (0-based) the stand-in receives. */
function injectAt(standIn: OpenCollectiveStandIn, kind: FaultKind, step: number, nowMs: number) {
  let seen = 0;
  const atStep = () => seen++ === step;
  if (kind === '500') standIn.inject(atStep, serverError());
  if (kind === '429') standIn.inject(atStep, rateLimited(nowMs, 30));
  if (kind === '500 after') standIn.injectAfter(atStep, serverError());
  if (kind === 'timeout after') standIn.injectAfter(atStep, noAnswer(1500));
  if (kind === 'timeout after, lookup 500') {
    // The expense is created, its answer lost, and the lookup that follows fails too: the run
    // stops knowing nothing, as if it crashed between creating and recording.
    let armed = false;
    standIn.injectAfter(() => {
      const hit = seen++ === step;
      if (hit) armed = true;
      return hit;
    }, noAnswer(1500));
    standIn.inject((request) => {
      const hit = armed && operationName(request) === 'CredExpenses';
      if (hit) armed = false;
      return hit;
    }, serverError());
  }
}

interface Scenario {
  readonly kind: FaultKind;
  readonly step: number;
  readonly firstRunFailed: boolean;
  readonly runs: number;
}

function filedInLedger(instance: Instance, runtime: FakeRuntime) {
  const state = ledgerStore(instance, runtime).read().state;
  return [...state.expenses.values()]
    .map((e) => ({
      reference: e.reference,
      id: e.externalId,
      cents: Number(e.amount),
      identity: e.identityId,
    }))
    .sort((a, b) => a.reference.localeCompare(b.reference));
}

function onOpenCollective(standIn: OpenCollectiveStandIn) {
  return standIn.model.expenses
    .map((e) => ({
      reference: e.reference ?? '',
      id: e.id,
      cents: e.amountInCents,
      identity: (e.customData as { identity: string }).identity,
    }))
    .sort((a, b) => a.reference.localeCompare(b.reference));
}

describe('test/e2e/payoutFaults', () => {
  let template: string;
  let cleanRequests: string[] = [];
  let clean: SubmitResult;

  beforeAll(async () => {
    const runtime = fakeRuntime();
    const standIn = await startOpenCollectiveStandIn(dataset(PAYEES), { nowMs: runtime.nowMs });
    const instance = await finalizedInstance(PAYEES, standIn.apiUrl, runtime);
    // The first request builds graphql-js's caches over the large schema: not part of the run.
    await submitPayout(instance, runtime, { month: MONTH, dryRun: true });
    standIn.requests.length = 0;
    template = path.join(scratchDir('cred-oc-template-'), 'community');
    cpSync(instance.paths.root, template, { recursive: true });
    const result = await submitPayout(instance, runtime, { month: MONTH });
    cleanRequests = standIn.requests.map((r) => operationName(r) ?? '?');
    clean = result;
    expect(result.lines.every((line) => line.outcome === 'filed')).toBe(true);
    await standIn.close();
  });

  it('submitPayout(instance, runtime) files 20 expenses in 22 requests, pacing drafts 10.5 s apart', () => {
    expect(cleanRequests).toHaveLength(22);
    expect(cleanRequests.slice(0, 2)).toEqual(['CredViewer', 'CredExpenses']);
    expect(cleanRequests.filter((name) => name === 'CredCreateExpense')).toHaveLength(6);
    expect(cleanRequests.filter((name) => name === 'CredDraftExpense')).toHaveLength(14);
    expect(clean.requests).toBe(22);
    expect(clean.waitsMs).toEqual(Array.from({ length: 13 }, () => 10_500));
  });

  /** Steps (0-based requests) after whose fault the first run fails, by kind. */
  const FAILING: Record<FaultKind, (steps: number) => number[]> = {
    // A 500 before anything is done fails the run at every step (no retries in this matrix).
    '500': (steps) => range(steps),
    // After a lost answer the run looks the expense up and goes on; only the queries fail it.
    '500 after': () => [0, 1],
    'timeout after': () => [0, 1],
    // A 429 is waited out (Retry-After) and never fails the run.
    '429': () => [],
    // Created, answer lost, and the lookup fails too: the next run must find the expense.
    'timeout after, lookup 500': (steps) => range(steps),
  };

  it.each(KINDS)(
    'submitPayout after "%s" at each request ends with one expense per payee, as in the ledger',
    async (kind) => {
      const scenarios: Scenario[] = [];
      for (let step = 0; step < cleanRequests.length; step++) {
        scenarios.push(await runScenario(template, kind, step));
      }
      expect(scenarios.filter((s) => s.firstRunFailed).map((s) => s.step)).toEqual(
        FAILING[kind](cleanRequests.length),
      );
      expect(Math.max(...scenarios.map((s) => s.runs))).toBeLessThanOrEqual(3);
    },
    180_000,
  );
});

function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}

async function runScenario(template: string, kind: FaultKind, step: number): Promise<Scenario> {
  const root = path.join(scratchDir('cred-oc-fault-'), 'community');
  cpSync(template, root, { recursive: true });
  const runtime = fakeRuntime();
  const standIn = await startOpenCollectiveStandIn(dataset(PAYEES), { nowMs: runtime.nowMs });
  try {
    const instance = withApiUrl(await openInstance(root), standIn.apiUrl);
    injectAt(standIn, kind, step, runtime.nowMs());
    let firstRunFailed = false;
    let runs = 0;
    let result: SubmitResult | undefined;
    while (result === undefined && runs < 3) {
      runs++;
      try {
        result = await submitPayout(instance, runtime, {
          month: MONTH,
          overrides: { maxAttempts: 1 },
        });
      } catch (error) {
        expect(error, `${kind} at step ${step}`).toBeInstanceOf(CredError);
        if (runs === 1) firstRunFailed = true;
      }
    }
    expect(result, `${kind} at step ${step}: no run succeeded`).toBeDefined();
    expect(standIn.pendingFaults() + standIn.pendingAfterFaults(), `${kind} at ${step}`).toBe(0);
    const remote = onOpenCollective(standIn);
    expect(remote, `${kind} at step ${step}`).toHaveLength(PAYEES.length);
    expect(new Set(remote.map((e) => e.identity))).toEqual(
      new Set(PAYEES.map((p) => idOf(p.name))),
    );
    expect(filedInLedger(instance, runtime), `${kind} at step ${step}`).toEqual(remote);
    if (kind === '429') expect(runtime.sleeps).toContain(31_000);
    return { kind, step, firstRunFailed, runs };
  } finally {
    await standIn.close();
  }
}

/** The template's cred.json points at another stand-in's port: point it at this one. */
function withApiUrl(instance: Instance, apiUrl: string): Instance {
  const payout = instance.config.payout as { opencollective: Record<string, unknown> };
  return {
    ...instance,
    config: {
      ...instance.config,
      payout: { ...payout, opencollective: { ...payout.opencollective, apiUrl } },
    },
  };
}

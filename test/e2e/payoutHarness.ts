/**
 * Test fixtures for Open Collective payouts run in-process: a runtime whose clock only moves
 * when cred asks to sleep (so pacing and rate-limit waits are asserted, never waited), an
 * instance whose ledger holds a final payout for a list of payees, and the stand-in dataset
 * where those payees have (or lack) accounts the token's user administers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJsonFile } from '../../src/core/canonicalJson.js';
import type { IdentityId } from '../../src/core/identity.js';
import { identityIdFrom } from '../../src/core/identityIds.js';
import { openInstance, type Instance, type Runtime } from '../../src/instance/instance.js';
import { ledgerStore } from '../../src/instance/ledgerStore.js';
import type { LedgerEvent } from '../../src/ledger/events.js';
import type { OpenCollectiveDataset } from '../../src/replay/opencollective/dataset.js';
import { scratchDir } from './cli.js';

export const TOKEN = 'test-token-not-real';
export const MAINTAINER = 'octo-ana';
export const COLLECTIVE = 'lantern-labs';
export const START_MS = Date.parse('2026-11-02T09:00:00Z');

export interface FakeRuntime extends Runtime {
  readonly clock: { nowMs: number };
  readonly sleeps: number[];
  readonly warnings: string[];
  readonly progress: string[];
}

/** A runtime whose sleeps advance its clock at once and are recorded. */
export function fakeRuntime(
  env: Record<string, string | undefined> = { OPENCOLLECTIVE_TOKEN: TOKEN },
): FakeRuntime {
  const clock = { nowMs: START_MS };
  const sleeps: number[] = [];
  const warnings: string[] = [];
  const progress: string[] = [];
  return {
    env,
    clock,
    sleeps,
    warnings,
    progress,
    reporter: { progress: (m) => progress.push(m), warn: (m) => warnings.push(m) },
    nowMs: () => clock.nowMs,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.nowMs += ms;
    },
  };
}

export interface TestPayee {
  readonly name: string;
  /** Open Collective account recorded with `cred identity set-payout`. */
  readonly slug?: string;
  /** Whether the token's user administers that account (so createExpense applies). */
  readonly administered?: boolean;
  /** Email in payees.json. */
  readonly email?: string;
  /** Payment in cents. */
  readonly cents: number;
}

export function idOf(name: string): IdentityId {
  return identityIdFrom(`test/${name}`);
}

export function dataset(
  payees: readonly TestPayee[],
  scopes = ['account', 'expenses'],
  currency = 'USD',
): OpenCollectiveDataset {
  return {
    type: 'cred/opencollective-dataset',
    version: 1,
    collective: {
      slug: COLLECTIVE,
      name: 'Lantern Labs',
      currency,
      hostFeePercent: 10,
      admins: [MAINTAINER],
    },
    tokens: [{ value: TOKEN, user: MAINTAINER, scopes, bypassDraftLimit: false }],
    accounts: [
      { slug: MAINTAINER, name: 'Octo Ana', type: 'INDIVIDUAL', admins: [], payoutMethods: [] },
      ...payees.flatMap((payee) =>
        payee.slug === undefined
          ? []
          : [
              {
                slug: payee.slug,
                name: payee.name,
                type: 'INDIVIDUAL' as const,
                admins: payee.administered === true ? [MAINTAINER] : [],
                payoutMethods:
                  payee.administered === true
                    ? [{ publicId: `po-${payee.slug}`, type: 'PAYPAL' as const, isSaved: true }]
                    : [],
              },
            ],
      ),
    ],
    transactions: [],
  };
}

/** An instance whose ledger has a final payout for `month` paying each payee its cents. */
export interface InstanceOptions {
  readonly month?: string;
  /** Leave the proposal under review instead of finalizing it. */
  readonly proposeOnly?: boolean;
  readonly reviewEndsMs?: number;
}

/**
 * The Open Collective client's request timeout in these instances. Generous, so that a slow
 * answer on a busy machine is not retried and counted twice; the fault tests do not wait for
 * it (their stand-in hangs up after 1.5 s, which the client sees at once).
 */
const REQUEST_TIMEOUT_SECONDS = 30;

export async function finalizedInstance(
  payees: readonly TestPayee[],
  apiUrl: string,
  runtime: Runtime,
  options: InstanceOptions = {},
): Promise<Instance> {
  const month = options.month ?? '2026-10';
  const dir = path.join(scratchDir('cred-oc-'), 'community');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'cred.json'),
    canonicalJsonFile({
      type: 'cred/instance',
      version: 1,
      name: 'Lantern Labs',
      currency: 'USD',
      plugins: {},
      payout: {
        ratio: '1',
        minimum: '5.00',
        reviewDays: 7,
        opencollective: { collective: COLLECTIVE, apiUrl, timeoutSeconds: REQUEST_TIMEOUT_SECONDS },
      },
    }),
  );
  const emails = Object.fromEntries(
    payees.filter((p) => p.email !== undefined).map((p) => [p.name, { email: p.email }]),
  );
  if (Object.keys(emails).length > 0)
    writeFileSync(path.join(dir, 'payees.json'), JSON.stringify(emails, null, 2));
  const instance = await openInstance(dir);
  const events = payoutEvents(payees, month, options.reviewEndsMs ?? 0);
  await ledgerStore(instance, runtime).append(() =>
    options.proposeOnly === true ? events.slice(0, -1) : events,
  );
  return instance;
}

function payoutEvents(
  payees: readonly TestPayee[],
  month: string,
  reviewEndsMs: number,
): LedgerEvent[] {
  const proposalId = `payout-${month}-1`;
  const pool = payees.reduce((sum, payee) => sum + payee.cents, 0);
  const identities: LedgerEvent[] = payees.flatMap((payee) => [
    {
      type: 'identity.create',
      identityId: idOf(payee.name),
      name: payee.name,
      kind: 'user',
      aliases: [],
    },
    ...(payee.slug === undefined
      ? []
      : [
          {
            type: 'identity.setPayoutAddress' as const,
            identityId: idOf(payee.name),
            method: 'opencollective' as const,
            value: payee.slug,
          },
        ]),
  ]);
  const shares = Object.fromEntries(payees.map((p) => [idOf(p.name), String(p.cents)]));
  return [
    ...identities,
    {
      type: 'payout.propose',
      proposalId,
      month,
      currency: 'USD',
      revenue: String(pool),
      ratio: '1',
      pool: String(pool),
      minimum: '500',
      policy: { type: 'proportional' },
      algorithm: 'credrank',
      graphDigest: 'test-graph',
      weightsDigest: 'test-weights',
      reviewEndsMs,
      lines: payees.map((p) => ({
        identityId: idOf(p.name),
        cred: p.cents / 100,
        share: String(p.cents),
        owedBefore: '0',
        payment: String(p.cents),
        status: 'paid' as const,
      })),
    },
    { type: 'payout.finalize', proposalId, payments: shares },
  ];
}

/** Twenty payees: 6 accounts the maintainer administers, 7 other accounts, 7 emails. */
export function twentyPayees(): TestPayee[] {
  return Array.from({ length: 20 }, (_, k) => {
    const name = `payee-${String(k + 1).padStart(2, '0')}`;
    const cents = 1000 + 137 * k;
    if (k < 6) return { name, slug: `${name}-oc`, administered: true, cents };
    if (k < 13) return { name, slug: `${name}-oc`, cents };
    return { name, email: `${name}@example.org`, cents };
  });
}

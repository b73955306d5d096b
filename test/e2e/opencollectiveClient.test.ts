/**
 * cred's Open Collective client (graphql-request) against the loopback stand-in, which checks
 * every document and its variables against Open Collective's published schema.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CredError, PayoutError, PluginFetchError } from '../../src/core/errors.js';
import {
  createExpense,
  draftExpense,
  listExpenses,
  readRevenue,
  readViewer,
} from '../../src/ledger/opencollective/api.js';
import { OpenCollectiveClient } from '../../src/ledger/opencollective/client.js';
import {
  createExpenseVariables,
  draftExpenseVariables,
  type ExpenseRequest,
} from '../../src/ledger/opencollective/expenseInput.js';
import {
  isOperation,
  startOpenCollectiveStandIn,
  type OpenCollectiveStandIn,
} from '../../src/replay/opencollective/openCollectiveStandIn.js';
import { noAnswer, rateLimited, serverError } from '../../src/replay/opencollective/faults.js';
import { COLLECTIVE, dataset, fakeRuntime, TOKEN, type FakeRuntime } from './payoutHarness.js';

const REQUEST: ExpenseRequest = {
  collective: COLLECTIVE,
  proposalId: 'payout-2026-10-1',
  month: '2026-10',
  identityId: '0123456789abcdef',
  amount: 2500n,
  currency: 'USD',
  description: 'Contributions to Lantern Labs, 2026-10',
  longDescription: 'October',
  type: 'INVOICE',
  extraTags: [],
  ledgerHead: null,
};

describe('test/e2e/opencollectiveClient', () => {
  let standIn: OpenCollectiveStandIn | undefined;
  let runtime: FakeRuntime;

  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  async function setUp(
    options: { token?: string | null; maxAttempts?: number; timeoutMs?: number } = {},
    scopes?: string[],
  ): Promise<OpenCollectiveClient> {
    runtime = fakeRuntime();
    const data = dataset(
      [
        { name: 'river-kim', slug: 'river-kim', administered: true, cents: 1 },
        { name: 'sol-parker', slug: 'sol-parker', cents: 1 },
      ],
      scopes,
    );
    data.transactions.push(
      {
        id: 't1',
        createdAt: '2026-09-30T23:59:59Z',
        kind: 'CONTRIBUTION',
        amountInCents: 10_000,
        netAmountInCents: 9_000,
        refunded: false,
      },
      {
        id: 't2',
        createdAt: '2026-10-01T00:00:00Z',
        kind: 'CONTRIBUTION',
        amountInCents: 20_000,
        netAmountInCents: 18_000,
        refunded: false,
      },
      {
        id: 't3',
        createdAt: '2026-10-31T23:59:59Z',
        kind: 'ADDED_FUNDS',
        amountInCents: 5_000,
        netAmountInCents: 5_000,
        refunded: false,
      },
      {
        id: 't4',
        createdAt: '2026-11-01T00:00:00Z',
        kind: 'CONTRIBUTION',
        amountInCents: 40_000,
        netAmountInCents: 36_000,
        refunded: false,
      },
    );
    standIn = await startOpenCollectiveStandIn(data, { nowMs: runtime.nowMs });
    return new OpenCollectiveClient({
      apiUrl: standIn.apiUrl,
      token: options.token === null ? undefined : (options.token ?? TOKEN),
      nowMs: runtime.nowMs,
      sleep: runtime.sleep,
      reporter: runtime.reporter,
      maxAttempts: options.maxAttempts,
      timeoutMs: options.timeoutMs ?? 30_000,
    });
  }

  it('readRevenue(client, slug, from, to, kinds) counts [from, to): dateTo is exclusive, net and gross', async () => {
    const client = await setUp({ token: null });
    const october = await readRevenue(
      client,
      COLLECTIVE,
      Date.parse('2026-10-01T00:00:00Z'),
      Date.parse('2026-11-01T00:00:00Z'),
      ['CONTRIBUTION'],
    );
    expect(october).toEqual({ currency: 'USD', grossInCents: 20_000, netInCents: 18_000 });
    const withAdded = await readRevenue(
      client,
      COLLECTIVE,
      Date.parse('2026-10-01T00:00:00Z'),
      Date.parse('2026-11-01T00:00:00Z'),
      ['CONTRIBUTION', 'ADDED_FUNDS'],
    );
    expect(withAdded.grossInCents).toBe(25_000);
    const sent = standIn?.requests[0];
    expect(sent?.headers['personal-token']).toBeUndefined();
    expect((sent?.body as { variables: Record<string, unknown> }).variables).toMatchObject({
      from: '2026-10-01T00:00:00.000Z',
      to: '2026-11-01T00:00:00.000Z',
    });
  });

  it('readViewer(client, collective) finds the accounts the token user administers, with payout methods', async () => {
    const client = await setUp();
    const { viewer, collective } = await readViewer(client, COLLECTIVE);
    expect(viewer.slug).toBe('octo-ana');
    expect([...viewer.administered.keys()].sort()).toEqual([
      'lantern-labs',
      'octo-ana',
      'river-kim',
    ]);
    expect(viewer.administered.get('river-kim')).toEqual([
      { publicId: 'po-river-kim', type: 'PAYPAL', isSaved: true },
    ]);
    expect(collective).toEqual({ slug: COLLECTIVE, name: 'Lantern Labs', currency: 'USD' });
    expect(standIn?.requests[0]?.headers['personal-token']).toBe(TOKEN);
    await expect(readViewer(client, 'no-such-collective')).rejects.toMatchObject({
      code: 'OPENCOLLECTIVE_COLLECTIVE_NOT_FOUND',
    });
  });

  it('readViewer without a known user, or with a refused token, says what to do', async () => {
    const anonymous = await setUp({ token: null });
    await expect(readViewer(anonymous, COLLECTIVE)).rejects.toMatchObject({
      code: 'OPENCOLLECTIVE_NOT_LOGGED_IN',
    });
    await standIn?.close();
    const refused = await setUp({ token: 'expired-token-not-real' });
    const error = await readViewer(refused, COLLECTIVE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginFetchError);
    expect((error as CredError).code).toBe('OPENCOLLECTIVE_UNAUTHORIZED');
    expect((error as CredError).message).not.toContain('expired-token-not-real');
  });

  it('createExpense and draftExpense send variables the schema accepts, and listExpenses finds them by tag', async () => {
    const client = await setUp();
    const created = await createExpense(
      client,
      createExpenseVariables(REQUEST, {
        kind: 'account',
        slug: 'river-kim',
        payoutMethod: 'po-river-kim',
      }),
    );
    expect(created).toMatchObject({ status: 'PENDING', valueInCents: 2500, currency: 'USD' });
    const drafted = await draftExpense(
      client,
      draftExpenseVariables(
        { ...REQUEST, identityId: 'fedcba9876543210' },
        { kind: 'invite-account', slug: 'sol-parker' },
        'note',
      ),
    );
    expect(drafted.status).toBe('DRAFT');
    expect(standIn?.model.expenses[1]).toMatchObject({
      lockedFields: ['AMOUNT', 'DESCRIPTION', 'TYPE'],
      invitee: { slug: 'sol-parker' },
    });
    const listed = await listExpenses(client, COLLECTIVE, { tag: 'cred-payout-2026-10-1' });
    expect(listed.map((e) => e.reference).sort()).toEqual([
      'cred:payout-2026-10-1:0123456789abcdef',
      'cred:payout-2026-10-1:fedcba9876543210',
    ]);
    expect(standIn?.executed.every((op) => op.errorCodes.length === 0)).toBe(true);
  });

  it('a 429 is waited out until the reset, and the wait is reported', async () => {
    const client = await setUp();
    standIn?.inject(isOperation('CredViewer'), rateLimited(runtime.nowMs(), 42), 2);
    await readViewer(client, COLLECTIVE);
    expect(runtime.sleeps).toEqual([43_000, 43_000]);
    expect(runtime.warnings[0]).toMatch(/rate limit reached on CredViewer: waiting 43 s/);
    standIn?.inject(isOperation('CredViewer'), rateLimited(runtime.nowMs(), 1), 20);
    await expect(readViewer(client, COLLECTIVE)).rejects.toMatchObject({
      code: 'OPENCOLLECTIVE_RATE_LIMITED',
    });
  });

  it('a refused draft (RateLimitExceeded) is sent again after the draft interval', async () => {
    const client = await setUp();
    await draftExpense(
      client,
      draftExpenseVariables(REQUEST, { kind: 'invite-account', slug: 'sol-parker' }, 'n'),
    );
    // Another client of the same user drafted a moment ago: the API refuses, the client waits.
    const other = new OpenCollectiveClient({
      apiUrl: standIn!.apiUrl,
      token: TOKEN,
      nowMs: runtime.nowMs,
      sleep: runtime.sleep,
      reporter: runtime.reporter,
    });
    await draftExpense(
      other,
      draftExpenseVariables(
        { ...REQUEST, identityId: 'aaaaaaaaaaaaaaaa' },
        { kind: 'invite-account', slug: 'sol-parker' },
        'n',
      ),
    );
    expect(runtime.sleeps).toEqual([10_500]);
    expect(runtime.warnings.join('\n')).toMatch(/one draft invitation per 10 s/);
    expect(standIn?.model.expenses).toHaveLength(2);
  });

  it('paces 130 queries to 100 a minute, so the API never answers 429', async () => {
    const client = await setUp();
    for (let k = 0; k < 130; k++) await listExpenses(client, COLLECTIVE, { tag: 'x' });
    expect(standIn?.requests.length).toBe(130);
    expect(client.pacer.waits).toEqual([61_000]);
    expect(standIn?.executed).toHaveLength(130);
  });

  it('queries are tried again after a 500 or a timeout; mutations are not', async () => {
    // 3 s leaves a busy machine time to answer the other requests; the fault outlasts it.
    const client = await setUp({ timeoutMs: 3000 });
    standIn?.inject(isOperation('CredViewer'), serverError());
    standIn?.inject(isOperation('CredViewer'), noAnswer(9000));
    await readViewer(client, COLLECTIVE);
    expect(runtime.sleeps).toEqual([1000, 2000]);
    expect(runtime.warnings[1]).toMatch(
      /did not answer CredViewer within 3 s; trying again in 2 s/,
    );
    standIn?.inject(isOperation('CredCreateExpense'), serverError());
    const error = await createExpense(
      client,
      createExpenseVariables(REQUEST, {
        kind: 'account',
        slug: 'river-kim',
        payoutMethod: 'po-river-kim',
      }),
    ).catch((e: unknown) => e);
    expect((error as CredError).code).toBe('OPENCOLLECTIVE_SERVER_ERROR');
    expect(standIn?.model.expenses).toHaveLength(0);
  });

  it('malformed answers and refusals become errors that name the operation, never the variables', async () => {
    const client = await setUp({ maxAttempts: 1 }, ['account']);
    standIn?.inject(isOperation('CredViewer'), {
      status: 200,
      body: { data: { loggedInAccount: 'x' } },
    });
    await expect(readViewer(client, COLLECTIVE)).rejects.toMatchObject({
      code: 'OPENCOLLECTIVE_MALFORMED',
    });
    standIn?.inject(isOperation('CredViewer'), {
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html>oops</html>',
    });
    await expect(readViewer(client, COLLECTIVE)).rejects.toMatchObject({
      code: 'OPENCOLLECTIVE_MALFORMED',
    });
    standIn?.inject(isOperation('CredViewer'), {
      status: 418,
      body: 'teapot',
      headers: { 'content-type': 'text/plain' },
    });
    await expect(readViewer(client, COLLECTIVE)).rejects.toMatchObject({
      code: 'OPENCOLLECTIVE_HTTP_ERROR',
    });
    const scope = await draftExpense(
      client,
      draftExpenseVariables(
        REQUEST,
        { kind: 'invite-email', email: 'river@example.org', name: 'R' },
        'n',
      ),
    ).catch((e: unknown) => e);
    expect(scope).toBeInstanceOf(PayoutError);
    expect((scope as CredError).code).toBe('OPENCOLLECTIVE_SCOPE');
    expect((scope as CredError).message).not.toContain('river@example.org');
    const invalid = await createExpense(client, {
      account: { slug: COLLECTIVE },
      expense: { type: 'PAYOUT' },
    }).catch((e: unknown) => e);
    expect((invalid as CredError).code).toBe('OPENCOLLECTIVE_BAD_REQUEST');
  });

  it('readRevenue refuses an unknown collective and a total in another currency', async () => {
    const client = await setUp();
    const october = [
      Date.parse('2026-10-01T00:00:00Z'),
      Date.parse('2026-11-01T00:00:00Z'),
    ] as const;
    await expect(readRevenue(client, 'nobody', ...october, ['CONTRIBUTION'])).rejects.toMatchObject(
      {
        code: 'OPENCOLLECTIVE_COLLECTIVE_NOT_FOUND',
      },
    );
    const amount = (currency: string) => ({ valueInCents: 100, currency });
    standIn?.inject(isOperation('CredRevenue'), {
      status: 200,
      body: {
        data: {
          account: {
            slug: COLLECTIVE,
            currency: 'USD',
            stats: { gross: amount('EUR'), net: amount('EUR') },
          },
        },
      },
    });
    await expect(
      readRevenue(client, COLLECTIVE, ...october, ['CONTRIBUTION']),
    ).rejects.toMatchObject({
      code: 'PAYOUT_CURRENCY_MISMATCH',
    });
    standIn?.inject(isOperation('CredRevenue'), {
      status: 200,
      body: '{"data": {',
      headers: { 'content-type': 'application/json' },
    });
    await expect(
      readRevenue(client, COLLECTIVE, ...october, ['CONTRIBUTION']),
    ).rejects.toMatchObject({
      code: 'OPENCOLLECTIVE_MALFORMED',
    });
  });

  it('readViewer and listExpenses read every page of 100', async () => {
    const client = await setUp();
    const model = standIn!.model;
    for (let k = 0; k < 130; k++) {
      model.dataset.accounts.push({
        slug: `org-${k}`,
        name: `Org ${k}`,
        type: 'ORGANIZATION',
        admins: ['octo-ana'],
        payoutMethods: [],
      });
      model.add({
        createdAtMs: runtime.nowMs() + k,
        status: 'PENDING',
        via: 'createExpense',
        createdBy: 'octo-ana',
        payee: `org-${k}`,
        invitee: null,
        account: COLLECTIVE,
        description: 'x',
        longDescription: null,
        type: 'INVOICE',
        currency: 'USD',
        amountInCents: 100,
        reference: `ref-${k}`,
        tags: ['paged'],
        customData: null,
        lockedFields: [],
        payoutMethod: null,
      });
    }
    const { viewer } = await readViewer(client, COLLECTIVE);
    expect(viewer.administered.size).toBe(3 + 130);
    const listed = await listExpenses(client, COLLECTIVE, { tag: 'paged' });
    expect(new Set(listed.map((e) => e.reference)).size).toBe(130);
    expect(standIn?.executed.map((op) => op.operationName)).toEqual([
      'CredViewer',
      'CredViewer',
      'CredExpenses',
      'CredExpenses',
    ]);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { parseOpenCollectiveDataset, type OpenCollectiveDataset } from './dataset.js';
import { serverError } from './faults.js';
import {
  isOperation,
  operationName,
  startOpenCollectiveStandIn,
  type OpenCollectiveStandIn,
} from './openCollectiveStandIn.js';
import { openCollectiveSchema } from './schema.js';

const FIXTURE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test/fixtures/opencollective/collective.json',
);
const TOKEN = 'test-token-not-real';

function fixture(): OpenCollectiveDataset {
  return parseOpenCollectiveDataset(JSON.parse(readFileSync(FIXTURE, 'utf8')), FIXTURE);
}

const CREATE = `mutation CredCreateExpense($expense: ExpenseCreateInput!, $account: AccountReferenceInput!) {
  createExpense(expense: $expense, account: $account) { id status reference payee { slug } }
}`;
const DRAFT = `mutation CredDraftExpense($expense: ExpenseInviteDraftInput!, $account: AccountReferenceInput!, $lockedFields: [ExpenseLockableFields]) {
  draftExpenseAndInviteUser(expense: $expense, account: $account, lockedFields: $lockedFields) { id status payee { slug } }
}`;
const LIST = `query CredExpenses($tag: [String], $searchTerm: String, $status: [ExpenseStatusFilter]) {
  expenses(account: { slug: "lantern-labs" }, tag: $tag, searchTerm: $searchTerm, status: $status, limit: 100) {
    totalCount nodes { id status reference tags customData }
  }
}`;

function expense(overrides: Record<string, unknown> = {}) {
  return {
    description: 'Contributions, 2026-10',
    type: 'INVOICE',
    payee: { slug: 'lantern-docs-guild' },
    payoutMethod: { publicId: 'po-docs-guild-bank' },
    items: [{ description: 'October', amountV2: { valueInCents: 2500, currency: 'USD' } }],
    reference: 'cred:payout-2026-10-1:abc',
    tags: ['cred', 'Cred-Payout-2026-10-1'],
    customData: { run: 'payout-2026-10-1' },
    ...overrides,
  };
}

const draft = (email: string, reference: string) => ({
  type: 'INVOICE',
  description: 'Contributions',
  payee: { email, name: 'River Kim' },
  items: [{ description: 'October', amountV2: { valueInCents: 700, currency: 'USD' } }],
  reference,
  tags: ['cred-payout-2026-10-1'],
  customData: { run: 'payout-2026-10-1' },
});

describe('replay/opencollective/openCollectiveStandIn', () => {
  let standIn: OpenCollectiveStandIn | undefined;
  const clock = { nowMs: Date.parse('2026-11-02T09:00:00Z') };

  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  async function start(dataset = fixture()) {
    standIn = await startOpenCollectiveStandIn(dataset, { nowMs: () => clock.nowMs });
    return standIn;
  }

  async function post(
    query: string,
    variables: Record<string, unknown> = {},
    token: string | null = TOKEN,
    // The answers' shapes vary by query; the assertions check them.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const response = await fetch((standIn as OpenCollectiveStandIn).apiUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { 'Personal-Token': token }),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.json(), headers: response.headers };
  }

  it('refuses documents and variables that do not validate against schemaV2.graphql, with HTTP 400', async () => {
    await start();
    const account = { slug: 'lantern-labs' };
    const badEnum = await post(CREATE, { account, expense: expense({ type: 'PAYOUT' }) });
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const noMethod = await post(CREATE, { account, expense: expense({ payoutMethod: undefined }) });
    expect(noMethod.body.errors[0].message).toMatch(/payoutMethod/);
    const fraction = await post(CREATE, {
      account,
      expense: expense({ items: [{ description: 'x', amountV2: { valueInCents: 12.5 } }] }),
    });
    expect(fraction.status).toBe(400);
    const unknownField = await post('query { loggedInAccount { slug nickname } }');
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unparsable = await post('query {');
    expect(unparsable.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(standIn?.model.expenses).toHaveLength(0);
  });

  it('refuses a date without a time where the schema wants a DateTime, and sums revenue over [dateFrom, dateTo)', async () => {
    await start();
    const query = `query R($from: DateTime!, $to: DateTime!, $net: Boolean) {
      account(slug: "lantern-labs") { currency ... on AccountWithHost { hostFeePercent }
        stats { totalAmountReceived(dateFrom: $from, dateTo: $to, kind: [CONTRIBUTION], net: $net) { valueInCents currency } } } }`;
    const dateOnly = await post(query, { from: '2026-09-01', to: '2026-10-01T00:00:00Z' });
    expect(dateOnly.status).toBe(400);
    expect(dateOnly.body.errors[0].message).toMatch(/DateTime/);
    const september = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
    const gross = await post(query, september);
    expect(gross.body.data.account.stats.totalAmountReceived).toEqual({
      valueInCents: 111_112,
      currency: 'USD',
    });
    expect(gross.body.data.account.hostFeePercent).toBe(10);
    const net = await post(query, { ...september, net: true });
    expect(net.body.data.account.stats.totalAmountReceived.valueInCents).toBe(100_000);
  });

  it('createExpense works only for payees the token user administers, and only with the "expenses" scope', async () => {
    await start();
    const account = { slug: 'lantern-labs' };
    const created = await post(CREATE, { account, expense: expense() });
    expect(created.body.data.createExpense).toMatchObject({
      status: 'PENDING',
      reference: 'cred:payout-2026-10-1:abc',
      payee: { slug: 'lantern-docs-guild' },
    });
    expect(standIn?.model.expenses[0]?.tags).toEqual(['cred', 'cred-payout-2026-10-1']);
    const notAdmin = await post(CREATE, {
      account,
      expense: expense({ payee: { slug: 'river-kim' } }),
    });
    expect(notAdmin.body.errors[0]).toMatchObject({
      message: 'You must be an admin of the account to submit an expense in its name',
      extensions: { code: 'Unauthorized' },
    });
    const noScope = await post(
      CREATE,
      { account, expense: expense() },
      'test-token-no-expenses-scope',
    );
    expect(noScope.body.errors[0].extensions.code).toBe('Forbidden');
    expect(noScope.body.errors[0].message).toMatch(/scope "expenses"/);
    const anonymous = await post(CREATE, { account, expense: expense() }, null);
    expect(anonymous.body.errors[0].extensions.code).toBe('Unauthorized');
    const badToken = await post(CREATE, { account, expense: expense() }, 'not-a-token');
    expect(badToken.status).toBe(401);
    expect(standIn?.model.expenses).toHaveLength(1);
  });

  it('draftExpenseAndInviteUser allows one draft per 10 s; drafts show the inviting user as payee and are hidden from others', async () => {
    await start();
    const account = { slug: 'lantern-labs' };
    const lockedFields = ['AMOUNT', 'DESCRIPTION', 'TYPE'];
    const first = await post(DRAFT, {
      account,
      lockedFields,
      expense: draft('river@example.org', 'r1'),
    });
    expect(first.body.data.draftExpenseAndInviteUser).toMatchObject({
      status: 'DRAFT',
      payee: { slug: 'octo-ana' },
    });
    const second = await post(DRAFT, {
      account,
      lockedFields,
      expense: draft('sol@example.org', 'r2'),
    });
    expect(second.body.errors[0].extensions.code).toBe('RateLimitExceeded');
    clock.nowMs += 10_000;
    const third = await post(DRAFT, {
      account,
      lockedFields,
      expense: draft('sol@example.org', 'r2'),
    });
    expect(third.body.data.draftExpenseAndInviteUser.status).toBe('DRAFT');
    expect(standIn?.model.expenses.map((e) => e.invitee?.email)).toEqual([
      'river@example.org',
      'sol@example.org',
    ]);
    const mine = await post(LIST, { tag: ['cred-payout-2026-10-1'] });
    expect(mine.body.data.expenses.totalCount).toBe(2);
    expect(mine.body.data.expenses.nodes[0].customData).toEqual({ run: 'payout-2026-10-1' });
    const anonymous = await post(LIST, { tag: ['cred-payout-2026-10-1'] }, null);
    expect(anonymous.body.data.expenses.totalCount).toBe(0);
    const search = await post(LIST, { tag: ['cred-payout-2026-10-1'], searchTerm: 'r2' });
    expect(search.body.data.expenses.nodes.map((n: { reference: string }) => n.reference)).toEqual([
      'r2',
    ]);
  });

  it('answers 429 with X-RateLimit-* and Retry-After past 100 requests a minute per token', async () => {
    await start();
    const query = 'query CredViewer { loggedInAccount { slug } }';
    for (let k = 0; k < 100; k++) expect((await post(query)).status).toBe(200);
    const limited = await post(query);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: { message: 'Rate limit exceeded. Contact-us to get higher limits.' },
    });
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    clock.nowMs += 60_001;
    expect((await post(query)).status).toBe(200);
    for (let k = 0; k < 10; k++) await post(query, {}, null);
    expect((await post(query, {}, null)).status).toBe(429);
  });

  it('injectAfter(match, fault) carries the request out, then answers with the fault', async () => {
    await start();
    standIn?.injectAfter(isOperation('CredCreateExpense'), serverError());
    const failed = await post(CREATE, { account: { slug: 'lantern-labs' }, expense: expense() });
    expect(failed.status).toBe(500);
    expect(standIn?.model.expenses).toHaveLength(1);
    expect(standIn?.pendingAfterFaults()).toBe(0);
    expect(operationName(standIn!.requests[0]!)).toBe('CredCreateExpense');
    expect(standIn?.executed[0]).toMatchObject({
      operationName: 'CredCreateExpense',
      errorCodes: [],
    });
  });

  it('model.transition(expense, action) moves expenses as Open Collective allows, and refuses the rest', async () => {
    await start();
    await post(CREATE, { account: { slug: 'lantern-labs' }, expense: expense() });
    const model = standIn!.model;
    expect(() => model.transition('cred:payout-2026-10-1:abc', 'pay')).toThrow(/cannot pay/);
    expect(model.settle('cred:payout-2026-10-1:abc').status).toBe('PAID');
    expect(() => model.expense('nothing')).toThrow(/no expense/);
    const spam = await post(LIST, { status: ['PAID'] });
    expect(spam.body.data.expenses.totalCount).toBe(1);
  });

  it('parseOpenCollectiveDataset and openCollectiveSchema fail clearly on a bad dataset or a missing schema', () => {
    const dataset = fixture();
    expect(() =>
      parseOpenCollectiveDataset(
        { ...dataset, tokens: [{ value: 'x', user: 'nobody' }] },
        'd.json',
      ),
    ).toThrow(/token user "nobody"/);
    expect(() => parseOpenCollectiveDataset({ ...dataset, version: 2 }, 'd.json')).toThrow(
      ConfigError,
    );
    expect(() => openCollectiveSchema('/nonexistent/schemaV2.graphql')).toThrow(
      /schema is missing: expected it at \/nonexistent/,
    );
  });
});

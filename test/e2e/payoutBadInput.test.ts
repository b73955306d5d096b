/**
 * Bad input to the monthly payout through the built CLI: a month without cred, zero or negative
 * revenue (given, or read from Open Collective), a currency Open Collective does not keep the
 * collective's books in, a payee with neither an Open Collective account nor an email, and a
 * token without the "expenses" scope. Each is a clear error (exit code 6 for payouts, 3 for
 * configuration) or a clearly reported skip, and nothing is half-written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENCIES } from '../../src/core/currency.js';
import type { SubmitResult } from '../../src/instance/payout/submit.js';
import type { OpenCollectiveDataset } from '../../src/replay/opencollective/dataset.js';
import {
  startOpenCollectiveStandIn,
  type OpenCollectiveStandIn,
} from '../../src/replay/opencollective/openCollectiveStandIn.js';
import { OPENCOLLECTIVE_SCHEMA_FILE } from '../../src/replay/opencollective/schema.js';
import { cred, credJson, scratchDir } from './cli.js';
import { COLLECTIVE, dataset, TOKEN } from './payoutHarness.js';

interface ErrorJson {
  error: { code: string; message: string; suggestions: string[] };
}

const ENV = { OPENCOLLECTIVE_TOKEN: TOKEN };

function collective(currency = 'USD'): OpenCollectiveDataset {
  const data = dataset(
    [{ name: 'mira', slug: 'mira-oc', administered: true, cents: 0 }],
    undefined,
    currency,
  );
  data.tokens.push({
    ...data.tokens[0]!,
    value: 'test-token-no-expenses-scope',
    scopes: ['account'],
  });
  data.transactions.push({
    id: 't1',
    createdAt: '2026-10-05T10:00:00Z',
    kind: 'CONTRIBUTION',
    amountInCents: 12_000,
    netAmountInCents: 10_000,
    refunded: false,
  });
  return data;
}

/** `cred init` (example contributors mira, tomas, lin), loaded, paying through `apiUrl`. */
async function instance(apiUrl: string): Promise<string> {
  const dir = path.join(scratchDir('cred-bad-'), 'community');
  expect((await cred(['init', dir, '-q'], path.dirname(dir))).code).toBe(0);
  const file = path.join(dir, 'cred.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  config.payout = {
    ratio: '0.8',
    minimum: '5.00',
    reviewDays: 7,
    opencollective: { collective: COLLECTIVE, apiUrl },
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  writeFileSync(
    path.join(dir, 'payees.json'),
    JSON.stringify({ lin: { email: 'lin@example.org' } }),
  );
  expect((await cred(['load', '-q'], dir)).code).toBe(0);
  expect((await cred(['identity', 'set-payout', 'mira', 'mira-oc', '-q'], dir)).code).toBe(0);
  return dir;
}

describe('test/e2e/payoutBadInput', () => {
  let standIn: OpenCollectiveStandIn;
  let euros: OpenCollectiveStandIn;
  let dir: string;
  const ledger = () => readFileSync(path.join(dir, 'data', 'ledger.jsonl'), 'utf8');

  beforeAll(async () => {
    standIn = await startOpenCollectiveStandIn(collective());
    euros = await startOpenCollectiveStandIn(collective('EUR'));
    dir = await instance(standIn.apiUrl);
  });

  afterAll(async () => {
    await standIn.close();
    await euros.close();
  });

  async function fails(args: string[], code: string, env: Record<string, string> = ENV) {
    const before = ledger();
    const result = await credJson<ErrorJson>(args, dir, env);
    expect(result.json.error?.code, result.stderr).toBe(code);
    expect(ledger()).toBe(before);
    return result;
  }

  it('cred payout refuses a month without cred, and zero or negative revenue, writing nothing', async () => {
    const noCred = await fails(
      ['payout', '--month', '2025-01', '--revenue', '100'],
      'PAYOUT_NO_CRED',
    );
    expect(noCred.code).toBe(6);
    expect(noCred.json.error.message).toMatch(/2025-01: no eligible identity has cred/);
    await fails(['payout', '--month', '2026-10', '--revenue', '0'], 'PAYOUT_BAD_REVENUE');
    await fails(['payout', '--month', '2026-10', '--revenue=-25.00'], 'PAYOUT_BAD_REVENUE');
    await fails(['payout', '--month', '2026-10', '--revenue', '12.345'], 'AMOUNT_MALFORMED');
    const none = await fails(
      ['payout', '--month', '2026-09', '--revenue', 'opencollective'],
      'PAYOUT_BAD_REVENUE',
    );
    expect(none.json.error.message).toMatch(/zero from Open Collective/);
  });

  it("cred payout --revenue opencollective refuses revenue in a currency that is not the instance's", async () => {
    const file = path.join(dir, 'cred.json');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(standIn.apiUrl, euros.apiUrl));
    try {
      const result = await fails(
        ['payout', '--month', '2026-10', '--revenue', 'opencollective'],
        'PAYOUT_CURRENCY_MISMATCH',
      );
      expect(result.json.error.message).toMatch(/books in EUR, the instance in USD/);
    } finally {
      writeFileSync(file, original);
    }
    const unknown = await credJson<ErrorJson>(
      ['init', path.join(scratchDir(), 'x'), '--currency', 'XYZ'],
      dir,
    );
    expect(unknown.json.error.code).toBe('CONFIG_INVALID');
  });

  it("every currency cred accepts is one of Open Collective's", () => {
    const schema = buildSchema(readFileSync(OPENCOLLECTIVE_SCHEMA_FILE, 'utf8'));
    const known = new Set(
      (schema.getType('Currency') as GraphQLEnumType).getValues().map((v) => v.name),
    );
    expect(CURRENCIES.filter((code) => !known.has(code))).toEqual([]);
  });

  it('cred payout submit with a token lacking the "expenses" scope fails naming it; a payee with no account or email is skipped and stays owed', async () => {
    const payout = await cred(
      ['payout', '--month', '2026-10', '--revenue', 'opencollective', '--finalize', '-q'],
      dir,
      ENV,
    );
    expect(payout.code, payout.stderr).toBe(0);
    const scope = await fails(['payout', 'submit', '--month', '2026-10'], 'OPENCOLLECTIVE_SCOPE', {
      OPENCOLLECTIVE_TOKEN: 'test-token-no-expenses-scope',
    });
    expect(scope.code).toBe(6);
    expect(scope.json.error.suggestions.join(' ')).toMatch(/"expenses" scope/);
    expect(standIn.model.expenses).toHaveLength(0);
    await fails(['payout', 'submit', '--month', '2026-10'], 'OPENCOLLECTIVE_NO_TOKEN', {});
    const submit = await credJson<SubmitResult>(
      ['payout', 'submit', '--month', '2026-10'],
      dir,
      ENV,
    );
    expect(submit.code, submit.stderr).toBe(0);
    const tomas = submit.json.lines.find((line) => line.identity === 'tomas');
    expect(tomas).toMatchObject({ route: 'skip', outcome: 'skipped' });
    expect(submit.stderr).toMatch(/tomas: skipped: no Open Collective account/);
    expect(submit.json.lines.find((line) => line.identity === 'mira')?.route).toBe('createExpense');
    expect(submit.json.lines.find((line) => line.identity === 'lin')?.payee).toBe(
      'email in payees.json',
    );
    expect(standIn.model.expenses).toHaveLength(2);
    const balances = await credJson<{
      identities: { name: string; owed: string; pending: string }[];
    }>(['ledger', 'balances'], dir);
    expect(balances.json.identities.find((row) => row.name === 'tomas')?.owed).toBe(
      tomas?.amount.replace('.', ''),
    );
    const table = await cred(['payout', 'submit', '--month', '2026-10'], dir, ENV);
    expect(table.stdout).toMatch(/tomas .* skip .* skipped: no Open Collective account/);
    expect(ledger()).not.toMatch(/lin@example\.org/);
  });
});

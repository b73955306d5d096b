import { describe, expect, it } from 'vitest';
import { PayoutError } from '../../core/errors.js';
import {
  centsToMinor,
  createExpenseVariables,
  draftExpenseVariables,
  expenseReference,
  expenseTags,
  minorToCents,
  runTag,
  type ExpenseRequest,
} from './expenseInput.js';

const REQUEST: ExpenseRequest = {
  collective: 'lantern-labs',
  proposalId: 'payout-2026-10-1',
  month: '2026-10',
  identityId: '0a1b2c3d4e5f6071',
  amount: 1234n,
  currency: 'USD',
  description: 'Contributions to Lantern Labs, 2026-10',
  longDescription: 'long',
  type: 'INVOICE',
  extraTags: ['Open-Source', 'cred'],
  ledgerHead: null,
};

describe('ledger/opencollective/expenseInput', () => {
  it('expenseReference, runTag and expenseTags are derived from the run and the identity alone', () => {
    expect(expenseReference('payout-2026-10-1', 'abc')).toBe('cred:payout-2026-10-1:abc');
    expect(runTag('payout-2026-10-2')).toBe('cred-payout-2026-10-2');
    expect(expenseTags('payout-2026-10-1', ['Open-Source', 'cred'])).toEqual([
      'cred',
      'cred-payout-2026-10-1',
      'open-source',
    ]);
  });

  it('minorToCents and centsToMinor convert between minor units and Open Collective cents', () => {
    expect(minorToCents(1234n, 'USD')).toBe(1234);
    expect(minorToCents(1234n, 'JPY')).toBe(123_400);
    expect(centsToMinor(123_400, 'JPY')).toBe(1234n);
    expect(centsToMinor(100_000, 'EUR')).toBe(100_000n);
    expect(() => minorToCents(0n, 'USD')).toThrow(PayoutError);
    expect(() => minorToCents(2_147_483_648n, 'USD')).toThrow(
      /outside what Open Collective accepts/,
    );
  });

  it('createExpenseVariables(request, payee) names the payee, its payout method and the run', () => {
    const variables = createExpenseVariables(REQUEST, {
      kind: 'account',
      slug: 'river-kim',
      payoutMethod: 'po-1',
    });
    expect(variables).toEqual({
      account: { slug: 'lantern-labs' },
      expense: {
        description: REQUEST.description,
        longDescription: 'long',
        currency: 'USD',
        type: 'INVOICE',
        tags: ['cred', 'cred-payout-2026-10-1', 'open-source'],
        reference: 'cred:payout-2026-10-1:0a1b2c3d4e5f6071',
        customData: {
          tool: 'cred',
          run: 'payout-2026-10-1',
          month: '2026-10',
          identity: '0a1b2c3d4e5f6071',
          reference: 'cred:payout-2026-10-1:0a1b2c3d4e5f6071',
        },
        payee: { slug: 'river-kim' },
        payoutMethod: { publicId: 'po-1' },
        items: [
          { description: REQUEST.description, amountV2: { valueInCents: 1234, currency: 'USD' } },
        ],
      },
    });
  });

  it('draftExpenseVariables(request, payee, note) locks amount, description and type', () => {
    const byEmail = draftExpenseVariables(
      REQUEST,
      { kind: 'invite-email', email: 'river@example.org', name: 'River' },
      'note',
    );
    expect(byEmail.lockedFields).toEqual(['AMOUNT', 'DESCRIPTION', 'TYPE']);
    expect((byEmail.expense as { payee: unknown }).payee).toEqual({
      email: 'river@example.org',
      name: 'River',
    });
    expect((byEmail.expense as { recipientNote: unknown }).recipientNote).toBe('note');
    const byAccount = draftExpenseVariables(REQUEST, { kind: 'invite-account', slug: 'sol' }, 'n');
    expect((byAccount.expense as { payee: unknown }).payee).toEqual({ slug: 'sol' });
    expect((byAccount.expense as { payoutMethod?: unknown }).payoutMethod).toBeUndefined();
  });
});

/**
 * The token user's own Open Collective account routes like any account it administers
 * (docs/payouts.md): with a payout method, createExpense; without one, an invitation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { submitPayout } from '../../src/instance/payout/submit.js';
import {
  startOpenCollectiveStandIn,
  type OpenCollectiveStandIn,
} from '../../src/replay/opencollective/openCollectiveStandIn.js';
import {
  dataset,
  fakeRuntime,
  finalizedInstance,
  MAINTAINER,
  type TestPayee,
} from './payoutHarness.js';

const PAYEES: TestPayee[] = [{ name: MAINTAINER, slug: MAINTAINER, cents: 25_000 }];

describe('test/e2e/payoutOwnAccount', () => {
  let standIn: OpenCollectiveStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  it("submitPayout files createExpense to the token user's own account with its payout method", async () => {
    const runtime = fakeRuntime();
    const data = dataset(PAYEES);
    const withMethod = {
      ...data,
      accounts: data.accounts.map((account) =>
        account.slug === MAINTAINER
          ? {
              ...account,
              payoutMethods: [{ publicId: 'po-own', type: 'PAYPAL' as const, isSaved: true }],
            }
          : account,
      ),
    };
    standIn = await startOpenCollectiveStandIn(withMethod, { nowMs: runtime.nowMs });
    const instance = await finalizedInstance(PAYEES, standIn.apiUrl, runtime);
    const result = await submitPayout(instance, runtime, { month: '2026-10' });
    expect(result.lines[0]).toMatchObject({ route: 'createExpense', payee: MAINTAINER });
  });
});

/**
 * One final payout everywhere: once a month's payout is proposed (or final) its budget box is
 * closed, so `cred budget` can never show a split that was not used.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordBudgetVote } from '../../src/instance/governance/budget.js';
import { fakeRuntime, finalizedInstance, type TestPayee } from './payoutHarness.js';

const PAYEES: TestPayee[] = [{ name: 'river-kim', cents: 12_345 }];

describe('test/e2e/finalPayout', () => {
  for (const proposeOnly of [true, false]) {
    it(`recordBudgetVote refuses a vote for a month already ${proposeOnly ? 'proposed' : 'final'}, writing nothing`, async () => {
      const runtime = fakeRuntime();
      const instance = await finalizedInstance(PAYEES, 'http://127.0.0.1:9', runtime, {
        proposeOnly,
      });
      const before = readFileSync(instance.paths.ledger, 'utf8');
      await expect(
        recordBudgetVote(instance, runtime, {
          month: '2026-10',
          voter: 'river-kim',
          pairs: ['infra>media'],
        }),
      ).rejects.toMatchObject({
        code: 'BUDGET_VOTE_CLOSED',
        message: expect.stringContaining(proposeOnly ? 'already proposed' : 'already final'),
        suggestions: expect.arrayContaining([expect.stringContaining('--month 2026-11')]),
      });
      expect(readFileSync(instance.paths.ledger, 'utf8')).toBe(before);
    });
  }
});

/**
 * A year of money for the explorer benchmark: turns a scored synthetic instance into one that
 * keeps a ledger and has paid out monthly, through the real commands (`cred load` records the
 * identities, `cred payout --finalize` plans and finalizes each month), plus what the Open
 * Collective step records after each payout: an expense filed for every payment, then settled
 * (every 50th declined, the rest paid), with the reference and external ids it would use.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { LedgerEvent } from '../ledger/events.js';
import { activePayout } from '../ledger/state.js';
import { LedgerStore } from '../ledger/store.js';
import { SYNTHETIC_START_MS } from './syntheticGraph.js';

function cred(bin: string, args: readonly string[], cwd: string): void {
  execFileSync(process.execPath, ['--max-old-space-size=6144', bin, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TZ: 'UTC' },
  });
}

/** YYYY-MM of the synthetic community's `k`-th month. */
function monthName(k: number): string {
  const start = new Date(SYNTHETIC_START_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + k, 1))
    .toISOString()
    .slice(0, 7);
}

/** The expenses the Open Collective step would record for `month`'s payments. */
function expenseEvents(month: string, payments: Iterable<[string, bigint]>): LedgerEvent[] {
  const filed: LedgerEvent[] = [];
  const settled: LedgerEvent[] = [];
  let n = 0;
  for (const [identityId, amount] of payments) {
    const reference = `cred:${month}:${identityId}`;
    const externalId = `exp_${month.replace('-', '')}${String(n).padStart(5, '0')}`;
    filed.push({
      type: 'expense.file',
      reference,
      identityId,
      amount: amount.toString(),
      distributionId: `payout-${month}-1`,
      platform: 'opencollective',
      externalId,
    });
    const outcome = n % 50 === 49 ? 'declined' : 'paid';
    settled.push({ type: 'expense.settle', reference, outcome, externalId });
    n++;
  }
  return [...filed, ...settled];
}

/** `months` monthly payouts of `revenue` from the community's first month on. */
export async function addPayouts(
  bin: string,
  dir: string,
  months: number,
  revenue: string,
): Promise<void> {
  cred(bin, ['load', '-q'], dir);
  cred(bin, ['score', '-q', '--limit', '1'], dir);
  const store = new LedgerStore(path.join(dir, 'data', 'ledger.jsonl'), () => Date.now());
  for (let k = 0; k < months; k++) {
    const month = monthName(k);
    process.stderr.write(`  payout ${month}\n`);
    cred(bin, ['payout', '--month', month, '--revenue', revenue, '--finalize', '-q'], dir);
    await store.append((state) => {
      const payout = activePayout(state, month);
      return payout === undefined ? [] : expenseEvents(month, payout.payments);
    });
    cred(bin, ['payout', '--month', month, '-q'], dir);
  }
}

/**
 * Changes a maintainer makes around a month's payout: withdrawing a proposal (to propose again,
 * with new weights, say) and excluding an identity from a month (cred set to zero, with a reason
 * the public report shows) or lifting that exclusion.
 */
import { checkText } from '../../core/textInput.js';
import { PayoutError } from '../../core/errors.js';
import type { LedgerEvent } from '../../ledger/events.js';
import { activePayout } from '../../ledger/state.js';
import { findIdentity } from '../../ledger/views.js';
import type { Instance, Runtime } from '../instance.js';
import { ledgerStore } from '../ledgerStore.js';
import { monthOf, writeReport } from './payout.js';

export async function withdrawPayout(
  instance: Instance,
  runtime: Runtime,
  monthName: string,
  reason: string,
): Promise<LedgerEvent> {
  const month = monthOf(monthName);
  const why = checkText(reason, '--reason');
  let event: LedgerEvent | undefined;
  await ledgerStore(instance, runtime).append((state) => {
    const payout = activePayout(state, month.name);
    if (payout === undefined || payout.status !== 'proposed') {
      throw new PayoutError(
        'PAYOUT_NOT_OPEN',
        `${month.name} has no proposal under review${payout?.status === 'final' ? ': it is final' : ''}`,
        {
          suggestions: ['"cred payout --month M" shows the month\'s state.'],
        },
      );
    }
    return [(event = { type: 'payout.withdraw', proposalId: payout.id, reason: why })];
  });
  writeReport(instance, runtime, month.name);
  return event as LedgerEvent;
}

export async function setExclusion(
  instance: Instance,
  runtime: Runtime,
  ref: string,
  monthName: string,
  reason: string | null,
): Promise<LedgerEvent> {
  const month = monthOf(monthName);
  const why = reason === null ? null : checkText(reason, '--reason');
  let event: LedgerEvent | undefined;
  await ledgerStore(instance, runtime).append((state) => {
    const identityId = findIdentity(state, ref).id;
    return [
      (event =
        why === null
          ? { type: 'exclusion.clear', identityId, month: month.name }
          : { type: 'exclusion.set', identityId, month: month.name, reason: why }),
    ];
  });
  return event as LedgerEvent;
}

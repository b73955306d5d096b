/**
 * Applying an event to the ledger state. The same function serves new events and replay, so
 * the file can never hold an event the rules would refuse. Handlers validate everything before
 * building the new state; a rejection throws a LedgerError with a stable code and returns
 * nothing, leaving the caller's state as it was.
 */
import type { LedgerEvent } from './events.js';
import {
  addAlias,
  createIdentity,
  mergeIdentities,
  removeAlias,
  renameIdentity,
  retypeIdentity,
  setActive,
  setPayoutAddress,
  unmergeIdentity,
} from './handlers/identities.js';
import { distribute, fileExpense, settleExpense, skipExpense, transfer } from './handlers/grain.js';
import { approveQuota, planBatch, recordConfirm, recordSend } from './handlers/ktoken.js';
import { finalizePayout, proposePayout, withdrawPayout } from './handlers/payouts.js';
import {
  castBudgetVote,
  decideObjection,
  raiseObjection,
  voteOnObjection,
} from './handlers/governance.js';
import { importSourcecred } from './handlers/imports.js';
import { clearExclusion, recordWeeks, setExclusion } from './handlers/records.js';
import type { LedgerState } from './state.js';

export function applyEvent(
  state: LedgerState,
  event: LedgerEvent,
  timestampMs: number,
): LedgerState {
  switch (event.type) {
    case 'identity.create':
      return createIdentity(state, event, timestampMs);
    case 'identity.rename':
      return renameIdentity(state, event);
    case 'identity.retype':
      return retypeIdentity(state, event);
    case 'identity.addAlias':
      return addAlias(state, event);
    case 'identity.removeAlias':
      return removeAlias(state, event);
    case 'identity.merge':
      return mergeIdentities(state, event);
    case 'identity.unmerge':
      return unmergeIdentity(state, event);
    case 'identity.activate':
    case 'identity.deactivate':
      return setActive(state, event);
    case 'identity.setPayoutAddress':
      return setPayoutAddress(state, event);
    case 'cred.weeks':
      return recordWeeks(state, event);
    case 'grain.distribute':
      return distribute(state, event);
    case 'grain.transfer':
      return transfer(state, event);
    case 'expense.file':
      return fileExpense(state, event);
    case 'expense.settle':
      return settleExpense(state, event);
    case 'expense.skip':
      return skipExpense(state, event);
    case 'exclusion.set':
      return setExclusion(state, event);
    case 'exclusion.clear':
      return clearExclusion(state, event);
    case 'payout.propose':
      return proposePayout(state, event);
    case 'payout.withdraw':
      return withdrawPayout(state, event);
    case 'payout.finalize':
      return finalizePayout(state, event);
    case 'ktoken.quota':
      return approveQuota(state, event, timestampMs);
    case 'ktoken.plan':
      return planBatch(state, event, timestampMs);
    case 'ktoken.send':
      return recordSend(state, event);
    case 'ktoken.confirm':
      return recordConfirm(state, event);
    case 'objection.raise':
      return raiseObjection(state, event, timestampMs);
    case 'objection.vote':
      return voteOnObjection(state, event, timestampMs);
    case 'objection.decide':
      return decideObjection(state, event, timestampMs);
    case 'budget.vote':
      return castBudgetVote(state, event);
    case 'import.sourcecred':
      return importSourcecred(state, event, timestampMs);
  }
}

/**
 * The instance's ledger, data/ledger.jsonl: opening it with the runtime's clock, reading it for
 * commands that only look (a torn tail is reported and the intact lines are used), and the
 * two places the pipeline touches it: `cred load` records identity proposals of new accounts,
 * and `cred score` takes its identities from it.
 */
import { compareStrings } from '../core/canonicalJson.js';
import type { Identity, IdentityProposal } from '../core/identity.js';
import { identitiesFromProposals } from '../core/identityIds.js';
import { proposalEvents } from '../ledger/proposals.js';
import type { ReplayedLedger } from '../ledger/replay.js';
import { LedgerStore } from '../ledger/store.js';
import { scoringIdentities } from '../ledger/views.js';
import type { InstanceSettings, Runtime } from './instance.js';

export const LEDGER_SHOWN = 'data/ledger.jsonl';

export function ledgerStore(
  instance: InstanceSettings,
  runtime: Pick<Runtime, 'nowMs'>,
): LedgerStore {
  return new LedgerStore(instance.paths.ledger, runtime.nowMs, LEDGER_SHOWN);
}

/** Reads the ledger for a command that only looks; a torn tail is reported, not applied. */
export function readLedgerForViewing(instance: InstanceSettings, runtime: Runtime): ReplayedLedger {
  const ledger = ledgerStore(instance, runtime).read();
  if (ledger.torn !== null) {
    runtime.reporter.warn(
      `${LEDGER_SHOWN}: line ${ledger.torn.line} is incomplete (a write was cut off) and was ignored; run "cred ledger repair"`,
    );
  }
  return ledger;
}

/** Records one identity per new account; returns how many were created. */
export async function recordIdentityProposals(
  instance: InstanceSettings,
  runtime: Runtime,
  proposals: readonly IdentityProposal[],
): Promise<number> {
  const { appended } = await ledgerStore(instance, runtime).append((state) =>
    proposalEvents(state, proposals),
  );
  return appended.length;
}

/**
 * The identities to score: the ledger's (merges applied), plus a provisional identity for each
 * proposed account the ledger does not know yet (so `cred score` works before `cred load` has
 * recorded them).
 */
export function identitiesForScoring(
  instance: InstanceSettings,
  runtime: Runtime,
  proposals: readonly IdentityProposal[],
): Identity[] {
  const ledger = readLedgerForViewing(instance, runtime);
  const known = scoringIdentities(ledger.state);
  const unknown = proposals.filter((proposal) => !ledger.state.aliasOwner.has(proposal.alias));
  const taken = new Set(known.map((identity) => identity.name.toLowerCase()));
  const provisional = identitiesFromProposals(unknown).map((identity) => ({
    ...identity,
    name: taken.has(identity.name.toLowerCase()) ? `${identity.name}-new` : identity.name,
  }));
  return [...known, ...provisional].sort((a, b) => compareStrings(a.id, b.id));
}

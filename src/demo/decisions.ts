/**
 * The maintainer's decisions after the first load, recorded with the commands a maintainer
 * types: merge each person's accounts into one identity, record Open Collective profiles,
 * write the private payees.json (emails), and exclude the like ring from the month's payout
 * with a public reason. Each decision is checked against the ledger first and skipped when it
 * is already recorded, so running the demo again over the same instance records nothing twice.
 */
import { writeFileSync } from 'node:fs';
import { canonicalJsonFile } from '../core/canonicalJson.js';
import { instancePaths } from '../instance/instance.js';
import type { IdentityRow } from '../ledger/views.js';
import type { CredRunner } from './credRunner.js';
import type { Decisions } from './generate/index.js';

export interface DecisionCounts {
  merged: number;
  openCollective: number;
  emails: number;
  excluded: number;
  /** Decisions found already recorded (a second run over the same instance). */
  alreadyRecorded: number;
}

async function identities(cred: CredRunner): Promise<IdentityRow[]> {
  return (await cred.json<{ identities: IdentityRow[] }>(['identity', 'list'])).identities;
}

function ownerOf(rows: readonly IdentityRow[], account: string): IdentityRow | undefined {
  return rows.find((row) => row.aliases.includes(account));
}

export async function recordDecisions(
  cred: CredRunner,
  decisions: Decisions,
  root: string,
  month: string,
): Promise<DecisionCounts> {
  const counts: DecisionCounts = {
    merged: 0,
    openCollective: 0,
    emails: 0,
    excluded: 0,
    alreadyRecorded: 0,
  };
  let rows = await identities(cred);
  for (const { handle, accounts } of decisions.merges) {
    // The identity that keeps the person's usual name stays; the others merge into it.
    const owners = accounts.flatMap((account) => ownerOf(rows, account) ?? []);
    const base = owners.find((row) => row.name === handle) ?? owners[0];
    const targets = [...new Set(owners)].filter((row) => row !== base);
    if (base !== undefined && targets.length === 0) counts.alreadyRecorded++;
    for (const target of targets) {
      await cred.run(['identity', 'merge', base!.name, target.name], 1);
      counts.merged++;
    }
  }
  rows = await identities(cred);
  for (const { account, slug } of decisions.openCollective) {
    const row = ownerOf(rows, account);
    if (row === undefined) continue;
    if (row.openCollective === slug) counts.alreadyRecorded++;
    else {
      await cred.run(['identity', 'set-payout', row.name, slug], 1);
      counts.openCollective++;
    }
  }
  counts.emails = writePayees(root, rows, decisions);
  for (const { account, reason } of decisions.exclusions) {
    const row = ownerOf(rows, account);
    if (row === undefined) continue;
    if (row.exclusions.some((exclusion) => exclusion.month === month)) counts.alreadyRecorded++;
    else {
      await cred.run(['payout', 'exclude', row.name, '--month', month, '--reason', reason], 1);
      counts.excluded++;
    }
  }
  if (counts.alreadyRecorded > 0)
    cred.note(
      `(${counts.alreadyRecorded} of the maintainer's decisions were already in the ledger: nothing recorded twice)`,
    );
  return counts;
}

/** payees.json: emails by identity name (private: git-ignored, never in the ledger). */
function writePayees(root: string, rows: readonly IdentityRow[], decisions: Decisions): number {
  const payees: Record<string, { email: string }> = {};
  for (const { account, email } of decisions.emails) {
    const row = ownerOf(rows, account);
    if (row !== undefined) payees[row.name] = { email };
  }
  writeFileSync(instancePaths(root).payees, canonicalJsonFile(payees));
  return Object.keys(payees).length;
}

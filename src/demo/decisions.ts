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

const FIRST_LINE = { lines: 1 } as const;

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
  await mergeAccounts(cred, decisions, counts);
  const rows = await identities(cred);
  await recordPayoutProfiles(cred, rows, decisions, counts);
  counts.emails = writePayees(root, rows, decisions);
  await excludeAccounts(cred, rows, decisions, month, counts);
  if (counts.alreadyRecorded > 0)
    cred.note(
      `(${counts.alreadyRecorded} of the maintainer's decisions were already in the ledger: nothing recorded twice)`,
    );
  return counts;
}

/** One identity per person: the one with the person's usual name stays, the others join it. */
async function mergeAccounts(
  cred: CredRunner,
  decisions: Decisions,
  counts: DecisionCounts,
): Promise<void> {
  const rows = await identities(cred);
  let announced = false;
  for (const { handle, accounts } of decisions.merges) {
    const owners = accounts.flatMap((account) => ownerOf(rows, account) ?? []);
    const base = owners.find((row) => row.name === handle) ?? owners[0];
    const targets = [...new Set(owners)].filter((row) => row !== base);
    if (base !== undefined && targets.length === 0) counts.alreadyRecorded++;
    for (const target of targets) {
      if (!announced)
        cred.note('# One person, one identity: merge the accounts of people on several platforms.');
      announced = true;
      await cred.run(['identity', 'merge', base!.name, target.name], FIRST_LINE);
      counts.merged++;
    }
  }
}

async function recordPayoutProfiles(
  cred: CredRunner,
  rows: readonly IdentityRow[],
  decisions: Decisions,
  counts: DecisionCounts,
): Promise<void> {
  let announced = false;
  for (const { account, slug } of decisions.openCollective) {
    const row = ownerOf(rows, account);
    if (row === undefined) continue;
    if (row.openCollective === slug) counts.alreadyRecorded++;
    else {
      if (!announced)
        cred.note(
          '# Open Collective profiles (public); everyone else by email (payees.json, private).',
        );
      announced = true;
      await cred.run(['identity', 'set-payout', row.name, slug], FIRST_LINE);
      counts.openCollective++;
    }
  }
}

async function excludeAccounts(
  cred: CredRunner,
  rows: readonly IdentityRow[],
  decisions: Decisions,
  month: string,
  counts: DecisionCounts,
): Promise<void> {
  let announced = false;
  for (const { account, reason } of decisions.exclusions) {
    const row = ownerOf(rows, account);
    if (row === undefined) continue;
    if (row.exclusions.some((exclusion) => exclusion.month === month)) counts.alreadyRecorded++;
    else {
      if (!announced)
        cred.note(
          `# Three forum accounts like each other's every post: exclude them from ${month}.`,
        );
      announced = true;
      const args = ['payout', 'exclude', row.name, '--month', month, '--reason', reason];
      await cred.run(args, FIRST_LINE);
      counts.excluded++;
    }
  }
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

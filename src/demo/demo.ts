/**
 * The demo: a month of a fictional community's life, end to end, with no account, token or
 * network. It generates the community, serves its platforms from loopback stand-ins, writes
 * the instance, and runs what a maintainer runs: `cred load`, the identity decisions,
 * `cred score`, `cred payout` for the last complete month (finalized at once), and
 * `cred site`, then prints what happened and how to look. Run again over the same folder, it
 * finds everything recorded and records nothing new.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { VerifyReport } from '../instance/ledgerJobs.js';
import { instancePaths } from '../instance/instance.js';
import type { PayoutReport } from '../instance/payoutReport.js';
import { CredRunner } from './credRunner.js';
import { recordDecisions, type DecisionCounts } from './decisions.js';
import { demoInstant, PAYOUT_MONTH } from './generate/calendar.js';
import { FEISHU_APP } from './generate/feishu.js';
import { generateDemoCommunity, type DemoCommunity } from './generate/index.js';
import { writeDemoInstance } from './instanceFiles.js';
import { demoEnvironment, startDemoStandIns } from './standIns.js';
import { demoSummary, timingLine } from './summary.js';

/** The month's revenue the demo distributes (Open Collective's balance once it is wired). */
export const DEMO_REVENUE = '3000.00';

/** Where the demo notes which community it wrote (hidden: never served, never published). */
const STAMP = '.demo-community';

/** A digest of everything generated, to tell whether an existing demo-run/ holds this community. */
function communityDigest(community: DemoCommunity): string {
  const { github, forum, feishu, records, decisions } = community;
  const text = JSON.stringify([github, forum, feishu, [...records], decisions]);
  return `sha256:${createHash('sha256').update(text).digest('hex')}\n`;
}

function readText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export interface DemoOptions {
  readonly root: string;
  /** Start from an empty folder instead of continuing the instance there. */
  readonly fresh: boolean;
  readonly print: (text: string) => void;
}

export interface DemoOutcome {
  readonly reused: boolean;
  readonly decisions: DecisionCounts;
  readonly report: PayoutReport;
  readonly ledger: VerifyReport;
  readonly requests: Record<string, number>;
}

/** The maintainer's month, command by command. */
async function runMonth(
  cred: CredRunner,
  community: DemoCommunity,
  root: string,
): Promise<DecisionCounts> {
  cred.note('# Read what changed on every platform (the first load reads everything).');
  await cred.run(['load']);
  const decisions = await recordDecisions(cred, community.decisions, root, PAYOUT_MONTH);
  cred.note('# Score every identity, week by week.');
  await cred.run(['score']);
  cred.note(
    `# Pay ${PAYOUT_MONTH}: propose, and finalize at once (a real review lasts payout.reviewDays).`,
  );
  await cred.run(['payout', '--month', PAYOUT_MONTH, '--revenue', DEMO_REVENUE, '--finalize'], {
    lines: 8,
    rest: (more) => `… ${more} more lines in output/payouts/${PAYOUT_MONTH}.md`,
  });
  cred.note('# Build the explorer (a static site).');
  await cred.run(['site']);
  return decisions;
}

export async function runDemo(options: DemoOptions): Promise<DemoOutcome> {
  const { root, print } = options;
  const community = generateDemoCommunity();
  const digest = communityDigest(community);
  const stamp = path.join(root, STAMP);
  const changed = existsSync(root) && !options.fresh && readText(stamp) !== digest;
  if (changed && existsSync(path.join(root, 'cred.json')))
    print(`The demo community changed since ${root} was made: starting afresh.\n`);
  if (options.fresh || changed) rmSync(root, { recursive: true, force: true });
  const paths = instancePaths(root);
  const reused = existsSync(paths.config);
  const standIns = await startDemoStandIns(community, () => Date.parse(demoInstant(0)));
  try {
    writeDemoInstance(root, community, standIns.urls);
    writeFileSync(stamp, digest);
    print(
      `${reused ? 'Continuing' : 'Created'} the demo instance in ${root}: Tidepool, a fictional community of ` +
        `${community.roster.people.length} contributors on GitHub, a Discourse forum and Feishu, ` +
        `served by loopback stand-ins (no network, fake tokens).\n`,
    );
    const cred = new CredRunner({ root, env: demoEnvironment(FEISHU_APP), print });
    const decisions = await runMonth(cred, community, root);
    const ledger = await cred.json<VerifyReport>(['ledger', 'verify']);
    const reportFiles = ['md', 'json'].map((ext) =>
      path.join(paths.payouts, `${PAYOUT_MONTH}.${ext}`),
    );
    const report = JSON.parse(readFileSync(reportFiles[1]!, 'utf8')) as PayoutReport;
    print(demoSummary({ root, report, ledger, reportFiles, site: paths.site, filed: null }));
    print(`Steps: ${timingLine(cred.timings)}.\n`);
    return { reused, decisions, report, ledger, requests: standIns.requestCounts() };
  } finally {
    await standIns.close();
  }
}

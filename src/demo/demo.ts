/**
 * The demo: a month of a fictional community's life, end to end, with no account, token or
 * network. It generates the community, serves its platforms from loopback stand-ins, writes
 * the instance, and runs what a maintainer runs: `cred load`, the identity decisions,
 * `cred score`, `cred payout` for the last complete month (finalized at once), `cred payout
 * submit` and `sync` against the Open Collective stand-in, and `cred site` (month.ts), then
 * prints what happened and how to look. Run again over the same folder, it finds everything
 * recorded and records and files nothing new.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { VerifyReport } from '../instance/ledger/jobs.js';
import { instancePaths } from '../instance/instance.js';
import type { PayoutReport } from '../instance/payout/report.js';
import { CredRunner } from './credRunner.js';
import type { DecisionCounts } from './decisions.js';
import { demoInstant, PAYOUT_MONTH } from './generate/calendar.js';
import { FEISHU_APP } from './generate/feishu.js';
import { generateDemoCommunity, type DemoCommunity } from './generate/index.js';
import { writeDemoInstance } from './instanceFiles.js';
import { runMonth } from './month.js';
import { demoEnvironment, startDemoStandIns } from './standIns.js';
import { demoSummary, timingLine } from './summary.js';

/** Where the demo notes which community it wrote (hidden: never served, never published). */
const STAMP = '.demo-community';

/** A digest of everything generated, to tell whether an existing demo-run/ holds this community. */
function communityDigest(community: DemoCommunity): string {
  const { github, forum, feishu, openCollective, records, decisions } = community;
  const text = JSON.stringify([github, forum, feishu, openCollective, [...records], decisions]);
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
  readonly paidOnOpenCollective: number;
  readonly report: PayoutReport;
  readonly ledger: VerifyReport;
  readonly requests: Record<string, number>;
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
  const standIns = await startDemoStandIns(community, root, () => Date.parse(demoInstant(0)));
  try {
    writeDemoInstance(root, community, standIns.urls);
    writeFileSync(stamp, digest);
    print(
      `${reused ? 'Continuing' : 'Created'} the demo instance in ${root}: Tidepool, a fictional community of ` +
        `${community.roster.people.length} contributors on GitHub, a Discourse forum and Feishu, ` +
        `served by loopback stand-ins (no network, fake tokens).\n`,
    );
    const cred = new CredRunner({ root, env: demoEnvironment(FEISHU_APP), print });
    const month = await runMonth(cred, community, standIns, root);
    const ledger = await cred.json<VerifyReport>(['ledger', 'verify']);
    const reportFiles = ['md', 'json'].map((ext) =>
      path.join(paths.payouts, `${PAYOUT_MONTH}.${ext}`),
    );
    const report = JSON.parse(readFileSync(reportFiles[1]!, 'utf8')) as PayoutReport;
    print(demoSummary({ root, report, ledger, reportFiles, site: paths.site }));
    print(`Steps: ${timingLine(cred.timings)}.\n`);
    return { reused, ...month, report, ledger, requests: standIns.requestCounts() };
  } finally {
    await standIns.close();
  }
}

/**
 * The demo's platforms: the same loopback stand-ins the tests use, started in this process on
 * free ports (127.0.0.1 only) and serving the generated community. Their addresses change
 * from run to run, so they appear only in cred.json, never in what the instance records: the
 * forum is read through its stand-in but named by its public address (`publicUrl`), and
 * GitHub's, Feishu's and Open Collective's answers carry their own web addresses and ids.
 *
 * Open Collective remembers what was filed with it, so its expenses are kept in the demo folder
 * (`.stand-ins/opencollective.json`) between runs, as the real platform would keep them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  startDiscourseStandIn,
  type DiscourseStandIn,
} from '../replay/discourse/discourseStandIn.js';
import { parseFeishuDataset } from '../replay/feishu/dataset.js';
import { startFeishuStandIn, type FeishuStandIn } from '../replay/feishu/standIn.js';
import { startGithubStandIn, type GithubStandIn } from '../replay/github/githubStandIn.js';
import { parseOpenCollectiveDataset } from '../replay/opencollective/dataset.js';
import type { StoredExpense } from '../replay/opencollective/model.js';
import {
  startOpenCollectiveStandIn,
  type OpenCollectiveStandIn,
} from '../replay/opencollective/openCollectiveStandIn.js';
import { DEMO_TOKEN, type DemoCommunity } from './generate/index.js';

export interface DemoUrls {
  readonly githubApi: string;
  readonly discourseServer: string;
  readonly feishuDomain: string;
  readonly openCollectiveApi: string;
}

export interface DemoStandIns {
  readonly urls: DemoUrls;
  readonly openCollective: OpenCollectiveStandIn;
  /** Requests answered so far, by platform. */
  requestCounts(): Record<string, number>;
  /** Keeps Open Collective's expenses for the next run, then stops every stand-in. */
  close(): Promise<void>;
}

/** Where Open Collective's expenses are kept between runs, in the demo folder. */
export function openCollectiveStateFile(root: string): string {
  return path.join(root, '.stand-ins', 'opencollective.json');
}

export async function startDemoStandIns(
  community: DemoCommunity,
  root: string,
  nowMs: () => number,
): Promise<DemoStandIns> {
  const started: { close(): Promise<void> }[] = [];
  try {
    const github: GithubStandIn = await startGithubStandIn(community.github, {
      token: DEMO_TOKEN,
      nowMs,
      pointsPerHour: 1_000_000,
    });
    started.push(github);
    const discourse: DiscourseStandIn = await startDiscourseStandIn(community.forum, {
      apiKey: DEMO_TOKEN,
      recordedLinks: true,
    });
    started.push(discourse);
    const feishu: FeishuStandIn = await startFeishuStandIn(
      parseFeishuDataset(community.feishu, 'the demo community (Feishu)'),
    );
    started.push(feishu);
    const openCollective = await startOpenCollective(community, root, nowMs);
    started.push(openCollective);
    return {
      urls: {
        githubApi: github.apiUrl,
        discourseServer: discourse.serverUrl,
        feishuDomain: feishu.domain,
        openCollectiveApi: openCollective.apiUrl,
      },
      openCollective,
      requestCounts: () => ({
        github: github.requests.length,
        discourse: discourse.requests.length,
        feishu: feishu.requests.length,
        opencollective: openCollective.requests.length,
      }),
      close: async () => {
        keepExpenses(openCollective, root);
        await closeAll(started);
      },
    };
  } catch (error) {
    await closeAll(started);
    throw error;
  }
}

/** The Open Collective stand-in, with the expenses a previous run left on it. */
async function startOpenCollective(
  community: DemoCommunity,
  root: string,
  nowMs: () => number,
): Promise<OpenCollectiveStandIn> {
  const dataset = parseOpenCollectiveDataset(community.openCollective, 'the demo collective');
  // A fixed clock dates expenses the same on every run; the rate limit is the client's job.
  const standIn = await startOpenCollectiveStandIn(dataset, {
    nowMs,
    requestsPerMinute: 1_000_000,
  });
  const file = openCollectiveStateFile(root);
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { expenses: StoredExpense[] };
    standIn.model.expenses.push(...kept.expenses);
  }
  return standIn;
}

function keepExpenses(standIn: OpenCollectiveStandIn, root: string): void {
  if (!existsSync(root)) return;
  const file = openCollectiveStateFile(root);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ expenses: standIn.model.expenses }, null, 2)}\n`);
}

async function closeAll(servers: readonly { close(): Promise<void> }[]): Promise<void> {
  await Promise.allSettled(servers.map((server) => server.close()));
}

/**
 * The environment of the demo's `cred` processes: fake secrets, UTC, no colour, and waits that
 * take no real time (the stand-ins need none; CRED_NOW itself is set per command).
 */
export function demoEnvironment(feishuApp: {
  appId: string;
  appSecret: string;
}): NodeJS.ProcessEnv {
  return {
    TZ: 'UTC',
    NO_COLOR: '1',
    CRED_SKIP_WAITS: '1',
    GITHUB_TOKEN: DEMO_TOKEN,
    DISCOURSE_API_KEY: DEMO_TOKEN,
    DISCOURSE_API_USERNAME: 'system',
    FEISHU_APP_ID: feishuApp.appId,
    FEISHU_APP_SECRET: feishuApp.appSecret,
    OPENCOLLECTIVE_TOKEN: DEMO_TOKEN,
  };
}

/**
 * The demo's platforms: the same loopback stand-ins the tests use, started in this process on
 * free ports (127.0.0.1 only) and serving the generated community. Their addresses change
 * from run to run, so they appear only in cred.json, never in what the instance records: the
 * forum is read through its stand-in but named by its public address (`publicUrl`), and
 * GitHub's and Feishu's answers carry their own web addresses.
 */
import {
  startDiscourseStandIn,
  type DiscourseStandIn,
} from '../replay/discourse/discourseStandIn.js';
import { parseFeishuDataset } from '../replay/feishu/dataset.js';
import { startFeishuStandIn, type FeishuStandIn } from '../replay/feishu/standIn.js';
import { startGithubStandIn, type GithubStandIn } from '../replay/github/githubStandIn.js';
import type { DemoCommunity } from './generate/index.js';

/** The obviously fake secrets the demo gives its `cred` processes (and the stand-ins expect). */
export const DEMO_TOKEN = 'demo-token-not-real';

export interface DemoUrls {
  readonly githubApi: string;
  readonly discourseServer: string;
  readonly feishuDomain: string;
}

export interface DemoStandIns {
  readonly urls: DemoUrls;
  /** Requests answered so far, by platform. */
  requestCounts(): Record<string, number>;
  close(): Promise<void>;
}

export async function startDemoStandIns(
  community: DemoCommunity,
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
    return {
      urls: {
        githubApi: github.apiUrl,
        discourseServer: discourse.serverUrl,
        feishuDomain: feishu.domain,
      },
      requestCounts: () => ({
        github: github.requests.length,
        discourse: discourse.requests.length,
        feishu: feishu.requests.length,
      }),
      close: () => closeAll(started),
    };
  } catch (error) {
    await closeAll(started);
    throw error;
  }
}

async function closeAll(servers: readonly { close(): Promise<void> }[]): Promise<void> {
  await Promise.allSettled(servers.map((server) => server.close()));
}

/** The environment of the demo's `cred` processes: fake secrets, UTC, no colour. */
export function demoEnvironment(feishuApp: {
  appId: string;
  appSecret: string;
}): NodeJS.ProcessEnv {
  return {
    TZ: 'UTC',
    NO_COLOR: '1',
    GITHUB_TOKEN: DEMO_TOKEN,
    DISCOURSE_API_KEY: DEMO_TOKEN,
    DISCOURSE_API_USERNAME: 'system',
    FEISHU_APP_ID: feishuApp.appId,
    FEISHU_APP_SECRET: feishuApp.appSecret,
    OPENCOLLECTIVE_TOKEN: DEMO_TOKEN,
  };
}

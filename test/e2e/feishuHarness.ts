/**
 * Running the Feishu plugin's load against the loopback stand-in with an injected clock and
 * sleep (delays are asserted, never waited): shared by the Feishu load tests.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SILENT_REPORTER, type PluginContext } from '../../src/core/plugin.js';
import type { FeishuConfig } from '../../src/plugins/feishu/config.js';
import { feishuPlugin } from '../../src/plugins/feishu/index.js';
import {
  parseDatasetMessage,
  parseFeishuDataset,
  type FeishuDataset,
} from '../../src/replay/feishu/dataset.js';
import { startFeishuStandIn, type FeishuStandIn } from '../../src/replay/feishu/standIn.js';
import { PROJECT, scratchDir } from './cli.js';

const FIXTURE = path.join(PROJECT, 'test/fixtures/feishu/community.json');
export const ENV = {
  FEISHU_APP_ID: 'cli_test_not_real',
  FEISHU_APP_SECRET: 'test-secret-not-real',
};
export const NOW_MS = Date.UTC(2026, 10, 2, 10);
const { description: _about, ...SETTINGS } = JSON.parse(
  readFileSync(path.join(PROJECT, 'test/fixtures/feishu/plugin-settings.json'), 'utf8'),
);
export const TASK_TABLE = SETTINGS.tables[0];

const running: FeishuStandIn[] = [];

/** Closes every stand-in `setup` started (call in afterEach). */
export async function closeFeishuStandIns(): Promise<void> {
  for (const standIn of running.splice(0)) await standIn.close();
}

/** The community fixture, parsed afresh (tests change their copy). */
export function communityDataset(): FeishuDataset {
  return parseFeishuDataset(JSON.parse(readFileSync(FIXTURE, 'utf8')), FIXTURE);
}

export interface Setup {
  readonly standIn: FeishuStandIn;
  readonly context: PluginContext<FeishuConfig>;
  readonly sleeps: number[];
  readonly progress: string[];
  readonly cacheFile: string;
}

export async function setup(
  options: {
    maxPageItems?: number;
    config?: Record<string, unknown>;
    env?: object;
    dataset?: FeishuDataset;
  } = {},
): Promise<Setup> {
  const dataset = options.dataset ?? communityDataset();
  const standIn = await startFeishuStandIn(dataset, { maxPageItems: options.maxPageItems ?? 2 });
  running.push(standIn);
  const dir = scratchDir('cred-feishu-');
  mkdirSync(path.join(dir, 'cache'));
  const sleeps: number[] = [];
  const progress: string[] = [];
  const config = feishuPlugin.parseConfig(
    {
      ...SETTINGS,
      domain: standIn.domain,
      tables: [TASK_TABLE],
      ...options.config,
    },
    'cred.json (plugins.feishu)',
  );
  const context: PluginContext<FeishuConfig> = {
    config,
    instanceDir: dir,
    cacheDir: path.join(dir, 'cache'),
    env: { ...ENV, ...options.env },
    reporter: { ...SILENT_REPORTER, progress: (message) => progress.push(message) },
    nowMs: () => NOW_MS,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
  return { standIn, context, sleeps, progress, cacheFile: path.join(dir, 'cache/feishu.sqlite') };
}

export const load = (context: PluginContext<FeishuConfig>) => feishuPlugin.load!(context);

/** Every row of every table of the mirror, for "the cache did not change" assertions. */

export const TOPICS = 'oc_fake_topics';

/** A message in the dataset's shape. */
export const datasetMessage = (json: Record<string, unknown>) => parseDatasetMessage(json);
const message = datasetMessage;

/** The community plus a topic group: two threads, the first active lately, the second quiet. */
export function withTopicGroup(): FeishuDataset {
  const dataset = communityDataset();
  dataset.chats.push({
    chatId: TOPICS,
    name: '话题讨论',
    members: ['ou_fake_lin', 'ou_fake_chen', 'ou_fake_wang'],
    messages: [
      message({
        id: 'om_topic_1',
        sender: 'ou_fake_lin',
        time: '2026-10-20T02:00:00Z',
        text: '新话题',
        thread: 'omt_fake_1',
      }),
      message({
        id: 'om_topic_1_r1',
        sender: 'ou_fake_chen',
        time: '2026-10-21T02:00:00Z',
        text: '同意 @_user_1',
        mentions: ['ou_fake_lin'],
        thread: 'omt_fake_1',
        root: 'om_topic_1',
        parent: 'om_topic_1',
        reactions: [{ emoji: 'THUMBSUP', by: 'ou_fake_wang', time: '2026-10-21T03:00:00Z' }],
      }),
      message({
        id: 'om_topic_1_r2',
        sender: 'ou_fake_wang',
        time: '2026-10-22T02:00:00Z',
        text: '我来做',
        thread: 'omt_fake_1',
        root: 'om_topic_1',
        parent: 'om_topic_1',
      }),
      message({
        id: 'om_topic_2',
        sender: 'ou_fake_chen',
        time: '2026-10-01T02:00:00Z',
        text: '旧话题',
        thread: 'omt_fake_2',
      }),
      message({
        id: 'om_topic_2_r1',
        sender: 'ou_fake_lin',
        time: '2026-10-02T02:00:00Z',
        text: '收到',
        thread: 'omt_fake_2',
        root: 'om_topic_2',
        parent: 'om_topic_2',
      }),
    ],
  });
  return dataset;
}

/**
 * Feishu topic groups and "try again later" answers, against the stand-in: replies in topic
 * threads (listed only with `container_id_type=thread`) are read with their reactions and
 * mentions, and re-read while the thread is active; code 1254607 ("Data not ready", HTTP 200)
 * is retried with growing delays and announced, not reported as a missing scope.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hasPrefix } from '../../src/core/address.js';
import { MENTIONS_PREFIX, REACTS_TO_PREFIX } from '../../src/plugins/feishu/declaration.js';
import { feishuPlugin } from '../../src/plugins/feishu/index.js';
import { DATA_NOT_READY } from '../../src/replay/feishu/answers.js';
import { isFeishuCall } from '../../src/replay/feishu/standIn.js';
import {
  closeFeishuStandIns,
  datasetMessage as message,
  load,
  setup,
  TOPICS,
  withTopicGroup,
} from './feishuHarness.js';

afterEach(closeFeishuStandIns);

const topicConfig = { chats: [TOPICS], wikiSpaces: [], tables: [] };

describe('test/e2e/feishuThreads', () => {
  it('reads the replies of topic threads, with their reactions and mentions', async () => {
    const { standIn, context } = await setup({ dataset: withTopicGroup(), config: topicConfig });
    const summary = await load(context);
    const threadCalls = standIn.requests.filter(
      (r) => isFeishuCall(r, 'im/v1/messages') && r.query.container_id_type === 'thread',
    );
    expect(threadCalls.map((r) => r.query.container_id)).toEqual(['omt_fake_1', 'omt_fake_2']);
    expect(threadCalls.every((r) => r.query.start_time === undefined)).toBe(true);
    expect(summary.items).toMatchObject({ people: 3, messages: 5, reactions: 1 });
    const graph = await feishuPlugin.graph(context);
    const reply = [...graph.nodes()].find((node) => node.description.includes('同意'));
    expect(reply).toBeDefined();
    const edges = [...graph.edges()];
    const mention = edges.find(
      (e) => hasPrefix(e.address, MENTIONS_PREFIX) && e.src === reply!.address,
    );
    expect(mention).toBeDefined();
    const reacted = edges.find(
      (e) => hasPrefix(e.address, REACTS_TO_PREFIX) && e.dst === reply!.address,
    );
    expect(reacted).toBeDefined();
  });

  it('re-reads the threads active within rereadDays and sees their new replies', async () => {
    const { standIn, context } = await setup({ dataset: withTopicGroup(), config: topicConfig });
    await load(context);
    standIn.data.chats.at(-1)!.messages.push(
      message({
        id: 'om_topic_1_r3',
        sender: 'ou_fake_lin',
        time: '2026-10-23T02:00:00Z',
        text: '完成',
        thread: 'omt_fake_1',
        root: 'om_topic_1',
        parent: 'om_topic_1',
      }),
    );
    standIn.requests.length = 0;
    const summary = await load(context);
    const threadCalls = standIn.requests.filter((r) => r.query.container_id_type === 'thread');
    expect(new Set(threadCalls.map((r) => r.query.container_id))).toEqual(new Set(['omt_fake_1']));
    const source = summary.report?.sources[0];
    expect(source?.kinds).toContainEqual({ kind: 'messages', new: 1, changed: 0, unchanged: 3 });
    expect(source?.fullRefresh).toBe(false);
  });

  it('retries code 1254607 ("Data not ready", HTTP 200) with growing delays and says so', async () => {
    const { standIn, context, sleeps, progress } = await setup();
    const search = (r: { path: string }) => r.path.endsWith('/records/search');
    standIn.inject(search, DATA_NOT_READY, 2);
    const summary = await load(context);
    expect(sleeps).toEqual([1000, 4000]);
    expect(progress.filter((line) => line.includes('code 1254607'))).toHaveLength(2);
    expect(progress.find((line) => line.includes('code 1254607'))).toMatch(
      /Data not ready, please try again later.*waiting 1 s/,
    );
    const table = summary.report?.sources.find((s) => s.source === 'table tblFakeTasks01');
    expect(table?.retries).toBe(2);
    expect(summary.items.rows).toBe(11);
  });

  it('gives up on a code 1254607 that persists with a "try again later" error, not a scope hint', async () => {
    const { standIn, context } = await setup();
    standIn.inject((r) => r.path.endsWith('/records/search'), DATA_NOT_READY, 10);
    await expect(load(context)).rejects.toMatchObject({
      code: 'FEISHU_NOT_READY',
      message: expect.stringContaining('code 1254607'),
      suggestions: [expect.stringContaining('run "cred load" again in a few minutes')],
    });
  });
});

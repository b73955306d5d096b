/**
 * The Feishu plugin's load, run with the real @larksuiteoapi/node-sdk against the loopback
 * stand-in: the token call, paging, rate limits, server errors, malformed answers, token
 * refresh and incremental loads. (Here rather than beside the plugin because a plugin may not
 * import src/replay.) Sleeps and the clock are injected: delays are asserted, never waited.
 */
import * as lark from '@larksuiteoapi/node-sdk';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SILENT_REPORTER } from '../../src/core/plugin.js';
import { createFeishuHttp } from '../../src/plugins/feishu/http.js';
import { feishuPlugin } from '../../src/plugins/feishu/index.js';
import { parseDatasetMessage } from '../../src/replay/feishu/dataset.js';
import { isFeishuCall, type FeishuStandIn } from '../../src/replay/feishu/standIn.js';
import type { LoggedRequest } from '../../src/replay/standIn.js';
import { closeFeishuStandIns, ENV, load, NOW_MS, setup, TASK_TABLE } from './feishuHarness.js';

afterEach(closeFeishuStandIns);

function dumpCache(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    return JSON.stringify(
      tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]),
    );
  } finally {
    db.close();
  }
}

function count(file: string, sql: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

const calls = (s: FeishuStandIn, api: string) => s.requests.filter((r) => isFeishuCall(r, api));
const messagesPage = (token: string) => (r: LoggedRequest) =>
  isFeishuCall(r, 'im/v1/messages') &&
  r.query.container_id === 'oc_fake_volunteers' &&
  r.query.page_token === token;

describe('test/e2e/feishuLoad', () => {
  it('load(ctx) pages every listing with page_token and has_more through the real SDK', async () => {
    const { standIn, context, cacheFile } = await setup();
    const summary = await load(context);
    // 8 chat memberships of 6 people; a first load changes no row, it finds 11 new ones.
    expect(summary.items).toEqual({
      people: 6,
      messages: 14,
      reactions: 8,
      documents: 6,
      rows: 11,
    });
    const table = summary.report?.sources.find((s) => s.source === 'table tblFakeTasks01');
    expect(table?.kinds).toEqual([{ kind: 'rows', new: 11, changed: 0, unchanged: 0 }]);
    expect(summary.report?.sources.map((s) => s.requests).reduce((a, b) => a + b)).toBe(
      summary.requests,
    );
    expect(summary.requests).toBe(standIn.requests.length);
    expect(standIn.tokens).toEqual(['t-test-token-not-real-1']);
    const api = standIn.requests.slice(1);
    expect(api.every((r) => r.headers.authorization === 'Bearer t-test-token-not-real-1')).toBe(
      true,
    );
    const volunteers = calls(standIn, 'im/v1/messages').filter(
      (r) => r.query.container_id === 'oc_fake_volunteers',
    );
    expect(volunteers.map((r) => r.query.page_token)).toEqual([
      undefined,
      'pt-2',
      'pt-4',
      'pt-6',
      'pt-8',
      'pt-10',
    ]);
    expect(volunteers[0]?.query).toMatchObject({
      container_id_type: 'chat',
      start_time: '0',
      sort_type: 'ByCreateTimeAsc',
      page_size: '50',
    });
    const topNodes = calls(standIn, 'wiki/v2/spaces/7300000000000000001/nodes').filter(
      (r) => r.query.parent_node_token === undefined,
    );
    expect(topNodes.map((r) => r.query.page_token)).toEqual([undefined, 'pe-2', 'pt-2']);
    const search = calls(
      standIn,
      'bitable/v1/apps/bascnFakeKToken0001/tables/tblFakeTasks01/records/search',
    );
    expect(search.map((r) => [r.method, r.query.page_token])).toEqual([
      ['POST', undefined],
      ['POST', 'pt-2'],
      ['POST', 'pt-4'],
      ['POST', 'pt-6'],
      ['POST', 'pt-8'],
      ['POST', 'pt-10'],
    ]);
    expect(search[0]?.body).toEqual({ automatic_fields: true });
    const reacted = standIn.requests
      .filter((r) => r.path.endsWith('/reactions'))
      .map((r) => r.path.split('/').at(-2));
    expect(reacted).not.toContain('om_fake_006'); // sticker
    expect(reacted).not.toContain('om_fake_007'); // recalled
    expect(count(cacheFile, 'SELECT count(*) FROM messages')).toBe(14);
    expect(count(cacheFile, 'SELECT count(*) FROM records')).toBe(11);
  });

  it.each([
    ['HTTP 429', 429],
    ['legacy HTTP 400', 400],
    ['HTTP 200', 200],
  ])(
    'a rate limit (%s, code 99991400) on page 3 waits x-ogw-ratelimit-reset and loses nothing',
    async (_label, status) => {
      const { standIn, context, sleeps, progress, cacheFile } = await setup();
      standIn.inject(messagesPage('pt-4'), {
        status,
        headers: { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '3' },
        body: { code: 99991400, msg: 'request trigger frequency limit' },
      });
      const summary = await load(context);
      expect(sleeps).toEqual([3000]);
      expect(progress).toContainEqual(
        `feishu: rate limited on GET ${standIn.domain}/open-apis/im/v1/messages; waiting 3 s, resuming at 2026-11-02T10:00:03.000Z`,
      );
      expect(standIn.pendingFaults()).toBe(0);
      expect(
        count(cacheFile, "SELECT count(*) FROM messages WHERE chat_id = 'oc_fake_volunteers'"),
      ).toBe(12);
      expect(summary.notes).toContain('1 rate-limit waits and 0 retries, 3 s in all');
    },
  );

  it('a rate limit that does not lift fails loudly after 10 waits (10 s each without a reset header)', async () => {
    const { standIn, context, sleeps } = await setup();
    standIn.inject(
      (r) => isFeishuCall(r, 'im/v1/chats/oc_fake_volunteers'),
      { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' } },
      11,
    );
    await expect(load(context)).rejects.toMatchObject({
      name: 'PluginFetchError',
      code: 'FEISHU_RATE_LIMITED',
      status: 429,
      message: expect.stringMatching(/is still rate limited after 10 waits$/),
    });
    expect(sleeps).toEqual(Array.from({ length: 10 }, () => 10_000));
  });

  it("the SDK's listWithIterator ends early on the same 429 unless given the plugin's HTTP instance", async () => {
    const { standIn } = await setup();
    const list = async (httpInstance?: unknown) => {
      standIn.inject(messagesPage('pt-4'), {
        status: 429,
        headers: { 'x-ogw-ratelimit-reset': '0' },
        body: { code: 99991400, msg: 'request trigger frequency limit' },
      });
      const client = new lark.Client({
        ...{ appId: ENV.FEISHU_APP_ID, appSecret: ENV.FEISHU_APP_SECRET, domain: standIn.domain },
        cache: new lark.DefaultCache(),
        logger: { error() {}, warn() {}, info() {}, debug() {}, trace() {} },
        ...(httpInstance === undefined ? {} : { httpInstance: httpInstance as never }),
      });
      const iterator = await client.im.message.listWithIterator({
        params: { container_id_type: 'chat', container_id: 'oc_fake_volunteers', page_size: 50 },
      });
      let items = 0;
      for await (const page of iterator) items += page?.items?.length ?? 0;
      return items;
    };
    expect(await list()).toBe(4);
    const http = createFeishuHttp({
      sleep: async () => {},
      nowMs: () => NOW_MS,
      reporter: SILENT_REPORTER,
    });
    expect(await list(http.instance)).toBe(12);
  });

  it('server errors and dropped connections are retried a bounded number of times', async () => {
    const { standIn, context, sleeps } = await setup();
    standIn.inject((r) => isFeishuCall(r, 'im/v1/chats/oc_fake_volunteers'), { status: 503 }, 2);
    standIn.inject((r) => isFeishuCall(r, 'wiki/v2/spaces/7300000000000000001'), { hangUp: true });
    await load(context);
    expect(sleeps).toEqual([1000, 4000, 1000]);
    expect(standIn.pendingFaults()).toBe(0);
  });

  it('a server error that persists fails the load loudly, keeping the pages before it', async () => {
    const { standIn, context, sleeps, cacheFile } = await setup({ config: { rereadDays: 0 } });
    standIn.inject(messagesPage('pt-6'), { status: 500, body: { code: 1, msg: 'internal' } }, 4);
    await expect(load(context)).rejects.toMatchObject({
      name: 'PluginFetchError',
      code: 'FEISHU_HTTP_ERROR',
      status: 500,
      message: expect.stringMatching(
        /im\/v1\/messages answered HTTP 500: code 1 internal after 3 retries$/,
      ),
    });
    expect(sleeps).toEqual([1000, 4000, 16000]);
    expect(count(cacheFile, 'SELECT count(*) FROM messages')).toBe(6);
    const watermark = count(
      cacheFile,
      "SELECT watermark_ms FROM chats WHERE chat_id = 'oc_fake_volunteers'",
    );
    expect(watermark).toBe(Date.UTC(2026, 9, 8, 1)); // the 6th message: the resume point
    standIn.requests.length = 0;
    await load(context);
    const resumed = calls(standIn, 'im/v1/messages').find(
      (r) => r.query.container_id === 'oc_fake_volunteers',
    );
    expect(resumed?.query.start_time).toBe(String(watermark / 1000));
    expect(count(cacheFile, 'SELECT count(*) FROM messages')).toBe(14);
  });

  it.each([
    ['a body that is not JSON', 'not json{', /the answer is not a JSON object: "not json\{"/],
    [
      'an item without its id',
      { code: 0, data: { has_more: false, items: [{ msg_type: 'text' }] } },
      /data field "items.0.message_id"|missing field "items.0.message_id"/,
    ],
    [
      'more pages but no token',
      { code: 0, data: { has_more: true, items: [] } },
      /has_more is true but there is no page_token/,
    ],
    ['no code', { data: {} }, /no numeric "code"/],
  ])(
    'a malformed answer (%s) raises FEISHU_MALFORMED and leaves the cache intact',
    async (_label, body, message) => {
      const { standIn, context, cacheFile } = await setup();
      await load(context);
      const before = dumpCache(cacheFile);
      standIn.data.chats[0]!.messages.push(
        parseDatasetMessage({
          id: 'om_fake_013',
          sender: 'ou_fake_lin',
          time: '2026-10-30T01:00:00Z',
          text: 'new',
        }),
      );
      standIn.inject((r) => isFeishuCall(r, 'im/v1/messages'), { status: 200, body });
      await expect(load(context)).rejects.toMatchObject({
        name: 'PluginFetchError',
        code: 'FEISHU_MALFORMED',
        message: expect.stringMatching(message),
      });
      expect(dumpCache(cacheFile)).toBe(before);
    },
  );

  it('a malformed page in the middle of a table listing deletes no row', async () => {
    const { standIn, context, cacheFile } = await setup({ config: { chats: [], wikiSpaces: [] } });
    await load(context);
    standIn.inject((r) => r.path.endsWith('/records/search') && r.query.page_token === 'pt-4', {
      status: 200,
      body: { code: 0, data: { has_more: false, items: [{ record_id: 'recX', fields: 'oops' }] } },
    });
    await expect(load(context)).rejects.toMatchObject({ code: 'FEISHU_MALFORMED' });
    expect(count(cacheFile, 'SELECT count(*) FROM records')).toBe(11);
  });

  it('a business error with HTTP 200 fails with its code; an unknown chat with HTTP 400', async () => {
    const { standIn, context } = await setup();
    standIn.inject((r) => isFeishuCall(r, 'im/v1/chats/oc_fake_volunteers/members'), {
      status: 200,
      body: { code: 232011, msg: 'Bot is not in the chat.' },
    });
    await expect(load(context)).rejects.toMatchObject({
      code: 'FEISHU_API_ERROR',
      message: expect.stringContaining('code 232011 Bot is not in the chat.'),
    });
    const unknown = await setup({ config: { chats: ['oc_fake_elsewhere'] } });
    await expect(load(unknown.context)).rejects.toMatchObject({
      code: 'FEISHU_HTTP_ERROR',
      status: 400,
    });
  });

  it('wrong or missing credentials fail clearly and the secret appears nowhere', async () => {
    const wrong = await setup({ env: { FEISHU_APP_SECRET: 'wrong-secret-value' } });
    const error = await load(wrong.context).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'PluginFetchError', code: 'FEISHU_AUTH_FAILED' });
    expect((error as Error).message).toMatch(/code: 10014, msg: app secret invalid/);
    expect(JSON.stringify(error)).not.toContain('wrong-secret-value');
    expect(String((error as Error).stack)).not.toContain('wrong-secret-value');
    const missing = await setup({ env: { FEISHU_APP_ID: '' } });
    await expect(load(missing.context)).rejects.toMatchObject({
      code: 'FEISHU_CREDENTIALS_MISSING',
    });
    expect(missing.standIn.requests).toEqual([]);
  });

  it('a token that expires mid-load is dropped, renewed once, and nothing is lost', async () => {
    const { standIn, context, cacheFile } = await setup();
    let revoked = false;
    standIn.inject((r) => {
      if (!revoked && r.path.endsWith('/reactions')) {
        revoked = true;
        standIn.revokeTokens();
      }
      return false;
    }, {});
    const summary = await load(context);
    expect(standIn.tokens).toHaveLength(2);
    expect(count(cacheFile, 'SELECT count(*) FROM reactions')).toBe(8);
    expect(summary.report?.tokenRenewals).toBe(1);
    expect(summary.notes).toContain('the tenant token expired and was renewed 1 times');
  });

  it('a second load asks only for what changed and sees new, edited and deleted things', async () => {
    const { standIn, context, cacheFile } = await setup({ config: { rereadDays: 0 } });
    await load(context);
    const dataset = standIn.data;
    dataset.chats[0]!.messages.push(
      parseDatasetMessage({
        id: 'om_fake_013',
        sender: 'ou_fake_lin',
        time: '2026-10-30T01:00:00Z',
        text: 'new',
      }),
    );
    const sheet = dataset.wikiSpaces[0]!.nodes.find((node) => node.token === 'wikcnFakeSheet03')!;
    sheet.edited = Date.UTC(2026, 9, 30, 8);
    sheet.lastEditor = 'ou_fake_sun';
    const tasks = dataset.bitables[0]!.tables[0]!;
    tasks.records = tasks.records.filter((record) => record.id !== 'recFake11');
    tasks.records[0]!.modified = Date.UTC(2026, 9, 30);
    standIn.requests.length = 0;
    const summary = await load(context);
    const first = calls(standIn, 'im/v1/messages').find(
      (r) => r.query.container_id === 'oc_fake_volunteers',
    );
    expect(first?.query.start_time).toBe(String(Date.UTC(2026, 9, 27, 5) / 1000));
    expect(summary.items).toEqual({
      people: 6,
      messages: 3, // the last message seen in each chat again, and the new one
      reactions: 1,
      documents: 6,
      rows: 10,
      'rows changed': 1,
    });
    const volunteers = summary.report?.sources.find((s) => s.source === 'chat oc_fake_volunteers');
    expect(volunteers?.kinds).toContainEqual({
      kind: 'messages',
      new: 1,
      changed: 0,
      unchanged: 1,
    });
    expect(summary.notes).toContain('table tblFakeTasks01: 1 rows were deleted');
    expect(calls(standIn, 'drive/v1/metas/batch_query').map((r) => r.body)).toEqual([
      { request_docs: [{ doc_token: 'shtcnFakeSheet03', doc_type: 'sheet' }], with_url: true },
    ]);
    expect(
      count(cacheFile, "SELECT count(*) FROM doc_edits WHERE obj_token = 'shtcnFakeSheet03'"),
    ).toBe(2);
    expect(count(cacheFile, 'SELECT count(*) FROM messages')).toBe(15);
    const reread = await setup({ config: { rereadDays: 7 } });
    await load(reread.context);
    reread.standIn.requests.length = 0;
    await load(reread.context);
    const again = calls(reread.standIn, 'im/v1/messages')[0];
    expect(again?.query.start_time).toBe(
      String((Date.UTC(2026, 9, 27, 5) - 7 * 86_400_000) / 1000),
    );
  });

  it('a configured column the table lacks stops the load before any row is read', async () => {
    const { standIn, context } = await setup({
      config: { chats: [], wikiSpaces: [], tables: [{ ...TASK_TABLE, pointsField: '分数' }] },
    });
    await expect(load(context)).rejects.toMatchObject({
      name: 'ConfigError',
      code: 'FEISHU_UNKNOWN_COLUMN',
      message: expect.stringContaining('table tblFakeTasks01 has no column "分数"'),
    });
    expect(standIn.requests.filter((r) => r.path.endsWith('/records/search'))).toEqual([]);
  });

  it('graph(ctx) before any load holds only the containers and says the tables wait for a load', async () => {
    const { context } = await setup();
    const warnings: string[] = [];
    const graph = await feishuPlugin.graph({
      ...context,
      reporter: { ...SILENT_REPORTER, warn: (message) => warnings.push(message) },
    });
    expect([...graph.nodes()].map((node) => node.address).sort()).toEqual([
      'feishu/chat/oc_fake_translation',
      'feishu/chat/oc_fake_volunteers',
      'feishu/space/7300000000000000001',
      'feishu/table/bascnFakeKToken0001/tblFakeTasks01',
    ]);
    expect(warnings).toEqual([
      'feishu: 任务积分表 has not been loaded yet: run "cred load feishu"',
    ]);
    expect(await feishuPlugin.identities(context)).toEqual([]);
  });

  it('graph(ctx) after a load points chat links at wiki documents and names every account', async () => {
    const { context } = await setup();
    await load(context);
    const graph = await feishuPlugin.graph(context);
    const targets = (messageId: string) =>
      [...graph.edges()]
        .filter((edge) => edge.src === `feishu/message/oc_fake_volunteers/${messageId}`)
        .map((edge) => edge.dst);
    expect(targets('om_fake_001')).toContain(
      'feishu/doc/7300000000000000001/docx/doxcnFakeHandbook01',
    );
    expect(targets('om_fake_005')).toContain(
      'feishu/doc/7300000000000000001/docx/doxcnFakeRecap04',
    );
    const proposals = await feishuPlugin.identities(context);
    expect(proposals.map((p) => [p.alias, p.name, p.type])).toEqual([
      ['feishu/bot/cli_fake_meeting_bot', 'cli_fake_meeting_bot', 'bot'],
      ['feishu/user/ou_fake_chen', '陈晓雨', 'user'],
      ['feishu/user/ou_fake_li', '李安', 'user'],
      ['feishu/user/ou_fake_lin', '林舟', 'user'],
      ['feishu/user/ou_fake_sun', '孙木', 'user'],
      ['feishu/user/ou_fake_wang', '王一帆', 'user'],
      ['feishu/user/ou_fake_zhao', '赵星河', 'user'],
    ]);
    const record = graph.node(
      'feishu/record/bascnFakeKToken0001/tblFakeTasks01/recFake05' as never,
    );
    expect(record).toMatchObject({
      weight: 4,
      timestampMs: Date.UTC(2026, 9, 19, 12), // Monday 19 October in UTC+8, not Sunday in UTC
      container: 'feishu/table/bascnFakeKToken0001/tblFakeTasks01',
    });
  });
});

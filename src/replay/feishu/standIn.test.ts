import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFeishuDataset } from './dataset.js';
import { feishuApiPath, startFeishuStandIn, type FeishuStandIn } from './standIn.js';

const FIXTURE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test/fixtures/feishu/community.json',
);
const dataset = () => parseFeishuDataset(JSON.parse(readFileSync(FIXTURE, 'utf8')), FIXTURE);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely here
type Json = any;

let standIn: FeishuStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function call(
  method: string,
  api: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, Json> }> {
  const response = await fetch(`${standIn!.domain}/open-apis/${api}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, Json> };
}

async function token(): Promise<string> {
  const { body } = await call('POST', 'auth/v3/tenant_access_token/internal', {
    body: { app_id: 'cli_test_not_real', app_secret: 'test-secret-not-real' },
  });
  return body.tenant_access_token as string;
}

describe('replay/feishu/standIn', () => {
  it('startFeishuStandIn(dataset) issues tokens only for the app and refuses calls without one', async () => {
    standIn = await startFeishuStandIn(dataset());
    const wrong = await call('POST', 'auth/v3/tenant_access_token/internal', {
      body: { app_id: 'cli_test_not_real', app_secret: 'nope' },
    });
    expect(wrong.body).toMatchObject({ code: 10014 });
    const issued = await call('POST', 'auth/v3/tenant_access_token/internal', {
      body: { app_id: 'cli_test_not_real', app_secret: 'test-secret-not-real' },
    });
    expect(issued.body).toMatchObject({ code: 0, expire: 7200 });
    expect(issued.body.tenant_access_token).toMatch(/^t-test-token-not-real-/);
    expect(await call('GET', 'im/v1/chats/oc_fake_volunteers')).toMatchObject({
      status: 400,
      body: { code: 99991661 },
    });
    const good = await call('GET', 'im/v1/chats/oc_fake_volunteers', {
      token: issued.body.tenant_access_token,
    });
    expect(good.body).toMatchObject({ code: 0, data: { name: '开源社 · 志愿者群' } });
    standIn.revokeTokens();
    const expired = await call('GET', 'im/v1/chats/oc_fake_volunteers', {
      token: issued.body.tenant_access_token,
    });
    expect(expired).toMatchObject({ status: 400, body: { code: 99991663 } });
    expect(standIn.requests.map(feishuApiPath)[0]).toBe('auth/v3/tenant_access_token/internal');
  });

  it('serves messages oldest first from start_time, 50 a page at most, with mentions and app senders', async () => {
    standIn = await startFeishuStandIn(dataset());
    const t = await token();
    const from = Date.UTC(2026, 9, 13) / 1000;
    const page = await call(
      'GET',
      `im/v1/messages?container_id_type=chat&container_id=oc_fake_volunteers&start_time=${from}&page_size=2`,
      { token: t },
    );
    expect(page.body.data.has_more).toBe(true);
    expect(page.body.data.items.map((m: { message_id: string }) => m.message_id)).toEqual([
      'om_fake_008',
      'om_fake_009',
    ]);
    expect(page.body.data.items[0]).toMatchObject({
      create_time: String(Date.UTC(2026, 9, 13, 6)),
      sender: { id: 'ou_fake_lin', id_type: 'open_id', sender_type: 'user' },
      body: { content: JSON.stringify({ text: '@_user_1 @_user_2 文案终稿已提交' }) },
      mentions: [
        { key: '@_user_1', id: 'ou_fake_chen', name: '陈晓雨' },
        { key: '@_user_2', id: 'ou_fake_wang', name: '王一帆' },
      ],
    });
    const next = await call(
      'GET',
      `im/v1/messages?container_id_type=chat&container_id=oc_fake_volunteers&start_time=${from}&page_size=2&page_token=${page.body.data.page_token}`,
      { token: t },
    );
    expect(next.body.data.items.map((m: { message_id: string }) => m.message_id)).toEqual([
      'om_fake_010',
      'om_fake_011',
    ]);
    const all = await call(
      'GET',
      'im/v1/messages?container_id_type=chat&container_id=oc_fake_volunteers&page_size=50',
      { token: t },
    );
    const bot = all.body.data.items.find(
      (m: { message_id: string }) => m.message_id === 'om_fake_004',
    );
    expect(bot.sender).toMatchObject({ id: 'cli_fake_meeting_bot', sender_type: 'app' });
    const recalled = all.body.data.items.find(
      (m: { message_id: string }) => m.message_id === 'om_fake_007',
    );
    expect(() => JSON.parse(recalled.body.content)).toThrow();
    const tooBig = await call(
      'GET',
      'im/v1/messages?container_id_type=chat&container_id=oc_fake_volunteers&page_size=51',
      { token: t },
    );
    expect(tooBig).toMatchObject({ status: 400, body: { code: 99992402 } });
  });

  it('pages wiki nodes by parent with an empty page that still has more, and answers batch_query', async () => {
    standIn = await startFeishuStandIn(dataset(), { maxPageItems: 2 });
    const t = await token();
    const seen: string[][] = [];
    let pageToken = '';
    for (;;) {
      const page = await call(
        'GET',
        `wiki/v2/spaces/7300000000000000001/nodes?page_size=50${pageToken === '' ? '' : `&page_token=${pageToken}`}`,
        { token: t },
      );
      seen.push(page.body.data.items.map((node: { node_token: string }) => node.node_token));
      if (!page.body.data.has_more) break;
      pageToken = page.body.data.page_token;
    }
    expect(seen).toEqual([
      ['wikcnFakeHandbook01', 'wikcnFakeRecap04'],
      [],
      ['wikcnFakeBase05', 'wikcnFakeMinutes06'],
    ]);
    const children = await call(
      'GET',
      'wiki/v2/spaces/7300000000000000001/nodes?parent_node_token=wikcnFakeHandbook01',
      { token: t },
    );
    expect(children.body.data.items.map((n: { title: string }) => n.title)).toEqual([
      '翻译指南',
      '物料清单',
    ]);
    const metas = await call('POST', 'drive/v1/metas/batch_query?user_id_type=open_id', {
      token: t,
      body: {
        request_docs: [
          { doc_token: 'shtcnFakeSheet03', doc_type: 'sheet' },
          { doc_token: 'doxcnMissing', doc_type: 'docx' },
        ],
        with_url: true,
      },
    });
    expect(metas.body.data).toEqual({
      metas: [
        {
          doc_token: 'shtcnFakeSheet03',
          doc_type: 'sheet',
          title: '物料清单',
          owner_id: 'ou_fake_wang',
          create_time: String(Date.UTC(2026, 9, 2, 2) / 1000),
          latest_modify_user: 'ou_fake_zhao',
          latest_modify_time: String(Date.UTC(2026, 9, 16, 6) / 1000),
          url: 'https://example-tenant.feishu.cn/sheets/shtcnFakeSheet03',
        },
      ],
      failed_list: [{ token: 'doxcnMissing', code: 970005 }],
    });
  });

  it('answers records/search with search-shaped cells and automatic fields, and refuses filters', async () => {
    standIn = await startFeishuStandIn(dataset(), { maxPageItems: 4 });
    const t = await token();
    const api = 'bitable/v1/apps/bascnFakeKToken0001/tables/tblFakeTasks01/records/search';
    const first = await call('POST', `${api}?page_size=500&user_id_type=open_id`, {
      token: t,
      body: { automatic_fields: true },
    });
    expect(first.body.data).toMatchObject({ has_more: true, total: 11 });
    expect(first.body.data.items[2]).toEqual({
      record_id: 'recFake03',
      fields: {
        任务: [{ type: 'text', text: 'COSCon 物料设计' }],
        负责人: [
          { id: 'ou_fake_wang', name: '王一帆', en_name: '', email: '' },
          { id: 'ou_fake_zhao', name: '赵星河', en_name: '', email: '' },
        ],
        积分: 6,
        分配比例: [{ type: 'text', text: '2, 1' }],
        完成日期: Date.UTC(2026, 9, 13, 16),
        状态: '已完成',
      },
      created_by: { id: 'ou_fake_li', name: '李安', en_name: '', email: '' },
      created_time: Date.UTC(2026, 9, 1, 2),
      last_modified_by: { id: 'ou_fake_li', name: '李安', en_name: '', email: '' },
      last_modified_time: Date.UTC(2026, 9, 14, 10),
    });
    const plain = await call('POST', `${api}?page_size=1`, { token: t, body: {} });
    expect(plain.body.data.items[0].created_time).toBeUndefined();
    const filtered = await call('POST', api, {
      token: t,
      body: { filter: { conjunction: 'and' } },
    });
    expect(filtered.status).toBe(400);
    const fields = await call(
      'GET',
      'bitable/v1/apps/bascnFakeKToken0001/tables/tblFakeTasks01/fields',
      {
        token: t,
      },
    );
    expect(fields.body.data.items[0]).toMatchObject({
      field_name: '任务',
      type: 1,
      is_primary: true,
    });
    expect(
      (await call('GET', 'bitable/v1/apps/bascnX/tables/tblX/fields', { token: t })).body.code,
    ).toBe(1254004);
  });

  it('parseFeishuDataset(json) names the field that is wrong', () => {
    const json = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    json.chats[0].messages[0].time = 'yesterday';
    expect(() => parseFeishuDataset(json, 'community.json')).toThrow(
      expect.objectContaining({
        code: 'FEISHU_DATASET_INVALID',
        message: expect.stringMatching(/community.json: field "chats.0.messages.0.time"/),
      }),
    );
  });
});

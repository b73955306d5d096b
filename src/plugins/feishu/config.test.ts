import { describe, expect, it } from 'vitest';
import { feishuCredentials, parseFeishuConfig, utcOffsetMs } from './config.js';

const WHERE = 'cred.json (plugins.feishu)';
const table = {
  appToken: 'bascnA',
  tableId: 'tblA',
  pointsField: 'Points',
  personField: 'Owner',
  dateField: 'Done on',
};

describe('plugins/feishu/config', () => {
  it('parseFeishuConfig(raw, where) fills defaults and drops a trailing slash of the domain', () => {
    expect(parseFeishuConfig({}, WHERE)).toEqual({
      domain: 'https://open.feishu.cn',
      chats: [],
      wikiSpaces: [],
      tables: [],
      utcOffset: '+00:00',
      rereadDays: 7,
    });
    expect(parseFeishuConfig({ domain: 'http://127.0.0.1:4000/feishu/' }, WHERE).domain).toBe(
      'http://127.0.0.1:4000/feishu',
    );
  });

  it.each([
    [{ chats: ['开源社群'] }, /field "chats.0": expected an id such as "oc_/],
    [{ domain: 'open.feishu.cn' }, /field "domain": expected an http\(s\) URL/],
    [
      { tables: [{ ...table, statusField: 'Status' }] },
      /give "statusField" and "doneValues" together/,
    ],
    [
      { tables: [{ ...table, pointsField: undefined }] },
      /missing field "tables.0.pointsField"|tables.0.pointsField/,
    ],
    [{ tables: [table, table] }, /table "bascnA\/tblA" is listed twice/],
    [{ utcOffset: '8' }, /field "utcOffset": expected an offset such as "\+08:00"/],
    [{ chat: ['oc_a'] }, /unknown field "chat"/],
  ])('parseFeishuConfig rejects %j with a message naming the field', (raw, message) => {
    expect(() => parseFeishuConfig(raw, WHERE)).toThrow(
      expect.objectContaining({ name: 'ConfigError', message: expect.stringMatching(message) }),
    );
  });

  it('feishuCredentials(env) names what is missing and never echoes a value', () => {
    expect(feishuCredentials({ FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 's3cret' })).toEqual({
      appId: 'cli_x',
      appSecret: 's3cret',
    });
    expect(() => feishuCredentials({})).toThrow(
      expect.objectContaining({
        code: 'FEISHU_CREDENTIALS_MISSING',
        message: 'feishu: FEISHU_APP_ID and FEISHU_APP_SECRET are not set in the environment',
      }),
    );
    try {
      feishuCredentials({ FEISHU_APP_ID: 'cli_visible_id', FEISHU_APP_SECRET: ' ' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe(
        'feishu: FEISHU_APP_SECRET is not set in the environment',
      );
    }
  });

  it('utcOffsetMs(offset) reads signed hours and minutes', () => {
    expect(utcOffsetMs('+08:00')).toBe(8 * 3_600_000);
    expect(utcOffsetMs('-05:30')).toBe(-(5.5 * 3_600_000));
  });
});

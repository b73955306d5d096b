import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { PluginFetchError } from '../../core/errors.js';
import { DEFAULT_RATE_LIMIT_WAIT_MS, MAX_RATE_LIMIT_WAITS, rateLimitWaitMs } from './client.js';
import { scripted, T0, type Script } from './testing/scriptedClient.js';

const okSchema = z.object({ ok: z.boolean() });

const rateLimited = (headers: Record<string, string>, waitSeconds?: number): Script => ({
  status: 429,
  headers,
  body: JSON.stringify({
    errors: ['You’ve performed this action too many times. Please wait a few seconds.'],
    error_type: 'rate_limit',
    ...(waitSeconds === undefined ? {} : { extras: { wait_seconds: waitSeconds } }),
  }),
});

describe('plugins/discourse/client', () => {
  it('get(path, query, schema) sends the key as headers and repeats array parameters', async () => {
    const { client, calls } = scripted([], {
      credentials: { apiKey: 'test-token-not-real', apiUsername: 'system' },
    });
    await client.get('/t/1/posts.json', { 'post_ids[]': [3, 4], skip: undefined }, okSchema);
    expect(calls[0]?.url).toBe(
      'http://127.0.0.1:9/forum/t/1/posts.json?post_ids%5B%5D=3&post_ids%5B%5D=4',
    );
    expect(calls[0]?.headers).toMatchObject({
      'Api-Key': 'test-token-not-real',
      'Api-Username': 'system',
    });
    const anonymous = scripted([]);
    await anonymous.client.get('/latest.json', {}, okSchema);
    expect(Object.keys(anonymous.calls[0]!.headers)).toEqual(['accept']);
  });

  it('get paces requests to requestsPerMinute through the injected sleep', async () => {
    const { client, sleeps } = scripted([], { requestsPerMinute: 55 });
    for (let i = 0; i < 3; i++) await client.get('/latest.json', {}, okSchema);
    expect(sleeps).toHaveLength(2);
    expect(sleeps).toEqual([1091, 1091]); // 60 s / 55, in whole milliseconds
    expect(client.requests).toBe(3);
  });

  it('get waits out a 429 for Retry-After seconds, announces the resume time, and resumes', async () => {
    const { client, sleeps, progress } = scripted([rateLimited({ 'retry-after': '7' }, 30)], {
      requestsPerMinute: 60_000,
    });
    expect(await client.get('/latest.json', {}, okSchema)).toEqual({ ok: true });
    expect(sleeps).toContain(7_000);
    expect(progress.join('\n')).toMatch(
      /rate limited; waiting 7 s, resuming at 2026-10-05T12:00:07\.\d{3}Z/,
    );
    expect(client.requests).toBe(2);
  });

  it('rateLimitWaitMs reads Retry-After as seconds or a date, else extras.wait_seconds, else a minute', () => {
    const at = (headers: Record<string, string>) => new Response('', { headers });
    expect(rateLimitWaitMs(at({ 'retry-after': '0' }), '', T0)).toBe(0);
    const date = new Date(T0 + 12_000).toUTCString();
    expect(rateLimitWaitMs(at({ 'retry-after': date }), '', T0)).toBe(12_000);
    expect(rateLimitWaitMs(at({}), '{"extras":{"wait_seconds":9}}', T0)).toBe(9_000);
    expect(rateLimitWaitMs(at({ 'retry-after': 'soon' }), 'not json', T0)).toBe(
      DEFAULT_RATE_LIMIT_WAIT_MS,
    );
  });

  it('get gives up with DISCOURSE_RATE_LIMITED after repeated 429s', async () => {
    const answers = Array.from({ length: MAX_RATE_LIMIT_WAITS + 1 }, () => rateLimited({}, 2));
    const { client, sleeps } = scripted(answers, { requestsPerMinute: 60_000 });
    await expect(client.get('/latest.json', {}, okSchema)).rejects.toMatchObject({
      code: 'DISCOURSE_RATE_LIMITED',
      status: 429,
    });
    expect(sleeps.filter((ms) => ms === 2_000)).toHaveLength(MAX_RATE_LIMIT_WAITS);
  });

  it('get retries 502/503/520 and network errors with growing backoff, then succeeds', async () => {
    const { client, sleeps } = scripted(
      [{ status: 520, body: '<html>' }, { throws: true }, { status: 503, body: '' }],
      { requestsPerMinute: 60_000 },
    );
    expect(await client.get('/latest.json', {}, okSchema)).toEqual({ ok: true });
    expect(sleeps.filter((ms) => ms >= 1_000)).toEqual([2_000, 4_000, 8_000]);
    const broken = scripted(Array(4).fill({ status: 502, body: '' }), {
      requestsPerMinute: 60_000,
    });
    await expect(broken.client.get('/latest.json', {}, okSchema)).rejects.toMatchObject({
      code: 'DISCOURSE_HTTP_ERROR',
      status: 502,
    });
    expect(broken.client.stats).toMatchObject({
      requestsByEndpoint: { '/latest.json': 4 },
      retries: 3,
      waitedMs: 14_000,
    });
    const offline = scripted(Array(4).fill({ throws: true }), { requestsPerMinute: 60_000 });
    await expect(offline.client.get('/latest.json', {}, okSchema)).rejects.toMatchObject({
      code: 'DISCOURSE_UNREACHABLE',
    });
  });

  it('get retries an HTTP 500 with bounded backoff and announces each retry', async () => {
    const { client, sleeps, progress } = scripted(
      [
        { status: 500, body: '{"errors":["Internal Server Error"]}' },
        { status: 500, body: '' },
      ],
      { requestsPerMinute: 60_000 },
    );
    expect(await client.get('/t/7.json', {}, okSchema)).toEqual({ ok: true });
    expect(sleeps.filter((ms) => ms >= 1_000)).toEqual([2_000, 4_000]);
    expect(progress.filter((line) => line.includes('HTTP 500'))).toEqual([
      expect.stringMatching(/^discourse: HTTP 500, retry 1\/3; waiting 2 s, resuming at /),
      expect.stringMatching(/^discourse: HTTP 500, retry 2\/3; waiting 4 s, resuming at /),
    ]);
    expect(client.stats).toMatchObject({ requestsByEndpoint: { '/t/{id}.json': 3 }, retries: 2 });
    const broken = scripted(Array(4).fill({ status: 500, body: '' }), {
      requestsPerMinute: 60_000,
    });
    await expect(broken.client.get('/t/7.json', {}, okSchema)).rejects.toMatchObject({
      code: 'DISCOURSE_HTTP_ERROR',
      status: 500,
    });
  });

  it('getOrSkip returns skipped for 403/404/410; get throws, naming the forum’s message', async () => {
    const notFound = {
      status: 404,
      body: '{"errors":["Not found here"],"error_type":"not_found"}',
    };
    const { client } = scripted([{ status: 410, body: '{}' }, { status: 403, body: '' }, notFound]);
    expect(await client.getOrSkip('/t/1.json', {}, okSchema)).toEqual({
      status: 'skipped',
      httpStatus: 410,
    });
    expect(await client.getOrSkip('/t/2.json', {}, okSchema)).toMatchObject({ httpStatus: 403 });
    const error = await client.get('/t/3.json', {}, okSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginFetchError);
    expect(error).toMatchObject({ code: 'DISCOURSE_HTTP_ERROR', status: 404 });
    expect((error as Error).message).toMatch(
      /t\/3\.json answered HTTP 404, expected 200: Not found here/,
    );
    const denied = scripted([{ status: 403, body: '' }]);
    await expect(denied.client.get('/latest.json', {}, okSchema)).rejects.toMatchObject({
      code: 'DISCOURSE_FORBIDDEN',
    });
  });

  it('get rejects a malformed answer with DISCOURSE_MALFORMED naming the request and the field', async () => {
    const { client } = scripted([{ body: '{"ok": tru' }, { body: '{"ok": "yes"}' }]);
    await expect(client.get('/latest.json', {}, okSchema)).rejects.toMatchObject({
      code: 'DISCOURSE_MALFORMED',
      message: expect.stringMatching(
        /GET http:\/\/127\.0\.0\.1:9\/forum\/latest\.json answered a body that is not JSON/,
      ),
    });
    await expect(client.get('/latest.json', {}, okSchema)).rejects.toMatchObject({
      code: 'DISCOURSE_MALFORMED',
      message: expect.stringMatching(/field "ok"/),
    });
  });

  it('errors never carry the API key', async () => {
    const { client } = scripted([{ status: 401, body: '{"errors":["bad key"]}' }], {
      credentials: { apiKey: 'test-token-not-real', apiUsername: 'system' },
    });
    const error = (await client
      .get('/latest.json', {}, okSchema)
      .catch((e: unknown) => e)) as Error;
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(
      'test-token-not-real',
    );
  });
});

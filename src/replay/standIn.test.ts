import { afterEach, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from './standIn.js';

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

describe('replay/standIn', () => {
  it('startStandIn(mount) serves the routes on 127.0.0.1 and logs every request', async () => {
    standIn = await startStandIn((app) => {
      app.get('/x/items.json', (request, response) => response.json({ page: request.query.page }));
      app.post('/x/graphql', (request, response) => response.json({ echo: request.body }));
    });
    expect(standIn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${standIn.url}/x/items.json?page=2`)).json()).toEqual({ page: '2' });
    const posted = await fetch(`${standIn.url}/x/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{a}"}',
    });
    expect(await posted.json()).toEqual({ echo: { query: '{a}' } });
    expect(standIn.requests.map((r) => [r.method, r.path])).toEqual([
      ['GET', '/x/items.json'],
      ['POST', '/x/graphql'],
    ]);
    expect(standIn.requests[1]?.body).toEqual({ query: '{a}' });
  });

  it('inject(match, fault, times) answers matching requests with the fault, then recovers', async () => {
    standIn = await startStandIn((app) =>
      app.get('/ok', (_request, response) => response.json({ ok: true })),
    );
    standIn.inject(
      (r) => r.path === '/ok',
      { status: 429, headers: { 'retry-after': '1' }, body: { errors: ['slow down'] } },
      2,
    );
    standIn.inject((r) => r.path === '/ok', { status: 200, body: 'not json{' });
    const first = await fetch(`${standIn.url}/ok`);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await fetch(`${standIn.url}/ok`)).status).toBe(429);
    expect(await (await fetch(`${standIn.url}/ok`)).text()).toBe('not json{');
    expect(await (await fetch(`${standIn.url}/ok`)).json()).toEqual({ ok: true });
    expect(standIn.pendingFaults()).toBe(0);
  });

  it('inject(match, { hangUp }) drops the connection, and { delayMs } answers late', async () => {
    standIn = await startStandIn((app) =>
      app.get('/ok', (_request, response) => response.json({ ok: true })),
    );
    standIn.inject(() => true, { hangUp: true });
    await expect(fetch(`${standIn.url}/ok`)).rejects.toThrow();
    standIn.inject(() => true, { delayMs: 50, status: 503 });
    const startMs = Date.now();
    expect((await fetch(`${standIn.url}/ok`)).status).toBe(503);
    expect(Date.now() - startMs).toBeGreaterThanOrEqual(45);
  });
});

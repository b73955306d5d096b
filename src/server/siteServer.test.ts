import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSitePath, startSiteServer, type RunningSiteServer } from './siteServer.js';

const SECRET = 'test-token-not-real-payee-secret';

/** An instance-like folder: output/site inside, private files beside and inside it. */
function layout(): { instance: string; site: string } {
  const instance = mkdtempSync(path.join(tmpdir(), 'cred-serve-'));
  const site = path.join(instance, 'output', 'site');
  mkdirSync(path.join(site, 'data', 'contributors'), { recursive: true });
  writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>cred</title>');
  writeFileSync(path.join(site, 'data', 'leaderboard.json'), '{"type":"cred/site-leaderboard"}');
  writeFileSync(path.join(instance, 'payees.json'), `{"secret":"${SECRET}"}`);
  writeFileSync(path.join(instance, 'cred.json'), `{"secret":"${SECRET}"}`);
  // Mistakes a maintainer could make: private files copied into the site, a symlink out.
  writeFileSync(path.join(site, 'payees.json'), `{"secret":"${SECRET}"}`);
  writeFileSync(path.join(site, 'data', 'PAYEES.JSON'), `{"secret":"${SECRET}"}`);
  writeFileSync(path.join(site, '.env'), `GITHUB_TOKEN=${SECRET}`);
  symlinkSync(path.join(instance, 'cred.json'), path.join(site, 'data', 'link.json'));
  return { instance, site };
}

/** A raw HTTP request: the path is sent exactly as given (fetch would normalize it). */
function raw(
  server: RunningSiteServer,
  rawPath: string,
  method = 'GET',
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: server.host, port: server.port, path: rawPath, method },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('server/siteServer', () => {
  let server: RunningSiteServer;
  let site: string;

  beforeEach(async () => {
    site = layout().site;
    server = await startSiteServer({ root: site, port: 0 });
  });

  afterEach(async () => {
    await server.close();
  });

  it('startSiteServer({ root }) binds 127.0.0.1 and serves the site with a strict CSP', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await raw(server, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>cred</title>');
    expect(index.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const data = await raw(server, '/data/leaderboard.json?cache=1');
    expect(data.status).toBe(200);
    expect(data.headers['content-type']).toMatch(/application\/json/);
  });

  it.each([
    '/../cred.json',
    '/../../cred.json',
    '/%2e%2e/cred.json',
    '/%2E%2E/%2E%2E/payees.json',
    '/data/..%2f..%2fcred.json',
    '/data/%2e%2e%2f%2e%2e%2fpayees.json',
    '/..%5c..%5cpayees.json',
    '/data/./leaderboard.json',
    '//etc/passwd',
    '/data//leaderboard.json',
    '/%00index.html',
    '/index.html%00.json',
    '/%ZZ',
    '/payees.json',
    '/data/PAYEES.JSON',
    '/Payees.json',
    '/.env',
    '/data/link.json',
    '/data',
    '/data/',
    '/data/contributors',
  ])('GET %s is refused without revealing anything', async (rawPath) => {
    const response = await raw(server, rawPath);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).toBe('Not found\n');
  });

  it('GET of the ledger copy and a Markdown report answers plain text, with the CSP', async () => {
    mkdirSync(path.join(site, 'payouts'));
    writeFileSync(path.join(site, 'data', 'ledger.jsonl'), '{"version":1}\n');
    writeFileSync(path.join(site, 'payouts', '2026-10.md'), '# Payout 2026-10\n');
    for (const [rawPath, body] of [
      ['/data/ledger.jsonl', '{"version":1}\n'],
      ['/payouts/2026-10.md', '# Payout 2026-10\n'],
    ] as const) {
      const response = await raw(server, rawPath);
      expect(response.status).toBe(200);
      expect(response.body).toBe(body);
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    }
    writeFileSync(path.join(site, 'payouts', 'payees.json'), `{"secret":"${SECRET}"}`);
    symlinkSync(path.join(site, '..', '..', 'payees.json'), path.join(site, 'payouts', 'p.md'));
    for (const rawPath of [
      '/payouts/payees.json',
      '/payouts/p.md',
      '/payouts/..%2f..%2fcred.json',
    ]) {
      expect((await raw(server, rawPath)).status, rawPath).toBe(404);
    }
  });

  it('POST and PUT are refused: the server is read-only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await raw(server, '/data/leaderboard.json', method);
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
    }
  });

  it('resolveSitePath(root, path) maps / to index.html and refuses unknown extensions', () => {
    const root = realpathSync(site);
    expect(resolveSitePath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveSitePath(root, '/data/leaderboard.json')).toBe(
      path.join(root, 'data', 'leaderboard.json'),
    );
    writeFileSync(path.join(site, 'cache.sqlite'), 'x');
    expect(resolveSitePath(root, '/cache.sqlite')).toBeUndefined();
    expect(resolveSitePath(root, '/missing.json')).toBeUndefined();
  });

  it('startSiteServer({ host }) binds the host it is given', async () => {
    const other = await startSiteServer({ root: site, host: '::1', port: 0 }).catch(() => null);
    if (other === null) return; // no IPv6 loopback on this machine
    try {
      expect(other.url).toMatch(/^http:\/\/\[::1\]:\d+\/$/);
      expect((await raw(other, '/')).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

import { mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptedEncodings } from './siteEncoding.js';
import { startSiteServer, type RunningSiteServer } from './siteServer.js';

const BIG = JSON.stringify({ rows: Array.from({ length: 400 }, (_, k) => `row ${k}`) });

function get(server: RunningSiteServer, rawPath: string, encoding?: string, method = 'GET') {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const headers = encoding === undefined ? {} : { 'Accept-Encoding': encoding };
      const req = request(
        { host: server.host, port: server.port, path: rawPath, method, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks),
              headers: response.headers,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('server/siteEncoding', () => {
  let server: RunningSiteServer;
  let site: string;

  beforeEach(async () => {
    const instance = mkdtempSync(path.join(tmpdir(), 'cred-serve-encoding-'));
    site = path.join(instance, 'site');
    mkdirSync(path.join(site, 'data'), { recursive: true });
    writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>cred</title>');
    writeFileSync(path.join(site, 'data', 'big.json'), BIG);
    writeFileSync(path.join(site, 'data', 'pre.json'), BIG);
    writeFileSync(path.join(site, 'data', 'pre.json.br'), brotliCompressSync(BIG));
    writeFileSync(path.join(site, 'data', 'pre.json.gz'), gzipSync(BIG));
    writeFileSync(path.join(instance, 'outside.br'), brotliCompressSync('{"private":true}'));
    writeFileSync(path.join(site, 'data', 'linked.json'), BIG);
    symlinkSync(path.join(instance, 'outside.br'), path.join(site, 'data', 'linked.json.br'));
    server = await startSiteServer({ root: site, port: 0 });
  });

  afterEach(async () => {
    await server.close();
  });

  it('acceptedEncodings(header) lists br and gzip by preference, q=0 refusing one', () => {
    expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('gzip;q=1, br;q=0.5')).toEqual(['gzip', 'br']);
    expect(acceptedEncodings('br;q=0, gzip')).toEqual(['gzip']);
    expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('identity')).toEqual([]);
    expect(acceptedEncodings(undefined)).toEqual([]);
  });

  it('sends the precompressed .br or .gz file cred site wrote, by Accept-Encoding', async () => {
    const br = await get(server, '/data/pre.json', 'gzip, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/application\/json/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG);
    const gz = await get(server, '/data/pre.json', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(BIG);
    const plain = await get(server, '/data/pre.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG);
  });

  it('gzips text on the fly without a precompressed file; small files go as they are', async () => {
    const gz = await get(server, '/data/big.json', 'br, gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(BIG);
    expect(gz.body.length).toBeLessThan(BIG.length / 3);
    const head = await get(server, '/data/big.json', 'gzip', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('gzip');
    const small = await get(server, '/', 'gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toContain('<title>cred</title>');
  });

  it('never sends a sibling that is stale, links outside the site, or is asked for by name', async () => {
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(site, 'data', 'pre.json.br'), old, old);
    const stale = await get(server, '/data/pre.json', 'br');
    expect(stale.headers['content-encoding']).toBeUndefined();
    expect(stale.body.toString()).toBe(BIG);
    const linked = await get(server, '/data/linked.json', 'br');
    expect(linked.headers['content-encoding']).toBeUndefined();
    expect(linked.body.toString()).toBe(BIG);
    expect((await get(server, '/data/pre.json.br', 'br')).status).toBe(404);
    expect((await get(server, '/data/pre.json.gz')).status).toBe(404);
  });
});

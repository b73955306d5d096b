/**
 * Secrets never leave: each platform client talks to a loopback server that echoes the
 * request's headers and body in its error answer, and whatever `cred` prints (stdout, stderr,
 * `--json`) holds none of the secret values it was given.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cred, scratchDir } from './cli.js';

const SECRETS = {
  GITHUB_TOKEN: 'fake-secret-github-0001',
  DISCOURSE_API_KEY: 'fakeSecretDiscourse0002',
  DISCOURSE_API_USERNAME: 'system',
  FEISHU_APP_ID: 'cli_fakeapp',
  FEISHU_APP_SECRET: 'fakeSecretFeishu0003',
  OPENCOLLECTIVE_TOKEN: 'fakeSecretOpenCollective0004',
};
const SECRET_VALUES = Object.entries(SECRETS)
  .filter(([name]) => !['DISCOURSE_API_USERNAME', 'FEISHU_APP_ID'].includes(name))
  .map(([, value]) => value);

let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const echo = `echo-marker ${JSON.stringify(request.headers)} ${body}`;
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ message: echo, msg: echo, code: 400, errors: [{ message: echo }] }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function instanceWith(plugins: Record<string, unknown>, payout?: unknown): Promise<string> {
  const dir = path.join(scratchDir('cred-secrets-'), 'community');
  expect((await cred(['init', dir, '--bare'], path.dirname(dir))).code).toBe(0);
  const file = path.join(dir, 'cred.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  config.plugins = plugins;
  if (payout !== undefined) config.payout = payout;
  writeFileSync(file, JSON.stringify(config, null, 2));
  return dir;
}

describe('test/e2e/secrets', () => {
  const cases: [string, () => Promise<string>, string[]][] = [
    [
      'github',
      () => instanceWith({ github: { repositories: ['octo/repo'], apiUrl: `${url}/` } }),
      ['load', '--json'],
    ],
    ['discourse', () => instanceWith({ discourse: { serverUrl: url } }), ['load', '--json']],
    [
      'feishu',
      () =>
        instanceWith({ feishu: { domain: url, chats: ['oc_a0553eda9014c201e6969b478895c230'] } }),
      ['load'],
    ],
    [
      'opencollective',
      () =>
        instanceWith(
          {},
          {
            ratio: '1',
            opencollective: { collective: 'lantern-labs', apiUrl: url, timeoutSeconds: 30 },
          },
        ),
      ['ledger', 'verify', '--against-opencollective', '--json'],
    ],
  ];
  for (const [platform, setUp, args] of cases) {
    it(`${platform}: a server echoing headers and body in its error gets no secret printed`, async () => {
      const dir = await setUp();
      const result = await cred(args, dir, SECRETS);
      const printed = `${result.stdout}\n${result.stderr}`;
      expect(result.code).not.toBe(0);
      for (const secret of SECRET_VALUES) expect(printed).not.toContain(secret);
      expect(printed).toMatch(/echo-marker|\[redacted\]|400/);
      // GitHub's client quotes the server's answer: the echo reached the output, redacted.
      if (platform === 'github') expect(printed).toMatch(/echo-marker.*\[redacted\]/s);
    }, 300_000);
  }
});

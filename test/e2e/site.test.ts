import { cpSync, existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SiteReport } from '../../src/instance/site/site.js';
import type {
  SiteContributorGroup,
  SiteIndex,
  SiteLeaderboard,
  SiteNames,
  SiteWhatIf,
} from '../../src/instance/site/format.js';
import { cred, credJson, scratchDir } from './cli.js';
import {
  buildSiteFixture,
  filesUnder,
  rawGet,
  readJson,
  startServe,
  type ServeProcess,
} from './siteFixture.js';

const SECRET = 'test-token-not-real-0123456789';

interface Scores {
  totalMint: number;
  weeks: string[];
  identities: { id: string; name: string; totalCred: number; cred: number[] }[];
}

describe('test/e2e/site', () => {
  let dir: string;
  let scores: Scores;
  let serving: ServeProcess | undefined;

  beforeAll(async () => {
    dir = await buildSiteFixture();
    scores = readJson(path.join(dir, 'output', 'cred.json'));
  });

  afterEach(async () => {
    await serving?.stop();
    serving = undefined;
  });

  it('cred site writes the front end and data whose cred matches output/cred.json', () => {
    const site = path.join(dir, 'output', 'site');
    const data = readJson<SiteLeaderboard>(path.join(site, 'data', 'leaderboard.json'));
    expect(data).toMatchObject({ type: 'cred/site-leaderboard', version: 1, decimals: 2 });
    expect(data.weekCount).toBe(scores.weeks.length);
    for (const row of scores.identities) {
      const index = data.identities.id.indexOf(row.id);
      const [first = 0, ...units] = data.identities.cred[index]!;
      const total = units.reduce((a, b) => a + b, 0) * data.quantum;
      expect(Math.abs(total - row.totalCred)).toBeLessThanOrEqual(data.quantum);
      for (let week = 0; week < scores.weeks.length; week++) {
        const shown = (week >= first ? (units[week - first] ?? 0) : 0) * data.quantum;
        const running = row.cred.slice(0, week + 1).reduce((a, b) => a + b, 0);
        const listed = units.slice(0, Math.max(0, week - first + 1)).reduce((a, b) => a + b, 0);
        expect(Math.abs(listed * data.quantum - running)).toBeLessThanOrEqual(data.quantum);
        expect(shown).toBeGreaterThanOrEqual(0);
      }
    }
    const group = readJson<SiteContributorGroup>(path.join(site, 'data', 'contributors', '0.json'));
    expect(group).toMatchObject({ type: 'cred/site-contributors', version: 2 });
    const index = readJson<SiteIndex>(path.join(site, 'data', 'index.json'));
    const names = readJson<SiteNames>(path.join(site, 'data', 'names.json'));
    const { cred: _cred, ...columns } = data.identities;
    expect(names.identities).toEqual(columns);
    expect(index.identities).toBe(data.identities.id.length);
    expect(index.contributorFiles[0]).toBe(data.identities.id[0]);
    const { type: _type, version: _version, identities: _identities, ...summary } = data;
    expect(index.summary).toEqual(summary);
    const totalOf = (i: number) => data.identities.cred[i]!.slice(1).reduce((a, b) => a + b, 0);
    const ranked = data.identities.id.map((_, i) => i).sort((a, b) => totalOf(b) - totalOf(a));
    expect(index.top.index.map(totalOf)).toEqual(ranked.slice(0, 100).map(totalOf));
    expect(index.top.cred).toEqual(index.top.index.map((i) => data.identities.cred[i]));
    expect(index.top.id).toEqual(index.top.index.map((i) => data.identities.id[i]));
    expect(index.totalUnits).toBe(ranked.reduce((sum, i) => sum + totalOf(i), 0));
    for (const page of group.contributors) {
      const position = data.identities.id.indexOf(page.id);
      expect(page.cred).toEqual(data.identities.cred[position]);
      expect(ranked.map(totalOf)[page.rank - 1]).toBe(totalOf(position));
      const units = data.identities.cred[data.identities.id.indexOf(page.id)]!.slice(1);
      for (const [week, shares, rest] of page.weeks) {
        const listed = shares.reduce((a, share) => a + share[2], 0) + rest;
        expect(listed).toBe(
          units[week - data.identities.cred[data.identities.id.indexOf(page.id)]![0]!],
        );
      }
      const total = page.total.shares.reduce((a, [, value]) => a + value, 0) + page.total.rest;
      expect(total).toBe(units.reduce((a, b) => a + b, 0));
    }
    const whatif = readJson<SiteWhatIf>(path.join(site, 'data', 'whatif.json'));
    expect(whatif.edges.key.length).toBeGreaterThan(1500);
    if ((process.env.CRED_SITE_INSTANCE ?? '') === '') {
      // The fixture sets no anti-gaming knob: the what-if carries nothing for them.
      expect(whatif.knobs).toBeUndefined();
      expect(Object.keys(whatif.nodes).sort()).toEqual(['key', 'weight']);
    }
    expect(filesUnder(site).map((file) => path.relative(site, file))).toEqual(
      expect.arrayContaining(['index.html', 'app.js', 'style.css', 'whatif-worker.js']),
    );
  });

  it('cred site writes .gz and .br beside every text file of 1 KB or more, for static hosts', () => {
    const site = path.join(dir, 'output', 'site');
    const files = filesUnder(site);
    const text = files.filter((file) => /\.(html|js|css|json|jsonl|md)$/.test(file));
    const large = text.filter((file) => statSync(file).size >= 1024);
    expect(large.map((file) => path.relative(site, file))).toEqual(
      expect.arrayContaining(['app.js', 'data/leaderboard.json']),
    );
    for (const file of large) {
      const bytes = readFileSync(file);
      expect(gunzipSync(readFileSync(`${file}.gz`))).toEqual(bytes);
      expect(brotliDecompressSync(readFileSync(`${file}.br`))).toEqual(bytes);
    }
    const small = text.filter((file) => statSync(file).size < 1024);
    for (const file of small) expect(files).not.toContain(`${file}.gz`);
  });

  it('cred site twice on the same outputs writes byte-identical data', async () => {
    const site = path.join(dir, 'output', 'site');
    const before = filesUnder(site).map((file) => [file, readFileSync(file, 'utf8')]);
    const { code, json } = await credJson<SiteReport>(['site', '-q'], dir);
    expect(code).toBe(0);
    expect(json.identities).toBe(scores.identities.length);
    expect(json.dataGzipBytes).toBeLessThan(json.dataBytes);
    expect(filesUnder(site).map((file) => [file, readFileSync(file, 'utf8')])).toEqual(before);
  });

  it('cred site writes no secret from the environment and no payees.json', async () => {
    writeFileSync(path.join(dir, 'payees.json'), JSON.stringify({ mira: { email: SECRET } }));
    const { code } = await credJson(['site', '-q'], dir, {
      GITHUB_TOKEN: SECRET,
      OPENCOLLECTIVE_TOKEN: SECRET,
    });
    expect(code).toBe(0);
    const site = path.join(dir, 'output', 'site');
    for (const file of filesUnder(site)) {
      expect(path.basename(file)).not.toBe('payees.json');
      expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
    }
  });

  it('cred serve serves the site on 127.0.0.1, and nothing outside it', async () => {
    writeFileSync(path.join(dir, 'payees.json'), JSON.stringify({ mira: { email: SECRET } }));
    const site = path.join(dir, 'output', 'site');
    writeFileSync(path.join(site, 'payees.json'), JSON.stringify({ mira: { email: SECRET } }));
    symlinkSync(path.join(dir, 'payees.json'), path.join(site, 'data', 'payees-link.json'));
    serving = await startServe(dir, { GITHUB_TOKEN: SECRET });
    expect(serving.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await rawGet(serving.url, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('app.js');
    expect((await rawGet(serving.url, '/data/leaderboard.json')).status).toBe(200);
    for (const rawPath of [
      '/../cred.json',
      '/%2e%2e/payees.json',
      '/data/..%2F..%2F..%2Fpayees.json',
      '/payees.json',
      '/data/payees-link.json',
      '/../weights/files.json',
      '/.%2e/cred.json',
    ]) {
      const response = await rawGet(serving.url, rawPath);
      expect(response.status, rawPath).toBe(404);
      expect(response.body).not.toContain(SECRET);
    }
  });

  it('cred site on scores of another algorithm builds the leaderboard alone', async () => {
    const copy = path.join(scratchDir(), 'other');
    cpSync(dir, copy, { recursive: true });
    // The header of the compact scores is JSON; both names have 8 letters, so it stays valid.
    const file = path.join(copy, 'output', 'cred.credscores');
    writeFileSync(file, readFileSync(file, 'latin1').replace('"credrank"', '"openrank"'), 'latin1');
    const { code, json } = await credJson<SiteReport>(['site', '-q'], copy);
    expect(code).toBe(0);
    expect(json.data.map((entry) => entry.file).filter((file) => !file.includes('ledger'))).toEqual(
      ['data/index.json', 'data/names.json', 'data/leaderboard.json'],
    );
    const data = readJson<SiteLeaderboard>(
      path.join(copy, 'output', 'site', 'data', 'leaderboard.json'),
    );
    expect(data.algorithm).toBe('openrank');
    const ledger = existsSync(path.join(copy, 'data', 'ledger.jsonl'));
    expect(data.parts).toEqual({ contributors: 0, weights: false, ledger });
    expect(data.identities.id).toHaveLength(scores.identities.length);
  });

  it('cred site before cred score says to run cred score', async () => {
    const bare = path.join(scratchDir(), 'bare');
    await cred(['init', bare], path.dirname(bare));
    const site = await credJson<{ error: { code: string } }>(['site'], bare);
    expect(site.code).toBe(3);
    expect(site.json.error.code).toBe('SCORES_MISSING');
    const serve = await credJson<{ error: { code: string } }>(['serve', '--port', '0'], bare);
    expect(serve.code).toBe(3);
    expect(serve.json.error.code).toBe('SITE_NOT_BUILT');
  });
});

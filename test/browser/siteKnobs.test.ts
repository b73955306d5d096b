/**
 * The what-if with anti-gaming knobs set, in a real browser. A forum instance (the Discourse
 * plugin against a loopback stand-in of the fixture forum) whose weights/discourse.json also
 * sets a container multiplier, a reaction cap on likes and a weekly budget, each of which binds:
 * the what-if with unchanged weights must give the scores of `cred score`, and an edited weight
 * must give what `cred score` gives with the downloaded file, which keeps the knobs.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  startDiscourseStandIn,
  type DiscourseStandIn,
} from '../../src/replay/discourse/discourseStandIn.js';
import { fixtureForum } from '../../src/replay/discourse/testing/fixtureForum.js';
import { cred, credJson, scratchDir } from '../e2e/cli.js';
import { startServe, type ServeProcess } from '../e2e/siteFixture.js';
import {
  BROWSER_WAIT_MS,
  describeInChromium,
  launchChromium,
  screenshot,
  type Browser,
} from './chromium.js';
import { CLOSE, shown, whatIfRows } from './explorer.js';

type Page = Awaited<ReturnType<Browser['page']>>;

interface Scores {
  identities: { id: string; name: string; totalCred: number }[];
}

const KNOBS = {
  containers: { 'discourse/category/memes': 0.25, 'discourse/category/dev': 2 },
  reactions: { capPerWeek: 3, nodes: ['discourse/like'] },
  budgets: { 'discourse/like/governance': 5 },
};

async function run(args: string[], dir: string): Promise<void> {
  const result = await cred(args, dir);
  if (result.code !== 0) throw new Error(`cred ${args.join(' ')}: ${result.stderr}`);
}

async function whatIf(page: Page) {
  await page.click('#run-whatif');
  await page.waitForSelector('body[data-whatif="done"]', { timeout: BROWSER_WAIT_MS });
  return whatIfRows(page);
}

describeInChromium('test/browser/siteKnobs', () => {
  let standIn: DiscourseStandIn | undefined;
  let dir: string;
  let scores: Scores;
  let serving: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    standIn = await startDiscourseStandIn(fixtureForum());
    dir = path.join(scratchDir('cred-knobs-'), 'forum');
    await run(['init', dir, '--name', 'Forum with knobs'], path.dirname(dir));
    const config = JSON.parse(readFileSync(path.join(dir, 'cred.json'), 'utf8'));
    config.plugins.discourse = { serverUrl: standIn.serverUrl, requestsPerMinute: 60_000 };
    writeFileSync(path.join(dir, 'cred.json'), JSON.stringify(config, null, 2));
    const weightsFile = path.join(dir, 'weights', 'discourse.json');
    const weights = JSON.parse(readFileSync(weightsFile, 'utf8'));
    writeFileSync(weightsFile, JSON.stringify({ ...weights, ...KNOBS }, null, 2));
    await run(['load', '-q'], dir);
    await standIn.close();
    standIn = undefined;
    await run(['score', '-q', '--json-scores'], dir);
    await run(['site', '-q'], dir);
    scores = JSON.parse(readFileSync(path.join(dir, 'output', 'cred.json'), 'utf8'));
    serving = await startServe(dir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await serving?.stop();
    await standIn?.close();
  });

  it('the knobs change the scores (so the what-if must apply them)', async () => {
    const copy = path.join(scratchDir(), 'no-knobs');
    cpSync(dir, copy, { recursive: true });
    const weightsFile = path.join(copy, 'weights', 'discourse.json');
    const weights = JSON.parse(readFileSync(weightsFile, 'utf8'));
    for (const knob of Object.keys(KNOBS)) delete weights[knob];
    writeFileSync(weightsFile, JSON.stringify(weights));
    rmSync(path.join(copy, 'output', 'cred.json'));
    const plain = await credJson<{ scores: Scores }>(['score', '-q'], copy);
    const before = new Map(scores.identities.map((row) => [row.id, row.totalCred]));
    const moved = plain.json.scores.identities.filter(
      (row) => Math.abs(row.totalCred - (before.get(row.id) ?? 0)) > 10 * CLOSE,
    );
    expect(moved.length).toBeGreaterThan(0);
  });

  it('the what-if with unchanged weights reproduces cred score with the knobs', async () => {
    const page = await browser.page();
    await page.goto(`${serving.url}#/weights`);
    await page.waitForSelector('body[data-ready="weights"]');
    expect(await page.textContent('#knobs')).toContain('discourse/category/memes');
    const rows = await whatIf(page);
    const ranked = [...scores.identities].sort((a, b) => b.totalCred - a.totalCred);
    expect(rows.length).toBe(Math.min(25, ranked.length));
    rows.forEach((row, k) => {
      expect(row.whatIf).toBe(row.now);
      expect(Math.abs(shown(row.whatIf) - ranked[k]!.totalCred)).toBeLessThan(CLOSE);
    });
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('an edited weight gives what cred score gives with the downloaded file, knobs kept', async () => {
    const page = await browser.page();
    await page.goto(`${serving.url}#/weights`);
    await page.waitForSelector('body[data-ready="weights"]');
    await page.fill('input[id="node:discourse/like"]', '9');
    const rows = await whatIf(page);
    expect(rows.some((row) => row.whatIf !== row.now)).toBe(true);
    await screenshot(page, 'weights-knobs');
    const download = page.waitForEvent('download');
    await page.click('a[data-file="weights/discourse.json"]');
    const text = readFileSync((await (await download).path()) as string, 'utf8');
    const file = JSON.parse(text);
    expect(file).toMatchObject({ ...KNOBS, nodes: { 'discourse/like': 9 } });
    const copy = path.join(scratchDir(), 'edited');
    cpSync(dir, copy, { recursive: true });
    writeFileSync(path.join(copy, 'weights', 'discourse.json'), text);
    const scored = await credJson<{ scores: Scores }>(['score', '-q'], copy);
    const byName = new Map(scored.json.scores.identities.map((i) => [i.name, i.totalCred]));
    for (const row of rows) {
      expect(Math.abs(shown(row.whatIf) - byName.get(row.name)!)).toBeLessThan(CLOSE);
    }
    expect(page.errors).toEqual([]);
    await page.close();
  });
});

/**
 * The explorer benchmark, run in its own process: a synthetic instance of 10,000 contributors
 * over 260 weeks (the synthetic plugin, src/bench/syntheticPlugin.ts), scored and built with
 * the real CLI (`cred score`, `cred site`), served by the real server, then opened in headless
 * Debian Chromium a few times with a fresh profile each time (no cache).
 *
 * "Interactive" is measured in the page: from navigation start (the page's timeOrigin) to the
 * mark `cred:leaderboard-ready`, which the leaderboard sets once its first 100 rows (name, cred,
 * sparkline) are in the document and its search box listens. The search box's response is then
 * measured as the time to handle one keystroke: filter all identities and redraw the rows.
 * With `--payouts N` the instance first pays out N months (sitePayouts.ts), and the ledger
 * views are timed too: the Ledger view shown, its hash chain verified in the browser, and the
 * top contributor's payouts shown. First visits at phone size (measureFirstViews) give, per view,
 * the time to its first content and the compressed bytes received by then and in all.
 * Prints one JSON line. `--instance DIR` reruns on an instance a run kept (CRED_BENCH_KEEP=1),
 * `--reuse-site` also on the site built there (the sizes of `cred site` are then not given).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { initInstance, PROJECT_ROOT } from '../instance/init.js';
import { decodeScores } from '../instance/score/scoresBinary.js';
import type { SiteReport } from '../instance/site/site.js';
import { startSiteServer } from '../server/siteServer.js';
import { median } from './median.js';
import { addPayouts } from './sitePayouts.js';

const BIN = path.join(PROJECT_ROOT, 'bin', 'run.js');
const PLUGIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'syntheticPlugin.js');
const CHROMIUM = process.env.CRED_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

const shape = {
  users: argument('users', 10_000),
  weeks: argument('weeks', 260),
  edges: argument('edges', 300_000),
  seed: 42,
};
const runs = argument('runs', 5);
/** Monthly payouts to record first (0: no ledger, the explorer as before the ledger existed). */
const payoutMonths = argument('payouts', 0);

function timedCred(args: readonly string[], cwd: string): { seconds: number; stdout: string } {
  const startMs = performance.now();
  const stdout = execFileSync(process.execPath, ['--max-old-space-size=6144', BIN, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, TZ: 'UTC' },
  });
  return { seconds: Math.round(performance.now() - startMs) / 1000, stdout };
}

/**
 * Milliseconds from navigation to the performance mark `name` on a fresh page at `hash`; fails
 * if the mark `failure` comes instead (a ledger that does not verify is a bug, not a figure).
 */
async function timeToMark(
  context: BrowserContext,
  url: string,
  hash: string,
  name: string,
  failure = 'cred:chain-failed',
) {
  const page = await context.newPage();
  await page.goto(`${url}${hash}`);
  const marks = [name, failure];
  await page.waitForFunction(
    (names) => names.some((mark) => performance.getEntriesByName(mark).length > 0),
    marks,
    { timeout: 600_000 },
  );
  const ms = await page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime, name);
  await page.close();
  if (ms === undefined) throw new Error(`${hash}: ${failure} instead of ${name}`);
  return Math.round(ms);
}

/** The ledger views: time to show, to verify the hash chain, and a contributor's payouts. */
async function measureLedger(context: BrowserContext, url: string, contributor: string) {
  return {
    ledgerReadyMs: await timeToMark(context, url, '#/ledger', 'cred:ledger-ready'),
    chainVerifiedMs: await timeToMark(context, url, '#/ledger', 'cred:chain-verified'),
    contributorPayoutsMs: await timeToMark(
      context,
      url,
      `#/contributor/${contributor}`,
      'cred:payouts-ready',
    ),
  };
}

/** Files of the background verification: the ledger worker's script and the ledger it reads. */
const WORKER_FILES = /\/(ledger-worker\.js|data\/ledger\.jsonl)$/;

/**
 * A first visit (fresh profile, no cache) to `hash`: milliseconds from navigation to the view's
 * first content (its content mark), the requests sent by then (a CPU-independent figure, with
 * the bytes), and the bytes the browser received over the wire (compressed, headers included,
 * from the DevTools protocol) by then and in all. The ledger worker's downloads (the background
 * verification, not the first view) are counted apart, from Playwright's request sizes: the
 * page's DevTools session does not see a dedicated worker's requests.
 */
async function firstView(url: string, hash: string, mark: string) {
  const profile = mkdtempSync(path.join(tmpdir(), 'cred-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 390, height: 844 },
  });
  try {
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    await session.send('Network.enable');
    // Per request: bytes so far while it loads, its total once finished.
    const bytes = new Map<string, number>();
    const grow = (id: string, more: number) => bytes.set(id, (bytes.get(id) ?? 0) + more);
    const received = () => [...bytes.values()].reduce((a, b) => a + b, 0);
    session.on('Network.responseReceived', (e) => grow(e.requestId, e.response.encodedDataLength));
    session.on('Network.dataReceived', (e) => grow(e.requestId, e.encodedDataLength));
    session.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
    const requested: string[] = [];
    session.on('Network.requestWillBeSent', (e) => requested.push(new URL(e.request.url).pathname));
    const workerSizes: Promise<number>[] = [];
    page.on('requestfinished', (request) => {
      if (!WORKER_FILES.test(new URL(request.url()).pathname)) return;
      workerSizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
    });
    await page.goto(`${url}${hash}`);
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, {
      timeout: 120_000,
    });
    const bytesAtContent = received();
    const requestsAtContent = requested.length;
    const ms = await page.evaluate(
      (name) => performance.getEntriesByName(name)[0]!.startTime,
      mark,
    );
    await page.waitForLoadState('networkidle', { timeout: 600_000 });
    const workerBytes = (await Promise.all(workerSizes)).reduce((a, b) => a + b, 0);
    return {
      ms: Math.round(ms),
      requestsAtContent,
      kbAtContent: Math.round(bytesAtContent / 1000),
      kbAll: Math.round(received() / 1000),
      workerKb: Math.round(workerBytes / 1000),
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * First visits to the leaderboard, the top contributor's page and (with a ledger) the ledger.
 * The leaderboard's first content is its first rows (from data/index.json on the default view);
 * `readyMs*` above time it interactive (search and filters over the full data).
 */
async function measureFirstViews(url: string, contributor: string) {
  const views: Record<string, [string, string]> = {
    leaderboard: ['#/leaderboard', 'cred:leaderboard-content'],
    contributor: [`#/contributor/${contributor}`, 'cred:contributor-ready'],
    ...(payoutMonths > 0 ? { ledger: ['#/ledger', 'cred:ledger-ready'] as [string, string] } : {}),
  };
  const figures: Record<string, number> = {};
  for (const [name, [hash, mark]] of Object.entries(views)) {
    const runsOf = [];
    for (let run = 0; run < Math.min(runs, 3); run++) runsOf.push(await firstView(url, hash, mark));
    const ms = runsOf.map((r) => r.ms);
    figures[`${name}FirstContentMs`] = median(ms);
    figures[`${name}FirstContentMsMax`] = Math.max(...ms);
    figures[`${name}KbAtFirstContent`] = median(runsOf.map((r) => r.kbAtContent));
    figures[`${name}KbAll`] = median(runsOf.map((r) => r.kbAll));
    figures[`${name}RequestsAtFirstContent`] = median(runsOf.map((r) => r.requestsAtContent));
    if (name === 'ledger') figures.ledgerWorkerKb = median(runsOf.map((r) => r.workerKb));
  }
  return figures;
}

async function measureBrowser(url: string, contributor: string) {
  const ready: number[] = [];
  const search: number[] = [];
  let whatIfMs = Number.NaN;
  let ledger: Awaited<ReturnType<typeof measureLedger>> | null = null;
  /** Data files the leaderboard fetched (it must not pay for the ledger). */
  const fetched = new Set<string>();
  for (let run = 0; run < runs; run++) {
    const profile = mkdtempSync(path.join(tmpdir(), 'cred-bench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
    });
    const page = await context.newPage();
    let recording = true;
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (recording && pathname.startsWith('/data/')) fetched.add(pathname);
    });
    await page.goto(`${url}#/leaderboard`);
    await page.waitForSelector('body[data-ready="leaderboard"]', { timeout: 30_000 });
    ready.push(
      await page.evaluate(
        () => performance.getEntriesByName('cred:leaderboard-ready')[0]!.startTime,
      ),
    );
    recording = false;
    search.push(
      await page.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>('#search')!;
        const startMs = performance.now();
        input.value = 'user123';
        input.dispatchEvent(new Event('input'));
        return performance.now() - startMs;
      }),
    );
    if (run === 0) {
      await page.goto(`${url}#/weights`);
      await page.waitForSelector('body[data-ready="weights"]');
      const startMs = Date.now();
      await page.click('#run-whatif');
      await page.waitForSelector('body[data-whatif="done"]', { timeout: 600_000 });
      whatIfMs = Date.now() - startMs;
      if (payoutMonths > 0) ledger = await measureLedger(context, url, contributor);
    }
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return { ready, search, whatIfMs, ledger, leaderboardFetched: [...fetched].sort() };
}

/**
 * A new scored instance (with its payouts), or with `--instance DIR` one a run kept
 * (CRED_BENCH_KEEP=1), reused as it is: only `cred site` runs again (scoreS is then 0).
 */
async function prepareInstance(): Promise<{ root: string | null; dir: string; scoreS: number }> {
  const kept = process.argv.indexOf('--instance');
  if (kept !== -1)
    return { root: null, dir: path.resolve(process.argv[kept + 1] ?? ''), scoreS: 0 };
  const root = mkdtempSync(path.join(tmpdir(), 'cred-bench-site-'));
  const dir = path.join(root, 'instance');
  initInstance(dir, { name: 'Benchmark community', bare: true });
  const configFile = path.join(dir, 'cred.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  config.plugins.bench = { package: PLUGIN, ...shape };
  writeFileSync(configFile, JSON.stringify(config));
  const score = timedCred(['score', '-q', '--limit', '1'], dir);
  if (payoutMonths > 0) {
    config.payout = { ratio: '0.8', minimum: '5.00', reviewDays: 7 };
    writeFileSync(configFile, JSON.stringify(config));
    await addPayouts(BIN, dir, payoutMonths, '20000');
  }
  return { root, dir, scoreS: score.seconds };
}

const { root, dir, scoreS } = await prepareInstance();
/** With `--reuse-site` (and `--instance`), the site already built there, its sizes not given. */
function siteReport(): { seconds: number; report: SiteReport } {
  if (process.argv.includes('--reuse-site') && root === null) {
    const directory = path.join(dir, 'output', 'site');
    const none = { data: [], dataBytes: 0, dataGzipBytes: 0, copies: [], copiesBytes: 0 };
    const empty = { identities: 0, contributorPages: 0, copiesGzipBytes: 0, seconds: 0 };
    return { seconds: 0, report: { directory, ...none, ...empty } };
  }
  const site = timedCred(['site', '-q', '--json'], dir);
  return { seconds: site.seconds, report: JSON.parse(site.stdout) as SiteReport };
}
const { seconds: siteS, report } = siteReport();
const scores = decodeScores(readFileSync(path.join(dir, 'output', 'cred.credscores')), 'scores');
const top = [...scores.identities].sort((a, b) => b.totalCred - a.totalCred)[0]!.id;
const server = await startSiteServer({ root: report.directory, port: 0 });
const browser = await measureBrowser(server.url, top);
const firstViews = await measureFirstViews(server.url, top).finally(() => server.close());
const leaderboard = report.data.find((entry) => entry.file === 'data/leaderboard.json');
const ledgerData = report.data.filter((entry) => entry.file.includes('ledger'));
const gzipMb = (entries: readonly { gzipBytes: number }[]) =>
  entries.reduce((sum, entry) => sum + entry.gzipBytes, 0) / 1e6;
// CRED_BENCH_KEEP=1 keeps the instance (its path goes to stderr), to time `cred site` again.
if (process.env.CRED_BENCH_KEEP === '1' || root === null) {
  process.stderr.write(`instance kept: ${dir}\n`);
} else rmSync(root, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({
    users: shape.users,
    weeks: shape.weeks,
    edges: shape.edges,
    scoreS,
    siteS,
    dataMb: report.dataBytes / 1e6,
    dataGzipMb: report.dataGzipBytes / 1e6,
    leaderboardGzipMb: (leaderboard?.gzipBytes ?? 0) / 1e6,
    readyMsMedian: Math.round(median(browser.ready)),
    readyMsMax: Math.round(Math.max(...browser.ready)),
    searchMsMedian: Math.round(median(browser.search)),
    whatIfMs: browser.whatIfMs,
    payouts: payoutMonths,
    ledgerDataGzipMb: gzipMb(ledgerData),
    copiesGzipMb: report.copiesGzipBytes / 1e6,
    leaderboardFetched: browser.leaderboardFetched.join(' '),
    ...(browser.ledger ?? {}),
    ...firstViews,
  })}\n`,
);

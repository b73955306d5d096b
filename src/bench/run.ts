/**
 * `npm run bench`: the speed and memory figures the issues ask for, measured on this machine.
 * Each case runs in a fresh Node process (peak RSS is per process). Prints a table; with
 * `--json FILE` also writes the raw figures. Suites: `cli`, `e2e`, `credrank`, `openrank`,
 * `domains`, `ledger`, `site` (default: all), and `e2e10m` (10M edges) only when named.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Suite {
  readonly name: string;
  run(): Record<string, unknown>[];
}

function runCase(script: string, args: readonly string[]): unknown {
  const output = execFileSync(
    process.execPath,
    ['--max-old-space-size=4096', path.join(here, script), ...args],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, TZ: 'UTC' },
    },
  );
  return JSON.parse(output.trim().split('\n').at(-1) as string);
}

function caseSuite(name: string, script: string, shapes: readonly Record<string, number>[]): Suite {
  return {
    name,
    run: () =>
      shapes.map((shape) => {
        const args = Object.entries(shape).flatMap(([key, value]) => [`--${key}`, String(value)]);
        process.stderr.write(`› ${name} ${args.join(' ')}\n`);
        return runCase(script, args) as Record<string, unknown>;
      }),
  };
}

const ledgerSuite: Suite = {
  name: 'ledger',
  run() {
    process.stderr.write('› ledger replay --events 100000\n');
    return [runCase('ledgerCase.js', ['--events', '100000']) as Record<string, unknown>];
  },
};

const credrankSuite = caseSuite('credrank', 'credrankCase.js', [
  { edges: 10_000, weeks: 52 },
  { edges: 100_000, weeks: 52 },
  { edges: 1_000_000, weeks: 52, users: 1_600 },
  { edges: 1_000_000, weeks: 52, users: 1_600, knobs: 1 },
  { edges: 100_000, weeks: 260 },
]);

/** Cred per domain (flow decomposition of every participant-week), decision 0500. */
const domainsSuite = caseSuite('domains', 'domainsCase.js', [
  { edges: 100_000, weeks: 52, domains: 8 },
  { edges: 1_000_000, weeks: 52, users: 1_600, domains: 8 },
  { edges: 100_000, weeks: 260, domains: 8 },
]);

const openrankSuite = caseSuite('openrank', 'openrankCase.js', [
  { edges: 100_000, weeks: 52 },
  { edges: 1_000_000, weeks: 52, users: 1_600 },
]);

/**
 * The explorer at 10,000 contributors over 260 weeks: data size, time to interactive; without
 * a ledger, then with ten monthly payouts and their expenses.
 */
const siteSuite: Suite = {
  name: 'site',
  run() {
    process.stderr.write('› site: 10,000 contributors, 260 weeks (score, site, Chromium)\n');
    const plain = runCase('siteCase.js', []) as Record<string, unknown>;
    process.stderr.write('› site: the same with 10 monthly payouts in the ledger\n');
    return [plain, runCase('siteCase.js', ['--payouts', '10']) as Record<string, unknown>];
  },
};

/** Start-up: each command's median wall time and its ratio to `node -e 0` (issue 16). */
const cliSuite: Suite = {
  name: 'cli',
  run() {
    process.stderr.write('› cli: each command 5 times, as fresh processes\n');
    return runCase('cliCase.js', []) as Record<string, unknown>[];
  },
};

/**
 * What users wait for (issue 19): `cred graph` + `cred score` as processes, wall time and
 * peak RSS, the compute step and the ratio to a bare power iteration over the same process's
 * CSR arrays (csrKernel.ts). Medians of three runs; the rescore case adds a week of data and
 * starts from the saved CredRank state.
 */
const e2eSuite = withTargets(
  caseSuite('e2e', 'e2eCase.js', [
    { edges: 100_000, weeks: 52, users: 506, runs: 3 },
    { edges: 1_000_000, weeks: 52, users: 1_600, runs: 3 },
    { edges: 1_000_000, weeks: 260, users: 5_000, runs: 1 },
    { edges: 300_000, weeks: 260, users: 10_000, runs: 1 },
    { edges: 1_000_000, weeks: 52, users: 1_600, runs: 1, warm: 1 },
  ]),
  [
    { targetS: 0.5, targetMb: 150 },
    { targetS: 3, targetMb: 600 },
    { targetS: 6, targetMb: 800 },
    { target: 'scoreS <= 5' },
    { target: 'rescoreS <= 1' },
  ],
);

/** The stretch case, run only when asked by name (`npm run bench e2e10m`): minutes and 4 GB. */
const stretchSuite = withTargets(
  caseSuite('e2e10m', 'e2eCase.js', [
    { edges: 10_000_000, weeks: 52, users: 16_000, runs: 1, commands: 0 },
  ]),
  [{ targetS: 30, targetMb: 4096 }],
);

/** Issue 19's target for each row, printed beside the figures. */
function withTargets(suite: Suite, targets: readonly Record<string, unknown>[]): Suite {
  return {
    name: suite.name,
    run: () => suite.run().map((row, k) => ({ ...row, ...targets[k] })),
  };
}

const SUITES: readonly Suite[] = [
  cliSuite,
  e2eSuite,
  stretchSuite,
  credrankSuite,
  openrankSuite,
  domainsSuite,
  ledgerSuite,
  siteSuite,
];

function printTable(name: string, rows: readonly Record<string, unknown>[]): void {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) =>
    value === undefined
      ? '–'
      : typeof value === 'number' && !Number.isInteger(value)
        ? value.toPrecision(3)
        : String(value);
  const widths = keys.map((key) =>
    Math.max(key.length, ...rows.map((row) => cell(row[key]).length)),
  );
  const line = (cells: string[]) =>
    cells.map((text, i) => text.padStart(widths[i] ?? 0)).join('  ');
  process.stdout.write(
    `\n${name}\n${line(keys)}\n${rows.map((row) => line(keys.map((key) => cell(row[key])))).join('\n')}\n`,
  );
}

const requested = process.argv
  .slice(2)
  .filter((arg) => !arg.startsWith('--') && !arg.endsWith('.json'));
const jsonIndex = process.argv.indexOf('--json');
const results: Record<string, unknown> = {
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
};
for (const suite of SUITES) {
  if (requested.length > 0 ? !requested.includes(suite.name) : suite === stretchSuite) continue;
  const rows = suite.run();
  results[suite.name] = rows;
  printTable(suite.name, rows);
}
if (jsonIndex !== -1)
  writeFileSync(process.argv[jsonIndex + 1] as string, `${JSON.stringify(results, null, 2)}\n`);

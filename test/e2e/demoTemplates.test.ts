/**
 * The GitHub Actions template for an instance repository (templates/github-actions/), which
 * cannot run here: its structure is checked instead (triggers, permissions, the steps and
 * secrets the README relies on, references between steps), the commands it runs exist in the
 * CLI with the flags it passes, and its month-choosing script is run with bash.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cred, PROJECT, scratchDir } from './cli.js';

const TEMPLATE = path.join(PROJECT, 'templates', 'github-actions', 'cred-monthly.yml');

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}

interface Workflow {
  readonly name: string;
  readonly on: {
    schedule: { cron: string }[];
    workflow_dispatch: { inputs: Record<string, { required: boolean }> };
  };
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

const text = readFileSync(TEMPLATE, 'utf8');
const workflow = parse(text) as Workflow;
const steps = workflow.jobs.propose?.steps ?? [];
const stepNamed = (pattern: RegExp): Step => {
  const step = steps.find((candidate) => pattern.test(candidate.name ?? ''));
  if (step === undefined) throw new Error(`no step named ${pattern}`);
  return step;
};

describe('test/e2e/demoTemplates', () => {
  it('cred-monthly.yml runs monthly and on demand, and may push a branch and open a pull request', () => {
    const [schedule] = workflow.on.schedule;
    expect(schedule?.cron.split(' ')).toHaveLength(5);
    expect(schedule?.cron.split(' ')[2]).toBe('2');
    expect(Object.keys(workflow.on.workflow_dispatch.inputs).sort()).toEqual(['month', 'revenue']);
    expect(workflow.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    expect(Object.keys(workflow.jobs)).toEqual(['propose']);
    expect(workflow.jobs.propose?.['runs-on']).toBe('ubuntu-latest');
  });

  it('cred-monthly.yml installs cred, loads, scores, proposes the month and opens a pull request', () => {
    const install = stepNamed(/^Install cred/);
    expect(install.run).toMatch(/npm ci\s+npm run build\s+npm link/);
    const node = stepNamed(/Node/);
    expect(Number(node.with?.['node-version'])).toBeGreaterThanOrEqual(20);
    const job = stepNamed(/^Load, score and propose/);
    const lines = (job.run ?? '').trim().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'cred load',
      'cred score',
      'cred payout --month "$MONTH" --revenue "$REVENUE"',
    ]);
    expect(job.env?.REVENUE).toContain("'opencollective'");
    const pr = stepNamed(/pull request/);
    expect(pr.run).toContain('git add data/ledger.jsonl payouts/');
    expect(pr.run).toMatch(/gh pr create --base "\$BASE" --head "\$branch"/);
    const used = steps.map((step) => step.uses).filter(Boolean);
    expect(used).toEqual(
      expect.arrayContaining(['actions/checkout@v4', 'actions/setup-node@v4', 'actions/cache@v4']),
    );
  });

  it('cred-monthly.yml takes every token from a secret, none named GITHUB_*', () => {
    const job = stepNamed(/^Load, score and propose/);
    const expected = {
      GITHUB_TOKEN: 'CRED_GITHUB_TOKEN',
      DISCOURSE_API_KEY: 'DISCOURSE_API_KEY',
      DISCOURSE_API_USERNAME: 'DISCOURSE_API_USERNAME',
      FEISHU_APP_ID: 'FEISHU_APP_ID',
      FEISHU_APP_SECRET: 'FEISHU_APP_SECRET',
      OPENCOLLECTIVE_TOKEN: 'OPENCOLLECTIVE_TOKEN',
    };
    for (const [variable, secret] of Object.entries(expected))
      expect(job.env?.[variable]).toBe(`\${{ secrets.${secret} }}`);
    const secrets = [...text.matchAll(/secrets\.([A-Z0-9_]+)/g)].map((match) => match[1]);
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    expect(secrets.filter((name) => name?.startsWith('GITHUB_'))).toEqual([]);
  });

  it('cred-monthly.yml refers only to steps that exist', () => {
    const ids = new Set(steps.map((step) => step.id).filter(Boolean));
    const referred = [...text.matchAll(/steps\.([\w-]+)\.outputs/g)].map((match) => match[1]);
    expect(referred.length).toBeGreaterThan(0);
    for (const id of referred) expect(ids.has(id)).toBe(true);
  });

  it('the commands cred-monthly.yml runs exist with the flags it passes', async () => {
    const dir = scratchDir();
    for (const [command, flags] of [
      ['load', []],
      ['score', []],
      ['payout', ['--month', '--revenue']],
      ['ledger verify', []],
    ] as const) {
      const help = await cred([...command.split(' '), '--help'], dir);
      expect(help.code, command).toBe(0);
      for (const flag of flags) expect(help.stdout, `${command} ${flag}`).toContain(flag);
    }
  });

  it("cred-monthly.yml's month step picks the previous month, or the one given", () => {
    const script = stepNamed(/^Choose the month/).run ?? '';
    const dir = scratchDir();
    const run = (input: string) => {
      const output = path.join(dir, `output-${input || 'default'}`);
      execFileSync('touch', [output]);
      const result = spawnSync('bash', ['-e', '-c', script], {
        env: { ...process.env, MONTH_INPUT: input, GITHUB_OUTPUT: output },
        encoding: 'utf8',
      });
      return { status: result.status, output: readFileSync(output, 'utf8') };
    };
    const previousMonth = () => {
      const now = new Date();
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
        .toISOString()
        .slice(0, 7);
    };
    const before = previousMonth();
    const chosen = run('');
    // Read the clock on both sides, in case the month turns while the script runs.
    expect([`month=${before}\n`, `month=${previousMonth()}\n`]).toContain(chosen.output);
    expect(chosen.status).toBe(0);
    expect(run('2026-10')).toEqual({ status: 0, output: 'month=2026-10\n' });
    expect(run('October').status).toBe(2);
  });
});

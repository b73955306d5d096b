/**
 * `cred load && cred score` with the GitHub plugin, through the built CLI, on an instance whose
 * `apiUrl` points at the GitHub stand-in serving the lantern-labs fixture; and a load killed
 * half-way (SIGKILL) that the next load resumes.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadSummary } from '../../src/core/plugin.js';
import { isOperation } from '../../src/replay/github/faults.js';
import { fixtureDataset } from '../../src/replay/github/fixture.js';
import {
  operationVariables,
  startGithubStandIn,
  type GithubStandIn,
} from '../../src/replay/github/githubStandIn.js';
import { cred, credJson, PROJECT, scratchDir, testEnv } from './cli.js';

const ENV = { GITHUB_TOKEN: 'test-token-not-real' };

let standIn: GithubStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function githubInstance(): Promise<string> {
  standIn ??= await startGithubStandIn(fixtureDataset());
  const dir = path.join(scratchDir('cred-github-e2e-'), 'lantern');
  expect((await cred(['init', dir, '--bare'], path.dirname(dir))).code).toBe(0);
  const file = path.join(dir, 'cred.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  config.plugins = {
    github: { repositories: ['lantern-labs/lamp', 'lantern-labs/wick'], apiUrl: standIn.apiUrl },
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return dir;
}

interface LoadJson {
  loaded: { plugin: string; summary: LoadSummary }[];
  graphs: { plugin: string; nodes: number; edges: number }[];
}

interface GraphFile {
  addresses: string[];
  nodes: { index: number; description: string; url?: string; container?: number }[];
}

describe('test/e2e/githubCli', () => {
  it('cred load && cred score gives cred to the replayed people and names each contribution by URL', async () => {
    const dir = await githubInstance();
    const first = await credJson<LoadJson>(['load'], dir, ENV);
    expect(first.code).toBe(0);
    expect(first.json.loaded[0]?.summary.requests).toBe(14);
    expect(first.stderr).toMatch(
      /github: lantern-labs\/lamp pull requests: page 2, 9 updated|page 2/,
    );
    const second = await credJson<LoadJson>(['load'], dir, ENV);
    expect(second.json.loaded[0]?.summary).toMatchObject({ requests: 6, items: {} });

    const score = await credJson<{
      scores: {
        totalMint: number;
        identities: { name: string; type: string; totalCred: number }[];
      };
    }>(['score'], dir, ENV);
    expect(score.code).toBe(0);
    const credOf = Object.fromEntries(
      score.json.scores.identities.map((i) => [i.name, i.totalCred]),
    );
    for (const person of ['octo-ana', 'river-kim', 'sol-park', 'juno-bell', 'mika-sato']) {
      expect(credOf[person]).toBeGreaterThan(1);
    }
    expect(credOf.depbot).toBeLessThan(1e-6);
    const total = Object.values(credOf).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(score.json.scores.totalMint, 6);

    expect((await cred(['graph', '-q', '--graph-json'], dir, ENV)).code).toBe(0);
    const graph = JSON.parse(
      readFileSync(path.join(dir, 'output', 'graphs', 'github.json'), 'utf8'),
    ) as GraphFile;
    const contributions = graph.nodes.filter((node) =>
      /^github\/(issue|pull|review|comment|commit)\//.test(graph.addresses[node.index]!),
    );
    expect(contributions.length).toBeGreaterThan(250);
    for (const node of contributions) {
      expect(node.url).toMatch(/^https:\/\/github\.com\/lantern-labs\/(lamp|wick)\//);
      expect(graph.addresses[node.container!]).toMatch(/^github\/repo\/lantern-labs\//);
    }
    const human = await cred(['score'], dir, ENV);
    expect(human.stdout).toMatch(/octo-ana\s+user/);
  });

  it('cred load resumes a load that was killed half-way, with the same result', async () => {
    const clean = await githubInstance();
    expect((await cred(['load', '-q'], clean, ENV)).code).toBe(0);
    const dir = await githubInstance();
    const secondPage = isOperation('CredIssues', (v) => v.name === 'lamp' && v.after != null);
    standIn!.inject(secondPage, { delayMs: 60_000, hangUp: true });
    const from = standIn!.requests.length;
    const child = spawn(process.execPath, [path.join(PROJECT, 'bin', 'run.js'), 'load', '-q'], {
      cwd: dir,
      env: testEnv(ENV),
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    for (let i = 0; i < 600 && !standIn!.requests.slice(from).some(secondPage); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(standIn!.requests.slice(from).some(secondPage)).toBe(true);
    child.kill('SIGKILL');
    await exited;
    const resumedFrom = standIn!.requests.length;
    const resumed = await credJson<LoadJson>(['load'], dir, ENV);
    expect(resumed.code).toBe(0);
    const issues = standIn!.requests.slice(resumedFrom).filter(isOperation('CredIssues'));
    expect(operationVariables(issues[0]!).after).toEqual(expect.any(String));
    const graphOf = (instance: string) =>
      readFileSync(path.join(instance, 'output', 'graphs', 'github.credgraph'));
    expect(graphOf(dir).equals(graphOf(clean))).toBe(true);
  });
});

/**
 * One person, two platforms: river-kim has a GitHub account (the lantern-labs fixture) and a
 * forum account (the fixture forum). `cred load` proposes an identity for each; once a maintainer
 * merges them in the ledger, `cred score` gives that one identity the cred of both accounts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startDiscourseStandIn,
  type DiscourseStandIn,
} from '../../src/replay/discourse/discourseStandIn.js';
import { fixtureForum } from '../../src/replay/discourse/testing/fixtureForum.js';
import { fixtureDataset } from '../../src/replay/github/fixture.js';
import { startGithubStandIn, type GithubStandIn } from '../../src/replay/github/githubStandIn.js';
import { cred, credJson, scratchDir } from './cli.js';

const ENV = { GITHUB_TOKEN: 'test-token-not-real' };

interface Scores {
  scores: { identities: { name: string; totalCred: number }[] };
}

let github: GithubStandIn | undefined;
let forum: DiscourseStandIn | undefined;
afterEach(async () => {
  await github?.close();
  await forum?.close();
  github = forum = undefined;
});

describe('test/e2e/crossPlatform', () => {
  it('cred load && cred score gives one identity cred from GitHub and Discourse once the accounts are merged', async () => {
    github = await startGithubStandIn(fixtureDataset());
    forum = await startDiscourseStandIn(fixtureForum());
    const dir = path.join(scratchDir('cred-cross-'), 'community');
    expect((await cred(['init', dir, '--bare'], path.dirname(dir))).code).toBe(0);
    const config = JSON.parse(readFileSync(path.join(dir, 'cred.json'), 'utf8'));
    config.plugins = {
      github: { repositories: ['lantern-labs/lamp', 'lantern-labs/wick'], apiUrl: github.apiUrl },
      discourse: { serverUrl: forum.serverUrl, requestsPerMinute: 60_000 },
    };
    writeFileSync(path.join(dir, 'cred.json'), JSON.stringify(config, null, 2));
    expect((await cred(['load', '-q'], dir, ENV)).code).toBe(0);
    const listed = (
      await credJson<{ identities: { name: string; aliases: string[] }[] }>(
        ['identity', 'list'],
        dir,
      )
    ).json.identities;
    const holder = (platform: string) =>
      listed.find(
        (identity) =>
          identity.name.startsWith('river-kim') &&
          identity.aliases.some((alias) => alias.startsWith(`${platform}/`)),
      )?.name as string;
    const onGithub = holder('github');
    const onForum = holder('discourse');
    expect(new Set([onGithub, onForum]).size).toBe(2);

    const before = (await credJson<Scores>(['score', '-q'], dir, ENV)).json.scores.identities;
    const credOf = (rows: Scores['scores']['identities'], name: string) =>
      rows.find((row) => row.name === name)?.totalCred ?? 0;
    const fromGithub = credOf(before, onGithub);
    const fromForum = credOf(before, onForum);
    expect(fromGithub).toBeGreaterThan(0);
    expect(fromForum).toBeGreaterThan(0);

    expect((await cred(['identity', 'merge', onGithub, onForum, '-q'], dir)).code).toBe(0);
    const after = (await credJson<Scores>(['score', '-q'], dir, ENV)).json.scores.identities;
    expect(after.some((row) => row.name === onForum)).toBe(false);
    const merged = credOf(after, onGithub);
    // Cred is not simply additive (webbing and shared edges shift flows), but the merged identity
    // earns from both platforms: more than either account alone, close to their sum.
    expect(merged).toBeGreaterThan(Math.max(fromGithub, fromForum));
    expect(Math.abs(merged - (fromGithub + fromForum)) / (fromGithub + fromForum)).toBeLessThan(
      0.1,
    );
    const identity = (await credJson<{ aliases: string[] }>(['identity', 'show', onGithub], dir))
      .json;
    expect(identity.aliases.map((alias) => alias.split('/')[0]).sort()).toEqual([
      'discourse',
      'github',
    ]);
  });
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TRUST_LEVEL_WEIGHTS } from '../../src/plugins/discourse/declaration.js';
import {
  startDiscourseStandIn,
  type DiscourseStandIn,
} from '../../src/replay/discourse/discourseStandIn.js';
import { fixtureForum } from '../../src/replay/discourse/testing/fixtureForum.js';
import { cred, credJson, scratchDir } from './cli.js';

let standIn: DiscourseStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

interface LoadJson {
  loaded: { plugin: string; summary: { requests: number; items: Record<string, number> } }[];
  graphs: { plugin: string; nodes: number; edges: number }[];
}
interface ScoreJson {
  scores: { totalMint: number; identities: { name: string; totalCred: number }[] };
}

/** `cred init` plus the Discourse plugin pointed at a stand-in of the fixture forum. */
async function forumInstance(): Promise<string> {
  standIn = await startDiscourseStandIn(fixtureForum());
  const dir = path.join(scratchDir('cred-e2e-discourse-'), 'forum');
  expect((await cred(['init', dir], path.dirname(dir))).code).toBe(0);
  const config = JSON.parse(readFileSync(path.join(dir, 'cred.json'), 'utf8'));
  // Pacing is tested with an injected clock; here it only needs to be quick.
  config.plugins.discourse = { serverUrl: standIn.serverUrl, requestsPerMinute: 60_000 };
  writeFileSync(path.join(dir, 'cred.json'), JSON.stringify(config, null, 2));
  return dir;
}

describe('test/e2e/discourse', () => {
  it('cred load && cred score read the forum, then a second load asks only what changed', async () => {
    const dir = await forumInstance();
    const first = await credJson<LoadJson>(['load', '-q'], dir);
    expect(first.code).toBe(0);
    expect(first.json.loaded).toEqual([
      {
        plugin: 'discourse',
        summary: expect.objectContaining({
          requests: 90,
          items: { topics: 10, posts: 75, likes: 90 },
        }),
      },
    ]);
    expect(first.json.graphs.find((g) => g.plugin === 'discourse')).toMatchObject({
      nodes: 189,
      edges: 477,
    });
    expect(existsSync(path.join(dir, 'cache', 'discourse.sqlite'))).toBe(true);
    const second = await credJson<LoadJson>(['load', '-q'], dir);
    // The categories and the three pages of the listing, which show likes in quiet topics.
    expect(second.json.loaded[0]?.summary).toMatchObject({
      requests: 4,
      forum: { pass: 'incremental', topics: { read: 0 } },
      report: { sources: [expect.objectContaining({ requests: 4, fullRefresh: false })] },
    });
    expect(standIn!.requests).toHaveLength(94);
    const score = await credJson<ScoreJson>(['score'], dir);
    expect(score.code).toBe(0);
    const names = score.json.scores.identities.map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['river-kim', 'octo-ana', 'mod-jo', 'mira']));
    const credOf = (name: string) =>
      score.json.scores.identities.find((i) => i.name === name)!.totalCred;
    expect(credOf('river-kim')).toBeGreaterThan(0);
    expect(credOf('octo-ana')).toBeGreaterThan(0);
    const text = await cred(['score'], dir);
    expect(text.stdout).toMatch(/river-kim\s+user/);
    expect((await cred(['graph', '-q', '--graph-json'], dir)).code).toBe(0);
    const graph = JSON.parse(
      readFileSync(path.join(dir, 'output', 'graphs', 'discourse.json'), 'utf8'),
    );
    expect(graph).toMatchObject({ type: 'cred/graph', version: 1, plugin: 'discourse' });
    expect(JSON.stringify(graph)).not.toContain('test-token-not-real');
  });

  it('"discourse/like/memes": 0 in weights/discourse.json stops likes in memes from minting', async () => {
    const dir = await forumInstance();
    await cred(['load', '-q'], dir);
    const before = await credJson<ScoreJson>(['score', '-q'], dir);
    const file = path.join(dir, 'weights', 'discourse.json');
    const weights = JSON.parse(readFileSync(file, 'utf8'));
    weights.nodes['discourse/like/memes'] = 0;
    writeFileSync(file, JSON.stringify(weights, null, 2));
    const after = await credJson<ScoreJson>(['score', '-q'], dir);
    const forum = fixtureForum();
    const memes = forum.categories.find((c) => c.slug === 'memes')!.id;
    const memesMint = forum.topics
      .filter((t) => t.categoryId === memes)
      .flatMap((t) => t.posts.flatMap((p) => p.likes))
      .map((like) => forum.users.find((u) => u.id === like.userId)!)
      .reduce(
        (sum, user) => sum + 4 * (user.deleted ? 0 : TRUST_LEVEL_WEIGHTS[user.trustLevel]!),
        0,
      );
    expect(memesMint).toBeGreaterThan(0);
    expect(before.json.scores.totalMint - after.json.scores.totalMint).toBeCloseTo(memesMint, 9);
  });

  it('cred load reports a malformed forum answer with its code and exit status, keeping the cache', async () => {
    const dir = await forumInstance();
    await cred(['load', '-q'], dir);
    const cache = readFileSync(path.join(dir, 'cache', 'discourse.sqlite'));
    standIn!.inject((r) => r.path.endsWith('/latest.json'), {
      status: 200,
      body: '<html>maintenance</html>',
    });
    const failed = await credJson<{ error: { code: string; message: string } }>(
      ['load', '-q'],
      dir,
    );
    expect(failed.code).not.toBe(0);
    expect(failed.json.error.code).toBe('DISCOURSE_MALFORMED');
    expect(readFileSync(path.join(dir, 'cache', 'discourse.sqlite')).equals(cache)).toBe(true);
  });
});

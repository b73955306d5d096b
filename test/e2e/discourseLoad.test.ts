import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PluginFetchError } from '../../src/core/errors.js';
import type { ForumTopic } from '../../src/replay/discourse/forum.js';
import { discourseHarness, LOAD_T0, type Harness } from './discourseHarness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.standIn.close();
  harness = undefined;
});

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const topicOf = (h: Harness, id: number) => h.standIn.forum.topics.find((t) => t.id === id)!;
const lastPostId = (h: Harness) =>
  Math.max(...h.standIn.forum.topics.flatMap((t) => t.posts.map((p) => p.id)));

/** Adds post number n+1 to a topic, liked by `likers`, at `atMs`. */
function addPost(h: Harness, topic: ForumTopic, userId: number, atMs: number, likers: number[]) {
  const post = {
    id: lastPostId(h) + 1,
    number: topic.posts.length + 1,
    userId,
    createdAt: iso(atMs),
    version: 1,
    cooked: '<p>Another note.</p>',
    likes: likers.map((liker) => ({ userId: liker, createdAt: iso(atMs + 60_000) })),
  };
  topic.posts.push(post);
  return post;
}

/** The first load of the fixture forum, checked once, shared by the later scenarios. */
async function firstLoad(options: Parameters<typeof discourseHarness>[0] = {}) {
  harness = await discourseHarness(options);
  const summary = await harness.load();
  return { h: harness, summary };
}

describe('test/e2e/discourseLoad', () => {
  it('loadDiscourse(context) reads the whole forum: every page, every chunk, likes and their times', async () => {
    const { h, summary } = await firstLoad();
    expect(h.requestsByKind()).toEqual({
      '/categories.json': 1,
      '/latest.json': 3,
      '/t/{id}.json': 12,
      '/t/{id}/posts.json': 2,
      '/post_action_users.json': 61,
      '/user_actions.json': 8,
      '/u/{username}.json': 3,
    });
    expect(summary).toMatchObject({ requests: 90, items: { topics: 10, posts: 75, likes: 90 } });
    expect(summary.notes).toEqual([
      'first load: every topic read',
      'topic 108 skipped: the forum answered HTTP 410',
      'topic 109 skipped: the forum answered HTTP 403',
      "7 like times were private: dated at their post's time",
    ]);
    const chunks = h.standIn.requests.filter((r) => r.path.endsWith('/posts.json'));
    expect(chunks.map((r) => (r.query['post_ids'] as string[]).length)).toEqual([20, 5]);
    const snapshot = h.snapshot();
    expect(snapshot.categories.map((c) => [c.slug, c.parentId])).toContainEqual(['infra', 3]);
    expect(snapshot.topics.map((t) => t.id)).toEqual([
      101, 102, 103, 104, 105, 106, 107, 110, 111, 112,
    ]);
    expect(snapshot.users.find((u) => u.username === 'pat-gone')?.trustLevel).toBeNull();
    expect(snapshot.users.find((u) => u.username === 'wren-new')?.trustLevel).toBe(1);
    // River's like times come from her public stream; Quiet Fox's are private.
    const forumPost = topicOf(h, 103).posts[0]!;
    const like = snapshot.likes.find((l) => l.postId === forumPost.id && l.userId === 2);
    expect(like?.createdMs).toBe(Date.parse(forumPost.likes[0]!.createdAt));
    const foxLike = snapshot.likes.find((l) => l.userId === 7 && l.postId === 1003)!;
    expect(foxLike.createdMs).toBe(snapshot.posts.find((p) => p.id === 1003)!.createdMs);
    expect(h.violations).toEqual([]);
  });

  it('a second load with nothing changed reads the categories and the listing, and writes nothing', async () => {
    const { h } = await firstLoad();
    const before = h.snapshot();
    const bytes = readFileSync(h.cacheFile);
    const from = h.standIn.requests.length;
    h.now += DAY;
    const summary = await h.load();
    expect(readFileSync(h.cacheFile).equals(bytes)).toBe(true);
    expect(h.requestsByKind(from)).toEqual({ '/categories.json': 1, '/latest.json': 3 });
    expect(summary).toMatchObject({
      requests: 4,
      items: { topics: 0, posts: 0, likes: 0 },
      notes: [],
      forum: {
        pass: 'incremental',
        resumedFromMs: null,
        requests: { '/categories.json': 1, '/latest.json': 3 },
        topics: { read: 0, new: 0, changed: 0, removed: 0 },
      },
    });
    expect(h.snapshot()).toEqual(before);
  });

  it('an incremental load fetches only the topics and posts that changed', async () => {
    const { h } = await firstLoad();
    const parser = topicOf(h, 103);
    const added = addPost(h, parser, 3, LOAD_T0 + DAY, [1]);
    h.standIn.forum.topics.push({
      id: 113,
      categoryId: 2,
      title: 'Travel policy',
      slug: 'travel-policy',
      pinned: false,
      posts: [
        {
          id: added.id + 1,
          number: 1,
          userId: 5,
          createdAt: iso(LOAD_T0 + DAY),
          version: 1,
          cooked: '<p>Draft.</p>',
          likes: [],
        },
      ],
    });
    // A like in a quiet topic does not bump it, but its listed like count moves.
    topicOf(h, 102).posts[5]!.likes.push({ userId: 1, createdAt: iso(LOAD_T0 + DAY) });
    const from = h.standIn.requests.length;
    h.now += 2 * DAY;
    const summary = await h.load();
    expect(h.standIn.requests.slice(from).map((r) => r.path.replace('/discourse', ''))).toEqual([
      '/categories.json',
      '/latest.json',
      '/latest.json',
      '/latest.json',
      // Oldest bump first: the quiet topic whose listed like count moved, then the new post.
      '/t/102.json',
      '/post_action_users.json',
      '/user_actions.json',
      '/t/103.json',
      '/t/103/posts.json',
      '/post_action_users.json',
      '/t/113.json',
    ]);
    expect(
      h.standIn.requests.find(
        (r) => r.path.endsWith('/posts.json') && h.standIn.requests.indexOf(r) >= from,
      )?.query['post_ids'],
    ).toEqual([String(added.id)]);
    expect(summary.items).toEqual({ topics: 3, posts: 28, likes: 2 });
    expect(summary.forum).toMatchObject({
      topics: { read: 3, new: 1, changed: 2, removed: 0 },
      posts: { read: 28, new: 2, changed: 0, removed: 0 },
      likes: { new: 2, removed: 0 },
    });
    const [forum] = summary.report?.sources ?? [];
    expect(forum).toMatchObject({ fullRefresh: false, requests: h.standIn.requests.length - from });
    expect(forum?.kinds[0]).toEqual({ kind: 'topics', new: 1, changed: 2, unchanged: 0 });
    const snapshot = h.snapshot();
    expect(snapshot.posts.filter((p) => p.topicId === 103)).toHaveLength(46);
    expect(snapshot.likes.find((l) => l.postId === added.id)).toEqual({
      postId: added.id,
      userId: 1,
      createdMs: LOAD_T0 + DAY + 60_000,
    });
    expect(snapshot.likes).toContainEqual({
      postId: topicOf(h, 102).posts[5]!.id,
      userId: 1,
      createdMs: LOAD_T0 + DAY,
    });
    expect(h.violations).toEqual([]);
  });

  it('a reread after rereadDays sees edits of earlier posts; deleted topics go at once', async () => {
    const { h } = await firstLoad({ config: { rereadDays: 7 } });
    const intro = topicOf(h, 110).posts[0]!;
    intro.cooked = '<p>Hi, I am Sam; I write docs and tests.</p>';
    intro.updatedAt = iso(LOAD_T0 + DAY);
    intro.version = 2;
    h.standIn.forum.topics.splice(h.standIn.forum.topics.indexOf(topicOf(h, 111)), 1);
    h.now += 3 * DAY;
    const incremental = await h.load();
    // An edit of a post other than the last bumps nothing and changes no listed count.
    expect(h.snapshot().posts.find((p) => p.id === intro.id)?.cooked).not.toContain('tests');
    expect(incremental.notes).toContain(
      '1 topics no longer on the forum were removed from the cache',
    );
    expect(h.snapshot().topics.some((t) => t.id === 111)).toBe(false);
    h.now += 5 * DAY;
    const summary = await h.load();
    expect(summary.notes).toContain('reread: every topic read again, to see edits in quiet topics');
    expect(summary.forum).toMatchObject({ pass: 'reread', posts: { changed: 1 } });
    expect(h.snapshot().posts.find((p) => p.id === intro.id)?.cooked).toContain('tests');
    expect(h.violations).toEqual([]);
  });

  it('a 429 waits for Retry-After (or extras.wait_seconds), announces the resume time and resumes', async () => {
    harness = await discourseHarness({ config: { requestsPerMinute: 60_000 } });
    const h = harness;
    const body = (seconds: number) => ({
      errors: [
        'You’ve performed this action too many times. Please wait 7 seconds before trying again.',
      ],
      error_type: 'rate_limit',
      extras: { wait_seconds: seconds, time_left: `${seconds} seconds` },
    });
    h.standIn.inject((r) => r.path.endsWith('/latest.json'), {
      status: 429,
      headers: { 'retry-after': '7' },
      body: body(7),
    });
    h.standIn.inject((r) => r.path.endsWith('/t/105.json'), { status: 429, body: body(11) });
    const summary = await h.load();
    expect(h.standIn.pendingFaults()).toBe(0);
    expect(summary.requests).toBe(92);
    expect(h.sleeps.filter((ms) => ms > 1)).toEqual([7_000, 11_000]);
    const waits = h.progress.filter((m) => m.includes('rate limited'));
    expect(waits[0]).toMatch(
      /^discourse: rate limited; waiting 7 s, resuming at 2026-11-02T09:00:\d\d\.\d{3}Z$/,
    );
    expect(h.snapshot().topics).toHaveLength(10);
  });

  it('transient 520s are retried with backoff', async () => {
    harness = await discourseHarness({ config: { requestsPerMinute: 60_000 } });
    harness.standIn.inject(
      (r) => r.path.endsWith('/t/102.json'),
      { status: 520, body: '<html>Origin error</html>' },
      2,
    );
    await harness.load();
    expect(harness.sleeps.filter((ms) => ms > 1)).toEqual([2_000, 4_000]);
    expect(harness.progress.filter((m) => m.includes('HTTP 520'))).toHaveLength(2);
    expect(harness.snapshot().topics).toHaveLength(10);
  });

  it('a malformed answer stops the load with a PluginFetchError and leaves the cache as it was', async () => {
    const { h } = await firstLoad();
    addPost(h, topicOf(h, 103), 1, LOAD_T0 + DAY, [2]);
    const before = h.snapshot();
    h.standIn.inject((r) => r.path.endsWith('/latest.json'), {
      status: 200,
      body: '{"topic_list": {"topics": [{"id": "x"',
    });
    const error = await h.load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginFetchError);
    expect(error).toMatchObject({
      code: 'DISCOURSE_MALFORMED',
      message: expect.stringMatching(/latest\.json\?\S+ answered a body that is not JSON/),
    });
    expect(h.snapshot()).toEqual(before);
    h.standIn.inject((r) => r.path.endsWith('/t/103/posts.json'), {
      status: 200,
      body: { post_stream: { posts: [{ id: 1 }] } },
    });
    await expect(h.load()).rejects.toMatchObject({
      code: 'DISCOURSE_MALFORMED',
      message: expect.stringMatching(/field "post_stream\.posts\.0\.topic_id"/),
    });
    expect(h.snapshot()).toEqual(before);
    await h.load();
    expect(h.snapshot().posts.filter((p) => p.topicId === 103)).toHaveLength(46);
  });

  it('with DISCOURSE_API_KEY the client sends Api-Key/Api-Username and paces at 55 requests a minute', async () => {
    const { h, summary } = await firstLoad({
      env: { DISCOURSE_API_KEY: 'test-token-not-real', DISCOURSE_API_USERNAME: 'system' },
      standIn: { apiKey: 'test-token-not-real' },
    });
    expect(
      h.standIn.requests.every(
        (r) =>
          r.headers['api-key'] === 'test-token-not-real' && r.headers['api-username'] === 'system',
      ),
    ).toBe(true);
    expect(h.sleeps).toEqual(Array(summary.requests - 1).fill(Math.ceil(60_000 / 55)));
    const anonymous = await discourseHarness();
    try {
      await anonymous.load();
      expect(new Set(anonymous.sleeps)).toEqual(new Set([2_000]));
      expect(anonymous.standIn.requests.some((r) => r.headers['api-key'] !== undefined)).toBe(
        false,
      );
    } finally {
      await anonymous.standIn.close();
    }
  });

  it('a refused API key stops the load with DISCOURSE_FORBIDDEN', async () => {
    harness = await discourseHarness({
      env: { DISCOURSE_API_KEY: 'wrong-token-not-real' },
      standIn: { apiKey: 'test-token-not-real' },
    });
    await expect(harness.load()).rejects.toMatchObject({
      code: 'DISCOURSE_FORBIDDEN',
      status: 403,
    });
  });
});

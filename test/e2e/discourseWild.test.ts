/**
 * What real forums send and keep private, against the stand-in: a staff key reading restricted
 * categories and whispers, small actions, a whole-topic quote, a 500, likers the forum will not
 * list, `"subcategory_ids": null`, and a load resumed after it stopped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/core/graph.js';
import { discoursePlugin } from '../../src/plugins/discourse/index.js';
import type { Forum, ForumPost } from '../../src/replay/discourse/forum.js';
import { discourseHarness, LOAD_T0, type Harness } from './discourseHarness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.standIn.close();
  harness = undefined;
});

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const STAFF_KEY = {
  env: { DISCOURSE_API_KEY: 'test-token-not-real', DISCOURSE_API_USERNAME: 'system' },
  standIn: { apiKey: 'test-token-not-real' },
};
const QUOTE_POST = 5001;

/** Adds a staff-only category with a liked topic, a whisper, a small action and a quote. */
function addPrivateAndOddContent(forum: Forum): void {
  forum.users.push({
    id: 9,
    username: 'staff-only-sam',
    name: '',
    trustLevel: 2,
    createdAt: iso(Date.UTC(2026, 8, 1)),
    admin: false,
    moderator: true,
    deleted: false,
    hideProfile: false,
  });
  forum.categories.push({
    id: 6,
    name: 'Staff',
    slug: 'staff',
    readRestricted: true,
    color: '0088CC',
    description: '',
  });
  const post = (id: number, number: number, userId: number, extra: Partial<ForumPost> = {}) => ({
    id,
    number,
    userId,
    createdAt: iso(Date.UTC(2026, 9, 1) + id * HOUR),
    version: 1,
    cooked: `<p>Post ${id}.</p>`,
    likes: [],
    ...extra,
  });
  forum.topics.push({
    id: 120,
    categoryId: 6,
    title: 'Moderator handbook',
    slug: 'moderator-handbook',
    pinned: false,
    posts: [
      post(5010, 1, 5, { likes: [{ userId: 2, createdAt: iso(Date.UTC(2026, 9, 2)) }] }),
      post(5011, 2, 2),
    ],
  });
  const ci = forum.topics.find((topic) => topic.id === 104)!;
  const next = ci.posts.length + 1;
  ci.posts.push(
    post(5002, next, 5, {
      postType: 4,
      likes: [{ userId: 9, createdAt: iso(Date.UTC(2026, 9, 3)) }],
    }),
    post(5003, next + 1, 5, { postType: 3, cooked: '' }),
  );
  const release = forum.topics.find((topic) => topic.id === 107)!;
  release.posts.push(
    post(QUOTE_POST, release.posts.length + 1, 3, {
      cooked:
        '<aside class="quote quote-modified" data-post="1" data-topic="104">' +
        '<div class="title"><a href="https://forum.example.org/t/ci-runners-are-flaky/104">' +
        'CI runners are flaky</a></div><blockquote><p>flaky</p></blockquote></aside>',
    }),
  );
}

const addresses = (graph: Graph) => [...graph.nodes()].map((node) => String(node.address));
const edgesFrom = (graph: Graph, fragment: string) =>
  [...graph.edges()].filter((edge) => String(edge.src).includes(fragment));

describe('test/e2e/discourseWild', () => {
  it('a staff key reads restricted categories and whispers; none enter the graph unless named', async () => {
    harness = await discourseHarness({ ...STAFF_KEY, config: { requestsPerMinute: 60_000 } });
    const h = harness;
    addPrivateAndOddContent(h.standIn.forum);
    const summary = await h.load();
    expect(h.requestsByKind()['/t/{id}.json']).toBe(12);
    expect(summary.notes).toContain(
      'left out as private (staff-only on the forum): 1 topics in restricted categories (staff) ' +
        'and 1 whispers; to publish them, name the categories in "includePrivateCategories" or ' +
        'set "includeWhispers": true in plugins.discourse (docs/formats.md)',
    );
    expect(summary.forum.leftOut).toEqual({
      categories: ['staff'],
      topics: 1,
      whispers: 1,
      notices: 1,
    });
    const graph = await discoursePlugin.graph(h.context);
    const nodes = addresses(graph);
    expect(nodes.filter((a) => a.includes('staff') || /\/(5002|5003|5010)\b/.test(a))).toEqual([]);
    // staff-only-sam only liked the whisper: not published.
    expect(nodes).not.toContain('discourse/user/9');
    const identities = await discoursePlugin.identities(h.context);
    expect(identities.map((i) => i.name)).not.toContain('staff-only-sam');
    // The whole-topic quote is one reference, to the quoted opening post.
    const quoteEdges = edgesFrom(graph, `/${QUOTE_POST}`).filter((e) =>
      String(e.address).includes('references'),
    );
    expect(quoteEdges.map((e) => String(e.dst))).toEqual(['discourse/post/dev/infra/1053']);
    h.context = {
      ...h.context,
      config: { ...h.context.config, includePrivateCategories: ['staff'], includeWhispers: true },
    };
    const optedIn = await h.load();
    expect(optedIn.forum.topics).toMatchObject({ read: 1, new: 1 });
    expect(optedIn.notes.some((note) => note.includes('left out'))).toBe(false);
    const published = addresses(await discoursePlugin.graph(h.context));
    expect(published).toContain('discourse/topic/staff/120');
    expect(published).toContain('discourse/post/dev/infra/5002');
    expect(published.some((a) => a.includes('5003'))).toBe(false);
    expect(h.violations).toEqual([]);
  });

  it('an HTTP 500 is retried, announced and counted, and the load completes', async () => {
    harness = await discourseHarness({ config: { requestsPerMinute: 60_000 } });
    harness.standIn.inject((r) => r.path.endsWith('/t/104.json'), { status: 500 });
    const summary = await harness.load();
    expect(harness.progress.filter((m) => m.includes('HTTP 500'))).toEqual([
      expect.stringMatching(/^discourse: HTTP 500, retry 1\/3; waiting 2 s, resuming at /),
    ]);
    expect(summary.forum).toMatchObject({ retries: 1, waitedMs: 2_000 });
    expect(harness.snapshot().topics).toHaveLength(10);
  });

  it('likers the forum will not list are noted, kept as they were and asked again next load', async () => {
    harness = await discourseHarness({ config: { requestsPerMinute: 60_000 } });
    const h = harness;
    const post = h.standIn.forum.topics.find((t) => t.id === 105)!.posts[0]!;
    expect(post.likes.length).toBeGreaterThan(0);
    const forPost = (r: { path: string; query: Record<string, unknown> }) =>
      r.path.endsWith('/post_action_users.json') && r.query.id === String(post.id);
    h.standIn.inject(forPost, { status: 404, body: { errors: ['not found'] } });
    const first = await h.load();
    expect(first.notes).toContain(
      'likers of 1 posts could not be read: their likes stay as stored and are asked again next load',
    );
    expect(first.forum.likersUnread).toBe(1);
    expect(h.snapshot().likes.filter((l) => l.postId === post.id)).toEqual([]);
    const from = h.standIn.requests.length;
    const second = await h.load();
    expect(h.standIn.requests.slice(from).filter(forPost)).toHaveLength(1);
    expect(second.forum.likersUnread).toBe(0);
    expect(h.snapshot().likes.filter((l) => l.postId === post.id)).toHaveLength(post.likes.length);
    const third = h.standIn.requests.length;
    await h.load();
    expect(h.requestsByKind(third)).toEqual({ '/categories.json': 1, '/latest.json': 3 });
  });

  it('a forum that answers "subcategory_ids": null for leaf categories loads', async () => {
    harness = await discourseHarness({
      config: { requestsPerMinute: 60_000 },
      standIn: { nestSubcategories: false },
    });
    await harness.load();
    const asked = harness.standIn.requests.filter((r) => r.path.endsWith('/categories.json'));
    expect(asked.map((r) => r.query.parent_category_id)).toEqual([undefined, '3']);
    expect(harness.snapshot().categories.map((c) => [c.slug, c.parentId])).toContainEqual([
      'infra',
      3,
    ]);
    expect(harness.violations).toEqual([]);
  });

  it('a load resumed after it stopped reports what it read, not the whole forum', async () => {
    harness = await discourseHarness({ config: { requestsPerMinute: 60_000 } });
    const h = harness;
    h.standIn.inject((r) => r.path.endsWith('/t/106.json'), { status: 200, body: '{"id": 1' });
    await expect(h.load()).rejects.toMatchObject({ code: 'DISCOURSE_MALFORMED' });
    const readBefore = h.snapshot().topics.length;
    expect(readBefore).toBeGreaterThan(0);
    h.now += HOUR;
    const from = h.standIn.requests.length;
    const resumed = await h.load();
    expect(resumed.notes[0]).toBe(`first load: every topic read (resumed: begun ${iso(LOAD_T0)})`);
    expect(resumed.notes[1]).toBe(`${readBefore} topics read before the load stopped were kept`);
    expect(resumed.items.topics).toBe(10 - readBefore);
    expect(resumed.forum).toMatchObject({
      pass: 'first',
      resumedFromMs: LOAD_T0,
      topics: { read: 10 - readBefore, new: 10 - readBefore },
    });
    expect(h.requestsByKind(from)['/t/{id}.json']).toBe(12 - readBefore);
    expect(h.snapshot().topics).toHaveLength(10);
  });
});

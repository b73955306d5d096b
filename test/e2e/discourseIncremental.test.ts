/**
 * Incremental equals fresh: after random activity on the stand-in forum, an incremental load of
 * the cache the first load made gives byte for byte the graph a fresh load of the changed forum
 * gives. Also measures the requests of a first load, an unchanged load and a load after a week
 * of activity (docs/decisions/0620).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonicalJson.js';
import { toGraphJson } from '../../src/core/graphJson.js';
import { discoursePlugin } from '../../src/plugins/discourse/index.js';
import {
  applyForumChanges,
  type ForumChange,
} from '../../src/replay/discourse/testing/forumChanges.js';
import { discourseHarness, LOAD_T0, type Harness } from './discourseHarness.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const CONFIG = { requestsPerMinute: 60_000, rereadDays: 30 };
const opened: Harness[] = [];
afterEach(async () => {
  await opened[0]?.standIn.close();
  opened.length = 0;
});

const index = fc.nat({ max: 1000 });
const change: fc.Arbitrary<ForumChange> = fc.oneof(
  fc.record({
    kind: fc.constant('post' as const),
    topic: index,
    user: index,
    replyTo: index,
    mention: index,
    quote: index,
  }),
  fc.record({ kind: fc.constant('topic' as const), category: index, user: index }),
  fc.record({ kind: fc.constant('like' as const), post: index, user: index }),
  fc.record({ kind: fc.constant('like' as const), post: index, user: index }),
  fc.record({ kind: fc.constant('unlike' as const), post: index }),
  fc.record({ kind: fc.constant('editLast' as const), topic: index }),
  fc.record({ kind: fc.constant('retitle' as const), topic: index }),
  fc.record({ kind: fc.constant('move' as const), topic: index, category: index }),
  fc.record({ kind: fc.constant('deletePost' as const), post: index }),
  fc.record({ kind: fc.constant('deleteTopic' as const), topic: index }),
);

/** A plausible week: mostly replies and likes, some new topics and edits, few deletions. */
const weekChange: fc.Arbitrary<ForumChange> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('post' as const), topic: index, user: index,
      replyTo: index, mention: index, quote: index }), weight: 8 }, // prettier-ignore
  {
    arbitrary: fc.record({ kind: fc.constant('like' as const), post: index, user: index }),
    weight: 10,
  },
  { arbitrary: fc.record({ kind: fc.constant('unlike' as const), post: index }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('topic' as const), category: index, user: index }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('editLast' as const), topic: index }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('retitle' as const), topic: index }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('move' as const), topic: index, category: index }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('deletePost' as const), post: index }), weight: 1 },
);

async function graphText(h: Harness): Promise<string> {
  return canonicalJson(toGraphJson(await discoursePlugin.graph(h.context), 'discourse'));
}

/** First load, `changes` over the next week, an incremental load, and a fresh one. */
async function run(changes: readonly ForumChange[]) {
  const h = await discourseHarness({ config: CONFIG });
  opened.push(h);
  const first = await h.load();
  const unchangedFrom = h.standIn.requests.length;
  h.now = LOAD_T0 + DAY;
  const unchanged = await h.load();
  expect(h.standIn.requests.length - unchangedFrom).toBe(unchanged.requests);
  applyForumChanges(h.standIn.forum, changes, LOAD_T0 + DAY, (WEEK - DAY) / (changes.length + 1));
  h.now = LOAD_T0 + WEEK;
  const incremental = await h.load();
  const fresh = await discourseHarness({ config: CONFIG, reuse: h.standIn });
  opened.push(fresh);
  fresh.now = h.now;
  const freshLoad = await fresh.load();
  return { h, fresh, first, unchanged, incremental, freshLoad };
}

describe('test/e2e/discourseIncremental', () => {
  it('an incremental load after random changes gives the graph a fresh load gives, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 12 }), async (changes) => {
        try {
          const { h, fresh } = await run(changes);
          expect(await graphText(h)).toBe(await graphText(fresh));
        } finally {
          await opened[0]?.standIn.close();
          opened.length = 0;
        }
      }),
      { seed: 20261204, numRuns: 12 },
    );
  }, 600_000);

  it('a week of activity: requests of a first, an unchanged and an incremental load', async () => {
    const week = fc.sample(fc.array(weekChange, { minLength: 40, maxLength: 40 }), {
      seed: 7,
      numRuns: 1,
    })[0]!;
    const { h, fresh, first, unchanged, incremental, freshLoad } = await run(week);
    expect(await graphText(h)).toBe(await graphText(fresh));
    const kinds: Record<string, number> = {};
    for (const { kind } of week) kinds[kind] = (kinds[kind] ?? 0) + 1;
    expect({
      changes: kinds,
      first: first.forum.requests,
      unchanged: unchanged.forum.requests,
      incremental: incremental.forum.requests,
      totals: {
        first: first.requests,
        unchanged: unchanged.requests,
        incremental: incremental.requests,
        freshOfChangedForum: freshLoad.requests,
      },
      incrementalItems: {
        topics: incremental.forum.topics,
        posts: incremental.forum.posts,
        likes: incremental.forum.likes,
      },
    }).toMatchInlineSnapshot(`
      {
        "changes": {
          "deletePost": 3,
          "editLast": 3,
          "like": 10,
          "post": 16,
          "topic": 8,
        },
        "first": {
          "/categories.json": 1,
          "/latest.json": 3,
          "/post_action_users.json": 61,
          "/t/{id}.json": 12,
          "/t/{id}/posts.json": 2,
          "/u/{username}.json": 3,
          "/user_actions.json": 8,
        },
        "incremental": {
          "/categories.json": 1,
          "/latest.json": 4,
          "/post_action_users.json": 7,
          "/t/{id}.json": 17,
          "/t/{id}/posts.json": 2,
          "/user_actions.json": 5,
        },
        "incrementalItems": {
          "likes": {
            "changed": 0,
            "new": 7,
            "read": 15,
            "removed": 0,
          },
          "posts": {
            "changed": 1,
            "new": 23,
            "read": 95,
            "removed": 0,
          },
          "topics": {
            "changed": 9,
            "new": 8,
            "read": 17,
            "removed": 0,
          },
        },
        "totals": {
          "first": 90,
          "freshOfChangedForum": 103,
          "incremental": 36,
          "unchanged": 4,
        },
        "unchanged": {
          "/categories.json": 1,
          "/latest.json": 3,
        },
      }
    `);
  }, 120_000);
});

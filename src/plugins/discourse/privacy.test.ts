import { describe, expect, it } from 'vitest';
import { excludedCategoryIds, publishedSnapshot } from './privacy.js';
import type { ForumSnapshot, SnapshotCategory, SnapshotPost } from './snapshot.js';

const SERVER = 'https://forum.example.org';
const NONE = { includePrivateCategories: [], includeWhispers: false };
const category = (id: number, slug: string, parentId: number | null, restricted: boolean) =>
  ({ id, name: slug, slug, parentId, restricted }) satisfies SnapshotCategory;
const CATEGORIES = [
  category(1, 'general', null, false),
  category(2, 'staff', null, true),
  category(3, 'handbook', 2, false),
  category(4, 'dev', null, false),
  category(5, 'security', 4, true),
];

const post = (id: number, topicId: number, authorId: number, postType: number, cooked = '') =>
  ({
    id,
    topicId,
    number: id % 10,
    replyTo: null,
    authorId,
    createdMs: 0,
    postType,
    cooked,
  }) satisfies SnapshotPost;

describe('plugins/discourse/privacy', () => {
  it('excludedCategoryIds(categories, config) leaves out restricted categories and their children unless named', () => {
    expect([...excludedCategoryIds(CATEGORIES, NONE)]).toEqual([
      [2, 'staff'],
      [3, 'staff/handbook'],
      [5, 'dev/security'],
    ]);
    const named = { includePrivateCategories: ['STAFF', 'dev/security'], includeWhispers: false };
    expect([...excludedCategoryIds(CATEGORIES, named).keys()]).toEqual([]);
    const child = { includePrivateCategories: ['handbook'], includeWhispers: false };
    expect([...excludedCategoryIds(CATEGORIES, child).keys()]).toEqual([2, 5]);
  });

  it('publishedSnapshot(snapshot, config) drops private topics, whispers, notices and people seen only there', () => {
    const snapshot: ForumSnapshot = {
      serverUrl: SERVER,
      categories: CATEGORIES,
      topics: [
        { id: 10, categoryId: 1, title: 'Hi', slug: 'hi', createdMs: 0, authorId: 1 },
        { id: 20, categoryId: 3, title: 'Rules', slug: 'rules', createdMs: 0, authorId: 2 },
      ],
      posts: [
        post(11, 10, 1, 1, '<a class="mention" href="/u/cat">@cat</a>'),
        post(12, 10, 4, 4, '<a class="mention" href="/u/dan">@dan</a>'),
        post(13, 10, 5, 3),
        post(21, 20, 2, 1),
      ],
      likes: [
        { postId: 11, userId: 6, createdMs: 1 },
        { postId: 12, userId: 7, createdMs: 1 },
        { postId: 21, userId: 8, createdMs: 1 },
      ],
      users: ['ana', 'bo', 'cat', 'dan', 'eve', 'fay', 'gus', 'hal'].map((username, i) => ({
        id: i + 1,
        username,
        trustLevel: 2,
      })),
    };
    const { snapshot: published, leftOut } = publishedSnapshot(snapshot, NONE);
    expect(published.topics.map((t) => t.id)).toEqual([10]);
    expect(published.posts.map((p) => p.id)).toEqual([11]);
    expect(published.likes.map((l) => l.userId)).toEqual([6]);
    expect(published.users.map((u) => u.username)).toEqual(['ana', 'cat', 'fay']);
    expect(published.categories.map((c) => c.slug)).toEqual(['general', 'dev']);
    expect(leftOut).toEqual({
      categories: ['dev/security', 'staff', 'staff/handbook'],
      topics: 1,
      whispers: 1,
      notices: 1,
    });
    const all = publishedSnapshot(snapshot, {
      includePrivateCategories: ['staff', 'security'],
      includeWhispers: true,
    });
    expect(all.snapshot.posts.map((p) => p.id)).toEqual([11, 12, 21]);
    expect(all.leftOut).toEqual({ categories: [], topics: 0, whispers: 0, notices: 1 });
  });
});

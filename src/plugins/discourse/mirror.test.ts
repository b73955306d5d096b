import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiscourseMirror, META, type StoredPost, type TopicUnit } from './mirror.js';

const SERVER = 'https://forum.example.org';
const T = Date.UTC(2026, 9, 5);

function file(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'cred-discourse-mirror-')), 'discourse.sqlite');
}

const post = (id: number, number: number): StoredPost => ({
  id,
  topicId: 7,
  number,
  replyTo: null,
  authorId: 1,
  createdMs: T + number,
  updatedMs: T + number,
  version: 1,
  likeCount: 0,
  postType: 1,
  cooked: `<p>${id}</p>`,
});

function unit(over: Partial<TopicUnit> = {}): TopicUnit {
  return {
    topic: {
      id: 7,
      categoryId: 2,
      title: 'Budget',
      slug: 'budget',
      createdMs: T,
      authorId: 1,
      bumpedMs: T + 10,
      postsCount: 2,
      likeCount: 1,
      readMs: T + 20,
    },
    stream: [70, 71],
    posts: [post(70, 1), post(71, 2)],
    likes: new Map([[70, [{ userId: 2, createdMs: T + 5, estimated: false }]]]),
    likersUnread: [],
    users: [
      { id: 1, username: 'ana', trustLevel: 2, checkedMs: T },
      { id: 2, username: 'kim', trustLevel: 3, checkedMs: T },
    ],
    unknownUsernames: [{ username: 'Ghost', checkedMs: T }],
    ...over,
  };
}

describe('plugins/discourse/mirror', () => {
  it('ingestTopic(unit) stores a topic whole, and a later unit replaces its posts and likes', () => {
    const mirror = DiscourseMirror.open(file(), SERVER);
    mirror.replaceCategories([
      { id: 2, name: 'Governance', slug: 'governance', parentId: null, restricted: true },
    ]);
    expect(mirror.snapshot().categories[0]?.restricted).toBe(true);
    mirror.ingestTopic(unit());
    expect(mirror.counts()).toEqual({ categories: 1, topics: 1, posts: 2, likes: 1, users: 2 });
    expect(mirror.topic(7)).toMatchObject({ bumpedMs: T + 10, likeCount: 1 });
    expect(mirror.userNamed('ANA')?.id).toBe(1);
    expect(mirror.unknownUsernameCheckedMs('ghost')).toBe(T);
    mirror.ingestTopic(unit({ stream: [71], posts: [], likes: new Map() }));
    expect(mirror.counts()).toMatchObject({ posts: 1, likes: 0 });
    expect([...mirror.posts(7).keys()]).toEqual([71]);
    mirror.close();
  });

  it('ingestTopic writes nothing of a unit that fails part-way', () => {
    const mirror = DiscourseMirror.open(file(), SERVER);
    mirror.ingestTopic(unit());
    const before = mirror.snapshot();
    const twice = { userId: 3, createdMs: T, estimated: false };
    const broken = unit({
      topic: { ...unit().topic, title: 'Renamed' },
      posts: [post(70, 1), post(71, 2), post(72, 3)],
      stream: [70, 71, 72],
      likes: new Map([[72, [twice, twice]]]),
    });
    expect(() => mirror.ingestTopic(broken)).toThrow(/UNIQUE/);
    expect(mirror.snapshot()).toEqual(before);
    mirror.close();
  });

  it('skipTopic, removeTopics and finishFullPass drop topics the forum no longer shows', () => {
    const mirror = DiscourseMirror.open(file(), SERVER);
    mirror.ingestTopic(unit());
    mirror.ingestTopic(
      unit({ topic: { ...unit().topic, id: 8 }, stream: [], posts: [], likes: new Map() }),
    );
    mirror.skipTopic(7, T + 10, 410);
    expect(mirror.topic(7)).toBeUndefined();
    expect(mirror.skippedTopicBumpedMs(7)).toBe(T + 10);
    expect(mirror.counts()).toMatchObject({ topics: 1, posts: 0, likes: 0 });
    mirror.removeTopics([8]);
    expect(mirror.topicIds()).toEqual([]);
    expect(mirror.beginFullPass(T + 99)).toBe(T + 99);
    // A pass under way (a stopped load) is resumed, not begun again.
    expect(mirror.beginFullPass(T + 200)).toBe(T + 99);
    mirror.finishFullPass(new Set([7]), T + 99);
    expect(mirror.meta(META.lastFullPassMs)).toBe(T + 99);
    expect(mirror.meta(META.passStartedMs)).toBeUndefined();
    expect(mirror.skippedTopicBumpedMs(7)).toBe(T + 10);
    mirror.finishFullPass(new Set(), T + 100);
    expect(mirror.skippedTopicBumpedMs(7)).toBeUndefined();
    mirror.close();
  });

  it('open(file, serverUrl) starts afresh when the cache holds another forum', () => {
    const at = file();
    const first = DiscourseMirror.open(at, SERVER);
    first.ingestTopic(unit());
    first.finishFullPass(new Set(), T + 10);
    first.close();
    const same = DiscourseMirror.open(at, SERVER);
    expect([same.reset, same.counts().topics, same.meta(META.lastFullPassMs)]).toEqual([
      false,
      1,
      T + 10,
    ]);
    same.close();
    const other = DiscourseMirror.open(at, 'https://other.example.net');
    expect([other.reset, other.counts().topics, other.meta(META.lastFullPassMs)]).toEqual([
      true,
      0,
      undefined,
    ]);
    expect(other.snapshot().serverUrl).toBe('https://other.example.net');
    other.close();
    expect(
      DiscourseMirror.openReadOnly(path.join(path.dirname(at), 'missing.sqlite')),
    ).toBeUndefined();
  });
});

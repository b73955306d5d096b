/**
 * The tables of the Discourse mirror (`cache/discourse.sqlite`), the rows they hold, and the
 * writes that must happen together: one topic unit, or the removal of topics. Kept apart from
 * `mirror.ts`, which decides when these run (one transaction per unit).
 */
import type Database from 'better-sqlite3';
import type { SnapshotPost, SnapshotTopic } from './snapshot.js';

export const SCHEMA_VERSION = '2';

export const TABLES = [
  'meta',
  'categories',
  'topics',
  'posts',
  'likes',
  'users',
  'unknown_usernames',
  'skipped_topics',
];

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS categories (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
  slug TEXT NOT NULL, parent_id INTEGER, restricted INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS topics (id INTEGER PRIMARY KEY, category_id INTEGER,
  title TEXT NOT NULL, slug TEXT NOT NULL, created_ms INTEGER NOT NULL, author_id INTEGER,
  bumped_ms INTEGER NOT NULL, posts_count INTEGER NOT NULL, like_count INTEGER NOT NULL,
  read_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS posts (id INTEGER PRIMARY KEY, topic_id INTEGER NOT NULL,
  post_number INTEGER NOT NULL, reply_to INTEGER, author_id INTEGER,
  created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, version INTEGER NOT NULL,
  like_count INTEGER NOT NULL, post_type INTEGER NOT NULL, cooked TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS posts_by_topic ON posts (topic_id);
CREATE TABLE IF NOT EXISTS likes (post_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
  created_ms INTEGER NOT NULL, estimated INTEGER NOT NULL, PRIMARY KEY (post_id, user_id));
CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT NOT NULL,
  trust_level INTEGER, checked_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS unknown_usernames (username TEXT PRIMARY KEY,
  checked_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS skipped_topics (id INTEGER PRIMARY KEY, bumped_ms INTEGER NOT NULL,
  status INTEGER NOT NULL);
`;

export interface StoredTopic extends SnapshotTopic {
  readonly bumpedMs: number;
  readonly postsCount: number;
  /** The topic's like count as stored: less than the forum's while some likers are unread. */
  readonly likeCount: number;
  /** When the topic was last read (a resumed full pass keeps topics read since it began). */
  readonly readMs: number;
}

export interface StoredPost extends SnapshotPost {
  readonly updatedMs: number;
  readonly version: number;
  /**
   * The like count the forum showed when the post's likers were read (the older count while
   * they could not be read, so the next load asks again).
   */
  readonly likeCount: number;
}

export interface StoredLike {
  readonly userId: number;
  readonly createdMs: number;
  /** True when the like's time was not visible and the post's time stands in for it. */
  readonly estimated: boolean;
}

export interface StoredUser {
  readonly id: number;
  readonly username: string;
  readonly trustLevel: number | null;
  readonly checkedMs: number;
}

/** A post whose likers the forum would not list (HTTP `status`) though it shows `count` likes. */
export interface UnreadLikers {
  readonly postId: number;
  readonly status: number;
  readonly count: number;
}

/** One topic as fetched: written whole or not at all. */
export interface TopicUnit {
  readonly topic: StoredTopic;
  /** Ids of every post still in the topic; stored posts not listed here are deleted. */
  readonly stream: readonly number[];
  readonly posts: readonly StoredPost[];
  /** Posts whose likers were fetched again: their likes are replaced by these. */
  readonly likes: ReadonlyMap<number, readonly StoredLike[]>;
  /** Posts whose likers could not be read: their stored likes and like count stay as they were. */
  readonly likersUnread: readonly UnreadLikers[];
  readonly users: readonly StoredUser[];
  readonly unknownUsernames: readonly { username: string; checkedMs: number }[];
}

export const TOPIC_COLUMNS = `id, category_id AS categoryId, title, slug, created_ms AS createdMs,
  author_id AS authorId, bumped_ms AS bumpedMs, posts_count AS postsCount,
  like_count AS likeCount, read_ms AS readMs`;
export const POST_COLUMNS = `id, topic_id AS topicId, post_number AS number, reply_to AS replyTo,
  author_id AS authorId, created_ms AS createdMs, updated_ms AS updatedMs, version,
  like_count AS likeCount, post_type AS postType, cooked`;
export const USER_COLUMNS = 'id, username, trust_level AS trustLevel, checked_ms AS checkedMs';

export function writeTopicUnit(db: Database.Database, unit: TopicUnit): void {
  const t = unit.topic;
  db.prepare('DELETE FROM skipped_topics WHERE id = ?').run(t.id);
  db.prepare(
    `INSERT OR REPLACE INTO topics (id, category_id, title, slug, created_ms, author_id,
       bumped_ms, posts_count, like_count, read_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    t.id,
    t.categoryId,
    t.title,
    t.slug,
    t.createdMs,
    t.authorId,
    t.bumpedMs,
    t.postsCount,
    t.likeCount,
    t.readMs,
  );
  const stream = new Set(unit.stream);
  const stored = db.prepare('SELECT id FROM posts WHERE topic_id = ?').all(t.id) as {
    id: number;
  }[];
  for (const { id } of stored) {
    if (stream.has(id)) continue;
    db.prepare('DELETE FROM likes WHERE post_id = ?').run(id);
    db.prepare('DELETE FROM posts WHERE id = ?').run(id);
  }
  const insertPost = db.prepare(
    `INSERT OR REPLACE INTO posts (id, topic_id, post_number, reply_to, author_id, created_ms,
       updated_ms, version, like_count, post_type, cooked)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of unit.posts) {
    insertPost.run(
      p.id,
      p.topicId,
      p.number,
      p.replyTo,
      p.authorId,
      p.createdMs,
      p.updatedMs,
      p.version,
      p.likeCount,
      p.postType,
      p.cooked,
    );
  }
  const insertLike = db.prepare(
    'INSERT INTO likes (post_id, user_id, created_ms, estimated) VALUES (?, ?, ?, ?)',
  );
  for (const [postId, likes] of unit.likes) {
    db.prepare('DELETE FROM likes WHERE post_id = ?').run(postId);
    for (const like of likes) {
      insertLike.run(postId, like.userId, like.createdMs, like.estimated ? 1 : 0);
    }
  }
  const upsertUser = db.prepare(
    'INSERT OR REPLACE INTO users (id, username, trust_level, checked_ms) VALUES (?, ?, ?, ?)',
  );
  for (const u of unit.users) upsertUser.run(u.id, u.username, u.trustLevel, u.checkedMs);
  const unknown = db.prepare(
    'INSERT OR REPLACE INTO unknown_usernames (username, checked_ms) VALUES (lower(?), ?)',
  );
  for (const u of unit.unknownUsernames) unknown.run(u.username, u.checkedMs);
}

export function deleteTopics(db: Database.Database, ids: readonly number[]): void {
  for (const id of ids) {
    db.prepare('DELETE FROM likes WHERE post_id IN (SELECT id FROM posts WHERE topic_id = ?)').run(
      id,
    );
    db.prepare('DELETE FROM posts WHERE topic_id = ?').run(id);
    db.prepare('DELETE FROM topics WHERE id = ?').run(id);
  }
}

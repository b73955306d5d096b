/**
 * The incremental copy of a forum in `cache/discourse.sqlite`. Each ingested unit (the category
 * list, one topic with its posts, likes and people, the end of a listing) is written in one
 * transaction, after every request it needs has succeeded, so an interrupted or failed load
 * leaves whole units behind and the next load resumes from them. Watermarks (the newest bump
 * seen, the last full pass) are stored in the same database as the data they describe.
 *
 * A cache made for another forum or by another schema version is discarded: it can always be
 * fetched again.
 */
import Database from 'better-sqlite3';
import {
  deleteTopics,
  POST_COLUMNS,
  SCHEMA,
  SCHEMA_VERSION,
  TABLES,
  TOPIC_COLUMNS,
  USER_COLUMNS,
  writeTopicUnit,
  type StoredLike,
  type StoredPost,
  type StoredTopic,
  type StoredUser,
  type TopicUnit,
} from './mirrorTables.js';
import type { ForumSnapshot, SnapshotCategory } from './snapshot.js';

const CATEGORY_COLUMNS = 'id, name, slug, parent_id AS parentId, restricted';

export type {
  StoredLike,
  StoredPost,
  StoredTopic,
  StoredUser,
  TopicUnit,
  UnreadLikers,
} from './mirrorTables.js';

export const META = {
  lastFullPassMs: 'last_full_pass_ms',
  /** When the full pass under way began; cleared when it ends. */
  passStartedMs: 'pass_started_ms',
} as const;

export class DiscourseMirror {
  private constructor(
    private readonly db: Database.Database,
    /** True when an existing cache was discarded (another forum or schema). */
    readonly reset: boolean,
  ) {}

  static open(file: string, serverUrl: string): DiscourseMirror {
    const db = new Database(file);
    db.exec(SCHEMA);
    const meta = (key: string) =>
      (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)
        ?.value;
    const stale =
      meta('schema_version') !== SCHEMA_VERSION || (meta('server_url') ?? serverUrl) !== serverUrl;
    const hadData = meta('server_url') !== undefined;
    if (stale) {
      db.transaction(() => {
        for (const table of TABLES) db.exec(`DELETE FROM ${table}`);
        const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
        set.run('schema_version', SCHEMA_VERSION);
        set.run('server_url', serverUrl);
      })();
    }
    return new DiscourseMirror(db, stale && hadData);
  }

  /** Opens an existing cache read-only (for graphs); undefined when there is none. */
  static openReadOnly(file: string): DiscourseMirror | undefined {
    try {
      return new DiscourseMirror(
        new Database(file, { readonly: true, fileMustExist: true }),
        false,
      );
    } catch {
      return undefined;
    }
  }

  close(): void {
    this.db.close();
  }

  meta(key: string): number | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row === undefined ? undefined : Number(row.value);
  }

  /** Replaces the category list (writing nothing when it did not change). */
  replaceCategories(categories: readonly SnapshotCategory[]): void {
    const stored = this.db.prepare(`SELECT ${CATEGORY_COLUMNS} FROM categories ORDER BY id`).all();
    const sorted = [...categories].sort((a, b) => a.id - b.id);
    const rows = sorted.map(({ id, name, slug, parentId, restricted }) => ({
      id,
      name,
      slug,
      parentId,
      restricted: restricted ? 1 : 0,
    }));
    if (JSON.stringify(stored) === JSON.stringify(rows)) return;
    this.db.transaction(() => {
      this.db.exec('DELETE FROM categories');
      const insert = this.db.prepare(
        'INSERT INTO categories (id, name, slug, parent_id, restricted) VALUES (?, ?, ?, ?, ?)',
      );
      for (const c of rows) insert.run(c.id, c.name, c.slug, c.parentId, c.restricted);
    })();
  }

  topic(id: number): StoredTopic | undefined {
    const row = this.db.prepare(`SELECT ${TOPIC_COLUMNS} FROM topics WHERE id = ?`).get(id);
    return row as StoredTopic | undefined;
  }

  /** Stored posts of a topic, by id. */
  posts(topicId: number): Map<number, StoredPost> {
    const rows = this.db
      .prepare(`SELECT ${POST_COLUMNS} FROM posts WHERE topic_id = ?`)
      .all(topicId) as StoredPost[];
    return new Map(rows.map((row) => [row.id, row]));
  }

  likes(postId: number): Map<number, StoredLike> {
    const rows = this.db
      .prepare(
        'SELECT user_id AS userId, created_ms AS createdMs, estimated FROM likes WHERE post_id = ?',
      )
      .all(postId) as { userId: number; createdMs: number; estimated: number }[];
    return new Map(rows.map((row) => [row.userId, { ...row, estimated: row.estimated === 1 }]));
  }

  user(id: number): StoredUser | undefined {
    return this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).get(id) as
      StoredUser | undefined;
  }

  /** A user by username (case-insensitive, as Discourse compares them). */
  userNamed(username: string): StoredUser | undefined {
    return this.db
      .prepare(`SELECT ${USER_COLUMNS} FROM users WHERE lower(username) = lower(?)`)
      .get(username) as StoredUser | undefined;
  }

  /** When a username was last found not to exist, if it was. */
  unknownUsernameCheckedMs(username: string): number | undefined {
    const row = this.db
      .prepare('SELECT checked_ms AS checkedMs FROM unknown_usernames WHERE username = lower(?)')
      .get(username) as { checkedMs: number } | undefined;
    return row?.checkedMs;
  }

  ingestTopic(unit: TopicUnit): void {
    this.db.transaction(() => writeTopicUnit(this.db, unit))();
  }

  /** Records a listed topic the forum would not show (403/404/410), dropping what we had. */
  skipTopic(id: number, bumpedMs: number, status: number): void {
    this.db.transaction(() => {
      deleteTopics(this.db, [id]);
      this.db
        .prepare('INSERT OR REPLACE INTO skipped_topics (id, bumped_ms, status) VALUES (?, ?, ?)')
        .run(id, bumpedMs, status);
    })();
  }

  /** The bump time a skipped topic had when it was skipped (not asked again until it moves). */
  skippedTopicBumpedMs(id: number): number | undefined {
    const row = this.db
      .prepare('SELECT bumped_ms AS bumpedMs FROM skipped_topics WHERE id = ?')
      .get(id) as { bumpedMs: number } | undefined;
    return row?.bumpedMs;
  }

  /** Stored posts of one `post_type`. */
  countPosts(postType: number): number {
    const row = this.db
      .prepare('SELECT count(*) AS n FROM posts WHERE post_type = ?')
      .get(postType) as { n: number };
    return row.n;
  }

  /** Ids of every stored topic. */
  topicIds(): number[] {
    return (this.db.prepare('SELECT id FROM topics ORDER BY id').all() as { id: number }[]).map(
      (row) => row.id,
    );
  }

  /** Drops topics (gone from the forum, or in categories left out) with their posts and likes. */
  removeTopics(ids: readonly number[]): void {
    if (ids.length > 0) this.db.transaction(() => deleteTopics(this.db, ids))();
  }

  /** Begins a full pass at `nowMs` unless one is under way; returns when the pass began. */
  beginFullPass(nowMs: number): number {
    const started = this.meta(META.passStartedMs);
    if (started !== undefined) return started;
    this.setMeta(META.passStartedMs, nowMs);
    return nowMs;
  }

  /** Ends a full pass: forgets skipped topics no longer listed and records when it began. */
  finishFullPass(listedTopicIds: ReadonlySet<number>, startedMs: number): void {
    this.db.transaction(() => {
      const skipped = this.db.prepare('SELECT id FROM skipped_topics').all() as { id: number }[];
      for (const { id } of skipped) {
        if (!listedTopicIds.has(id)) {
          this.db.prepare('DELETE FROM skipped_topics WHERE id = ?').run(id);
        }
      }
      this.setMeta(META.lastFullPassMs, startedMs);
      this.db.prepare('DELETE FROM meta WHERE key = ?').run(META.passStartedMs);
    })();
  }

  private setMeta(key: string, value: number): void {
    this.db
      .prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')
      .run(key, String(value));
  }

  counts(): Record<'categories' | 'topics' | 'posts' | 'likes' | 'users', number> {
    const count = (table: string) =>
      (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      categories: count('categories'),
      topics: count('topics'),
      posts: count('posts'),
      likes: count('likes'),
      users: count('users'),
    };
  }

  snapshot(): ForumSnapshot {
    const all = <T>(sql: string) => this.db.prepare(sql).all() as T[];
    return {
      serverUrl: String(
        (
          this.db.prepare("SELECT value FROM meta WHERE key = 'server_url'").get() as {
            value: string;
          }
        ).value,
      ),
      categories: all<Omit<SnapshotCategory, 'restricted'> & { restricted: number }>(
        `SELECT ${CATEGORY_COLUMNS} FROM categories ORDER BY id`,
      ).map((row) => ({ ...row, restricted: row.restricted === 1 })),
      topics: all(
        `SELECT id, category_id AS categoryId, title, slug, created_ms AS createdMs,
           author_id AS authorId FROM topics ORDER BY id`,
      ),
      posts: all(
        `SELECT id, topic_id AS topicId, post_number AS number, reply_to AS replyTo,
           author_id AS authorId, created_ms AS createdMs, post_type AS postType, cooked
           FROM posts ORDER BY id`,
      ),
      likes: all(
        `SELECT post_id AS postId, user_id AS userId, created_ms AS createdMs FROM likes
           ORDER BY post_id, user_id`,
      ),
      users: all('SELECT id, username, trust_level AS trustLevel FROM users ORDER BY id'),
    };
  }
}

/**
 * The Feishu mirror: `cache/feishu.sqlite`, an incremental copy of what the plugin read. Each
 * page of an answer is written in one transaction together with the watermark it advances, so a
 * load that stops (an error, Ctrl-C) leaves a cache that is consistent and resumes from where it
 * got to. Nothing is written before a page has been validated, so a malformed answer leaves the
 * cache as it was.
 *
 * - Messages: by chat, from a `create_time` watermark (minus `rereadDays`, to see late reactions).
 * - Topic threads: a thread is listed whole (Feishu takes no time range for threads) when it is
 *   new, was not read to its end, or had a message within the reread window.
 * - Wiki nodes and task rows: listed whole on each load (Feishu offers no change feed over REST),
 *   under a fresh listing generation; rows not seen by a complete listing are deleted, so a
 *   deleted row stops counting, while an interrupted listing deletes nothing.
 * - Documents' owners and last editors: asked only for documents whose edit time moved; each
 *   (document, last editor, day) seen is kept as an edit observation.
 */
import Database from 'better-sqlite3';
import { InvariantError } from '../../core/errors.js';
import { countItem, freshness, type KindTally } from '../../core/loadReport.js';
import type {
  DocMeta,
  Field,
  Member,
  Message,
  Reaction,
  TableRecord,
  WikiNode,
} from './schemas.js';

export const MIRROR_FILE = 'feishu.sqlite';
const SCHEMA_VERSION = '2';

/** How much a source of display names is trusted (chat members know names best). */
export const NAME_RANK = Object.freeze({ mention: 1, record: 2, member: 3 });

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, name TEXT NOT NULL, rank INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS chats (chat_id TEXT PRIMARY KEY, name TEXT NOT NULL, watermark_ms INTEGER);
CREATE TABLE IF NOT EXISTS messages (message_id TEXT PRIMARY KEY, chat_id TEXT NOT NULL,
  create_time_ms INTEGER NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS messages_by_chat ON messages (chat_id, create_time_ms);
CREATE TABLE IF NOT EXISTS reactions (reaction_id TEXT PRIMARY KEY, message_id TEXT NOT NULL,
  json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS reactions_by_message ON reactions (message_id);
CREATE TABLE IF NOT EXISTS threads (thread_id TEXT PRIMARY KEY, chat_id TEXT NOT NULL,
  last_ms INTEGER NOT NULL, read INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS listings (key TEXT PRIMARY KEY, generation INTEGER NOT NULL,
  complete INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS spaces (space_id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS wiki_nodes (node_token TEXT PRIMARY KEY, space_id TEXT NOT NULL,
  generation INTEGER NOT NULL, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS doc_metas (obj_token TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS doc_edits (obj_token TEXT NOT NULL, user_id TEXT NOT NULL,
  day TEXT NOT NULL, time_ms INTEGER NOT NULL, PRIMARY KEY (obj_token, user_id, day));
CREATE TABLE IF NOT EXISTS task_tables (app_token TEXT NOT NULL, table_id TEXT NOT NULL,
  fields_json TEXT NOT NULL, PRIMARY KEY (app_token, table_id));
CREATE TABLE IF NOT EXISTS records (app_token TEXT NOT NULL, table_id TEXT NOT NULL,
  record_id TEXT NOT NULL, modified_ms INTEGER, generation INTEGER NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (app_token, table_id, record_id));
`;

export interface NamedUser {
  readonly id: string;
  readonly name: string;
}

export class FeishuMirror {
  private constructor(readonly db: Database.Database) {}

  /** Opens (creating if needed) the mirror; a cache of another format is rebuilt from scratch. */
  static open(file: string): FeishuMirror {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    const version = tableExists(db, 'meta')
      ? (db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get() as
          string | undefined)
      : undefined;
    if (version !== undefined && version !== SCHEMA_VERSION) {
      for (const name of db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all()) {
        db.exec(`DROP TABLE IF EXISTS "${String(name)}"`);
      }
    }
    db.exec(SCHEMA);
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
    return new FeishuMirror(db);
  }

  close(): void {
    this.db.close();
  }

  /** Runs `write` in one transaction. */
  transaction<T>(write: () => T): T {
    return this.db.transaction(write)();
  }

  mergeUsers(users: readonly NamedUser[], rank: number): void {
    const upsert = this.db.prepare(
      `INSERT INTO users (id, name, rank) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE
       SET name = excluded.name, rank = excluded.rank WHERE excluded.rank >= users.rank`,
    );
    for (const user of users)
      if (user.id !== '' && user.name !== '') upsert.run(user.id, user.name, rank);
  }

  // Chats and messages.

  chatWatermarkMs(chatId: string): number | undefined {
    const value = this.db
      .prepare('SELECT watermark_ms FROM chats WHERE chat_id = ?')
      .pluck()
      .get(chatId);
    return typeof value === 'number' ? value : undefined;
  }

  writeChat(chatId: string, name: string, members: readonly Member[]): void {
    this.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO chats (chat_id, name) VALUES (?, ?) ON CONFLICT (chat_id) DO UPDATE SET name = excluded.name',
        )
        .run(chatId, name);
      this.mergeUsers(
        members.map((m) => ({ id: m.member_id, name: m.name })),
        NAME_RANK.member,
      );
    });
  }

  /**
   * One page of a chat's messages with all their reactions (replacing those stored) and the
   * watermark; topic threads they start are remembered for `threadsToRead`.
   */
  writeMessagePage(
    chatId: string,
    messages: readonly Message[],
    reactions: ReadonlyMap<string, readonly Reaction[]>,
    tallies: Map<string, KindTally>,
  ): void {
    this.transaction(() => {
      const newestMs = this.writeMessages(chatId, messages, reactions, tallies);
      const watermarkMs = Math.max(this.chatWatermarkMs(chatId) ?? 0, newestMs);
      const updated = this.db
        .prepare('UPDATE chats SET watermark_ms = ? WHERE chat_id = ?')
        .run(watermarkMs, chatId);
      if (updated.changes !== 1)
        throw new InvariantError(`feishu mirror: chat ${chatId} was not written first`);
    });
  }

  /** One page of a thread's replies; the last page marks the thread read. */
  writeThreadPage(
    chatId: string,
    threadId: string,
    messages: readonly Message[],
    reactions: ReadonlyMap<string, readonly Reaction[]>,
    tallies: Map<string, KindTally>,
    last: boolean,
  ): void {
    this.transaction(() => {
      const newestMs = this.writeMessages(chatId, messages, reactions, tallies);
      this.noteThread(chatId, threadId, newestMs);
      if (last) this.db.prepare('UPDATE threads SET read = 1 WHERE thread_id = ?').run(threadId);
    });
  }

  /** Threads of a chat to list: never read to the end, or active since `sinceMs`. */
  threadsToRead(chatId: string, sinceMs: number): string[] {
    return this.db
      .prepare(
        'SELECT thread_id FROM threads WHERE chat_id = ? AND (read = 0 OR last_ms >= ?) ORDER BY thread_id',
      )
      .pluck()
      .all(chatId, sinceMs) as string[];
  }

  private noteThread(chatId: string, threadId: string, timeMs: number): void {
    this.db
      .prepare(
        `INSERT INTO threads (thread_id, chat_id, last_ms, read) VALUES (?, ?, ?, 0)
         ON CONFLICT (thread_id) DO UPDATE SET last_ms = max(last_ms, excluded.last_ms)`,
      )
      .run(threadId, chatId, timeMs);
  }

  /** Writes messages and their reactions; returns the newest create time among them. */
  private writeMessages(
    chatId: string,
    messages: readonly Message[],
    reactions: ReadonlyMap<string, readonly Reaction[]>,
    tallies: Map<string, KindTally>,
  ): number {
    const stored = this.db.prepare('SELECT json FROM messages WHERE message_id = ?').pluck();
    const insertMessage = this.db.prepare(
      'INSERT OR REPLACE INTO messages (message_id, chat_id, create_time_ms, json) VALUES (?, ?, ?, ?)',
    );
    const storedReactions = this.db.prepare(
      'SELECT reaction_id, json FROM reactions WHERE message_id = ?',
    );
    const dropReactions = this.db.prepare('DELETE FROM reactions WHERE message_id = ?');
    const insertReaction = this.db.prepare(
      'INSERT OR REPLACE INTO reactions (reaction_id, message_id, json) VALUES (?, ?, ?)',
    );
    let newestMs = 0;
    for (const message of messages) {
      const createMs = Number(message.create_time);
      const json = JSON.stringify(message);
      countItem(tallies, 'messages', freshness(stored.get(message.message_id) as string, json));
      insertMessage.run(message.message_id, chatId, createMs, json);
      const before = new Map(
        (storedReactions.all(message.message_id) as { reaction_id: string; json: string }[]).map(
          (row) => [row.reaction_id, row.json],
        ),
      );
      dropReactions.run(message.message_id);
      for (const reaction of reactions.get(message.message_id) ?? []) {
        const reactionJson = JSON.stringify(reaction);
        countItem(tallies, 'reactions', freshness(before.get(reaction.reaction_id), reactionJson));
        insertReaction.run(reaction.reaction_id, message.message_id, reactionJson);
      }
      this.mergeUsers(
        (message.mentions ?? []).map((m) => ({ id: m.id, name: m.name ?? '' })),
        NAME_RANK.mention,
      );
      if (message.thread_id !== undefined && message.thread_id !== '')
        this.noteThread(chatId, message.thread_id, createMs);
      newestMs = Math.max(newestMs, createMs);
    }
    return newestMs;
  }

  // Listings (wiki spaces, task tables): generations.

  /** Starts a listing under a fresh generation (kept even if the listing never completes). */
  beginListing(key: string): number {
    return this.transaction(() => {
      const previous = this.db
        .prepare('SELECT generation FROM listings WHERE key = ?')
        .pluck()
        .get(key);
      const generation = (typeof previous === 'number' ? previous : 0) + 1;
      this.db
        .prepare('INSERT OR REPLACE INTO listings (key, generation, complete) VALUES (?, ?, 0)')
        .run(key, generation);
      return generation;
    });
  }

  // Wiki spaces and documents.

  writeSpace(spaceId: string, name: string): void {
    this.db
      .prepare(
        'INSERT INTO spaces (space_id, name) VALUES (?, ?) ON CONFLICT (space_id) DO UPDATE SET name = excluded.name',
      )
      .run(spaceId, name);
  }

  /** The stored edit time of each document of a space that has its owner and editor known. */
  knownEditTimes(spaceId: string): Map<string, string | undefined> {
    const rows = this.db
      .prepare(
        `SELECT n.json AS json FROM wiki_nodes n JOIN doc_metas m ON m.obj_token = json_extract(n.json, '$.obj_token')
         WHERE n.space_id = ?`,
      )
      .all(spaceId) as { json: string }[];
    const known = new Map<string, string | undefined>();
    for (const row of rows) {
      const node = JSON.parse(row.json) as WikiNode;
      known.set(node.obj_token, node.obj_edit_time);
    }
    return known;
  }

  writeWikiPage(
    spaceId: string,
    generation: number,
    nodes: readonly WikiNode[],
    metas: readonly DocMeta[],
    tallies: Map<string, KindTally>,
  ): void {
    this.transaction(() => {
      const previous = this.db.prepare('SELECT json FROM wiki_nodes WHERE node_token = ?').pluck();
      const insertNode = this.db.prepare(
        'INSERT OR REPLACE INTO wiki_nodes (node_token, space_id, generation, json) VALUES (?, ?, ?, ?)',
      );
      for (const node of nodes) {
        const json = JSON.stringify(node);
        const before = previous.get(node.node_token) as string | undefined;
        countItem(tallies, 'documents', freshness(before, json));
        insertNode.run(node.node_token, spaceId, generation, json);
      }
      const insertMeta = this.db.prepare(
        'INSERT OR REPLACE INTO doc_metas (obj_token, json) VALUES (?, ?)',
      );
      const observeEdit = this.db.prepare(
        `INSERT INTO doc_edits (obj_token, user_id, day, time_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET time_ms = max(time_ms, excluded.time_ms)`,
      );
      for (const meta of metas) {
        insertMeta.run(meta.doc_token, JSON.stringify(meta));
        const editMs = Number(meta.latest_modify_time) * 1000;
        if (meta.latest_modify_user !== '') {
          observeEdit.run(
            meta.doc_token,
            meta.latest_modify_user,
            new Date(editMs).toISOString().slice(0, 10),
            editMs,
          );
        }
      }
    });
  }

  /** Ends a complete listing of a space: nodes it did not see are gone. */
  completeSpaceListing(spaceId: string, generation: number): number {
    return this.transaction(() => {
      const removed = this.db
        .prepare('DELETE FROM wiki_nodes WHERE space_id = ? AND generation < ?')
        .run(spaceId, generation).changes;
      this.completeListing(`space/${spaceId}`, generation);
      return removed;
    });
  }

  // Task tables.

  writeTableFields(appToken: string, tableId: string, fields: readonly Field[]): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO task_tables (app_token, table_id, fields_json) VALUES (?, ?, ?)',
      )
      .run(appToken, tableId, JSON.stringify(fields));
  }

  /** One page of rows, tallied as new, changed or unchanged since the mirror last saw them. */
  writeRecordPage(
    appToken: string,
    tableId: string,
    generation: number,
    records: readonly TableRecord[],
    people: readonly NamedUser[],
    tallies: Map<string, KindTally>,
  ): void {
    this.transaction(() => {
      const previous = this.db
        .prepare('SELECT json FROM records WHERE app_token = ? AND table_id = ? AND record_id = ?')
        .pluck();
      const upsert = this.db.prepare(
        `INSERT OR REPLACE INTO records (app_token, table_id, record_id, modified_ms, generation, json)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      for (const record of records) {
        const json = JSON.stringify(record);
        const before = previous.get(appToken, tableId, record.record_id) as string | undefined;
        countItem(tallies, 'rows', freshness(before, json));
        const modifiedMs = record.last_modified_time ?? null;
        upsert.run(appToken, tableId, record.record_id, modifiedMs, generation, json);
      }
      this.mergeUsers(people, NAME_RANK.record);
    });
  }

  completeTableListing(appToken: string, tableId: string, generation: number): number {
    return this.transaction(() => {
      const removed = this.db
        .prepare('DELETE FROM records WHERE app_token = ? AND table_id = ? AND generation < ?')
        .run(appToken, tableId, generation).changes;
      this.completeListing(`table/${appToken}/${tableId}`, generation);
      return removed;
    });
  }

  private completeListing(key: string, generation: number): void {
    this.db
      .prepare('UPDATE listings SET complete = 1 WHERE key = ? AND generation = ?')
      .run(key, generation);
  }
}

function tableExists(db: Database.Database, name: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}

/**
 * Reading the mirror back: everything the graph needs, for the chats, spaces and tables that
 * cred.json lists, in a stable order (by id), each stored item re-validated through the schema
 * it was written with. The graph is built from this snapshot alone, with no network.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { compareStrings } from '../../core/canonicalJson.js';
import { ConfigError } from '../../core/errors.js';
import type { FeishuConfig } from './config.js';
import {
  fieldSchema,
  messageSchema,
  metaSchema,
  reactionSchema,
  recordSchema,
  wikiNodeSchema,
  type DocMeta,
  type Field,
  type Message,
  type Reaction,
  type TableRecord,
  type WikiNode,
} from './schemas.js';

export interface DocEdit {
  readonly objToken: string;
  readonly userId: string;
  readonly day: string;
  readonly timeMs: number;
}

export interface TableSnapshot {
  readonly appToken: string;
  readonly tableId: string;
  /** Undefined when the table has not been loaded yet. */
  readonly fields: readonly Field[] | undefined;
  readonly records: readonly TableRecord[];
}

export interface FeishuSnapshot {
  /** Display names by open_id (or app_id), as far as any answer told them. */
  readonly names: ReadonlyMap<string, string>;
  readonly chats: readonly { chatId: string; name: string | undefined }[];
  readonly messages: readonly Message[];
  readonly reactions: readonly (Reaction & { message_id: string })[];
  readonly spaces: readonly { spaceId: string; name: string | undefined }[];
  readonly wikiNodes: readonly WikiNode[];
  readonly metas: ReadonlyMap<string, DocMeta>;
  readonly edits: readonly DocEdit[];
  readonly tables: readonly TableSnapshot[];
}

type Parse = <T>(schema: z.ZodType<T>, json: string, what: string) => T;

const parseStored: Parse = (schema, json, what) => {
  const result = schema.safeParse(JSON.parse(json));
  if (result.success) return result.data;
  throw new ConfigError(
    'FEISHU_CACHE_CORRUPT',
    `cache/feishu.sqlite: a stored ${what} no longer parses`,
    { suggestions: ['Delete cache/feishu.sqlite and run "cred load" again.'] },
  );
};

export function readSnapshot(db: Database.Database, config: FeishuConfig): FeishuSnapshot {
  const rows = db.prepare('SELECT id, name FROM users ORDER BY id').all() as {
    id: string;
    name: string;
  }[];
  return {
    names: new Map(rows.map((row) => [row.id, row.name] as const)),
    ...readChats(db, [...new Set(config.chats)].sort(compareStrings)),
    ...readDocs(db, [...new Set(config.wikiSpaces)].sort(compareStrings)),
    tables: config.tables.map((table) => readTable(db, table.appToken, table.tableId)),
  };
}

function readChats(
  db: Database.Database,
  chatIds: readonly string[],
): Pick<FeishuSnapshot, 'chats' | 'messages' | 'reactions'> {
  const chatName = db.prepare('SELECT name FROM chats WHERE chat_id = ?').pluck();
  const messageRows = db
    .prepare('SELECT json FROM messages WHERE chat_id = ? ORDER BY message_id')
    .pluck();
  const reactionRows = db.prepare(
    `SELECT r.message_id AS messageId, r.json AS json FROM reactions r
     JOIN messages m ON m.message_id = r.message_id WHERE m.chat_id = ? ORDER BY r.reaction_id`,
  );
  return {
    chats: chatIds.map((chatId) => ({
      chatId,
      name: chatName.get(chatId) as string | undefined,
    })),
    messages: chatIds.flatMap((chatId) =>
      (messageRows.all(chatId) as string[]).map((json) =>
        parseStored(messageSchema, json, 'message'),
      ),
    ),
    reactions: chatIds.flatMap((chatId) =>
      (reactionRows.all(chatId) as { messageId: string; json: string }[]).map((row) => ({
        ...parseStored(reactionSchema, row.json, 'reaction'),
        message_id: row.messageId,
      })),
    ),
  };
}

function readDocs(
  db: Database.Database,
  spaceIds: readonly string[],
): Pick<FeishuSnapshot, 'spaces' | 'wikiNodes' | 'metas' | 'edits'> {
  const spaceName = db.prepare('SELECT name FROM spaces WHERE space_id = ?').pluck();
  const nodeRows = db
    .prepare('SELECT json FROM wiki_nodes WHERE space_id = ? ORDER BY node_token')
    .pluck();
  const wikiNodes = spaceIds.flatMap((spaceId) =>
    (nodeRows.all(spaceId) as string[]).map((json) =>
      parseStored(wikiNodeSchema, json, 'wiki node'),
    ),
  );
  const objTokens = new Set(wikiNodes.map((node) => node.obj_token));
  const metas = new Map<string, DocMeta>();
  const metaRows = db
    .prepare('SELECT obj_token AS token, json FROM doc_metas ORDER BY obj_token')
    .all() as { token: string; json: string }[];
  for (const row of metaRows) {
    if (objTokens.has(row.token))
      metas.set(row.token, parseStored(metaSchema, row.json, 'document'));
  }
  const edits = db
    .prepare(
      `SELECT obj_token AS objToken, user_id AS userId, day, time_ms AS timeMs FROM doc_edits
       ORDER BY obj_token, user_id, day`,
    )
    .all() as DocEdit[];
  return {
    spaces: spaceIds.map((spaceId) => ({
      spaceId,
      name: spaceName.get(spaceId) as string | undefined,
    })),
    wikiNodes,
    metas,
    edits: edits.filter((edit) => objTokens.has(edit.objToken)),
  };
}

function readTable(db: Database.Database, appToken: string, tableId: string): TableSnapshot {
  const fieldsJson = db
    .prepare('SELECT fields_json FROM task_tables WHERE app_token = ? AND table_id = ?')
    .pluck()
    .get(appToken, tableId) as string | undefined;
  const records = (
    db
      .prepare('SELECT json FROM records WHERE app_token = ? AND table_id = ? ORDER BY record_id')
      .pluck()
      .all(appToken, tableId) as string[]
  ).map((json) => parseStored(recordSchema, json, 'task row'));
  const fields =
    fieldsJson === undefined
      ? undefined
      : (JSON.parse(fieldsJson) as unknown[]).map((field) =>
          parseStored(fieldSchema, JSON.stringify(field), 'table field'),
        );
  return { appToken, tableId, fields, records };
}

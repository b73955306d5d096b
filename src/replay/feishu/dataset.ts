/**
 * The Feishu stand-in's data: a typed, compact description of a tenant (people, bots, group
 * chats with messages and reactions, wiki spaces with documents, bitable bases with task
 * tables), from which the stand-in builds the platform's answers. Tests load recorded,
 * pseudonymous fixtures in this shape (`test/fixtures/feishu/*.json`); a demo generator can
 * write the same shape. Times are ISO date-times in the file and epoch milliseconds once parsed.
 * The format is documented in docs/formats.md ("Feishu plugin").
 */
import * as z from 'zod';
import { parseWithSchema } from '../../core/validation.js';

const time = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text));
const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'expected letters, digits, "_" or "-"' });

const reactionSchema = z.strictObject({
  emoji: z.string().min(1),
  /** open_id of a user or app_id of a bot. */
  by: id,
  time,
});

const messageSchema = z.strictObject({
  id,
  /** open_id of a user or app_id of a bot. */
  sender: id,
  time,
  type: z.string().default('text'),
  /** Text of a `text` message; mentions appear as `@_user_1`, `@_user_2`, ... */
  text: z.string().optional(),
  /** Any other body, sent as its JSON text (a `post`, a card). */
  content: z.unknown().optional(),
  /** open_ids of the mentioned users, in key order (`@_user_1` first). */
  mentions: z.array(id).default([]),
  parent: id.optional(),
  root: id.optional(),
  /**
   * The topic thread (`omt_…`) the message belongs to, in a topic group. A thread's first
   * message (no `root`) is listed with the chat; its replies (with `root`) only when the thread
   * itself is listed (`container_id_type=thread`), as Feishu does.
   */
  thread: id.optional(),
  /** A recalled message: its body is no longer JSON. */
  recalled: z.boolean().default(false),
  reactions: z.array(reactionSchema).default([]),
});

const wikiNodeSchema = z.strictObject({
  token: id,
  objToken: id,
  objType: z.enum(['docx', 'doc', 'sheet', 'bitable', 'mindnote', 'file', 'slides']),
  title: z.string(),
  parent: id.optional(),
  owner: id,
  created: time,
  edited: time,
  /** Who edited last (the owner when absent). */
  lastEditor: id.optional(),
});

const fieldSchema = z.strictObject({
  id,
  name: z.string().min(1),
  /** Bitable field type: 1 text, 2 number, 3 single select, 5 date, 7 checkbox, 11 person... */
  type: z.number().int(),
  primary: z.boolean().default(false),
});

const recordSchema = z.strictObject({
  id,
  /**
   * Cells by column name: text as a string, numbers, select options as strings, dates as ISO
   * date-times or epoch milliseconds, people as lists of open_ids; other types as Feishu sends them.
   */
  fields: z.record(z.string(), z.unknown()),
  createdBy: id,
  created: time,
  modifiedBy: id.optional(),
  modified: time.optional(),
});

const datasetSchema = z.strictObject({
  type: z.literal('cred/feishu-dataset'),
  version: z.literal(1),
  description: z.string().optional(),
  /** The only app credentials the token call accepts (obviously fake ones in fixtures). */
  app: z.strictObject({ appId: id, appSecret: z.string().min(1) }),
  /** Base of document URLs, e.g. "https://example-tenant.feishu.cn". */
  tenantUrl: z.url().default('https://example-tenant.feishu.cn'),
  users: z.array(z.strictObject({ openId: id, name: z.string().min(1) })),
  bots: z.array(z.strictObject({ appId: id, name: z.string().min(1) })).default([]),
  chats: z
    .array(
      z.strictObject({
        chatId: id,
        name: z.string().min(1),
        members: z.array(id),
        messages: z.array(messageSchema),
      }),
    )
    .default([]),
  wikiSpaces: z
    .array(z.strictObject({ spaceId: id, name: z.string().min(1), nodes: z.array(wikiNodeSchema) }))
    .default([]),
  bitables: z
    .array(
      z.strictObject({
        appToken: id,
        name: z.string().min(1),
        tables: z.array(
          z.strictObject({
            tableId: id,
            name: z.string().min(1),
            fields: z.array(fieldSchema),
            records: z.array(recordSchema),
          }),
        ),
      }),
    )
    .default([]),
});

export type FeishuDataset = z.output<typeof datasetSchema>;
export type DatasetInput = z.input<typeof datasetSchema>;
export type DatasetMessage = z.output<typeof messageSchema>;
export type DatasetWikiNode = z.output<typeof wikiNodeSchema>;
export type DatasetTable = FeishuDataset['bitables'][number]['tables'][number];
export type DatasetRecord = z.output<typeof recordSchema>;

/** Parses a dataset (from a fixture file or a generator); `file` names it in errors. */
export function parseFeishuDataset(json: unknown, file: string): FeishuDataset {
  return parseWithSchema(
    datasetSchema,
    json,
    file,
    'FEISHU_DATASET_INVALID',
    'Fix "{field}" (docs/formats.md, "Feishu plugin", stand-in dataset).',
  );
}

/** Parses one message in the dataset's shape (for tests that add messages). */
export function parseDatasetMessage(json: unknown): DatasetMessage {
  return parseWithSchema(
    messageSchema,
    json,
    'message',
    'FEISHU_DATASET_INVALID',
    'Fix "{field}".',
  );
}

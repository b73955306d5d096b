/**
 * The shapes of the Feishu answers the plugin reads, as zod schemas. Only the fields the plugin
 * uses are checked (the platform adds fields freely); a missing or mistyped one makes the load
 * fail with a clear error before anything is written, instead of a graph built on guesses.
 * Validated items are stored in the mirror as JSON and read back through the same schemas.
 */
import * as z from 'zod';

/** Feishu sends times as decimal strings: milliseconds (messages) or seconds (docs). */
const digits = z.string().regex(/^\d+$/, { message: 'expected a decimal timestamp' });

export const pageOf = <Item extends z.ZodType>(item: Item) =>
  z.object({
    has_more: z.boolean(),
    page_token: z.string().optional(),
    items: z.array(item).nullish(),
  });

export const chatSchema = z.object({ name: z.string() });

export const memberSchema = z.object({
  member_id: z.string().min(1),
  name: z.string(),
});

export const messageSchema = z.object({
  message_id: z.string().min(1),
  root_id: z.string().optional(),
  parent_id: z.string().optional(),
  /** The topic thread (`omt_…`) of a message in a topic group. */
  thread_id: z.string().optional(),
  msg_type: z.string().min(1),
  create_time: digits,
  deleted: z.boolean().optional(),
  chat_id: z.string().min(1),
  sender: z.object({
    id: z.string(),
    id_type: z.string(),
    sender_type: z.string(),
  }),
  body: z.object({ content: z.string() }).optional(),
  mentions: z
    .array(z.object({ key: z.string(), id: z.string(), name: z.string().optional() }))
    .optional(),
});

export const reactionSchema = z.object({
  reaction_id: z.string().min(1),
  operator: z.object({
    operator_id: z.string().min(1),
    operator_type: z.enum(['user', 'app']),
  }),
  action_time: digits,
  reaction_type: z.object({ emoji_type: z.string().min(1) }),
});

export const spaceSchema = z.object({
  space: z.object({ space_id: z.string(), name: z.string() }),
});

export const wikiNodeSchema = z.object({
  space_id: z.string().min(1),
  node_token: z.string().min(1),
  obj_token: z.string().min(1),
  obj_type: z.string().min(1),
  parent_node_token: z.string().optional(),
  title: z.string(),
  has_child: z.boolean(),
  owner: z.string().optional(),
  creator: z.string().optional(),
  obj_create_time: digits.optional(),
  obj_edit_time: digits.optional(),
});

export const metaSchema = z.object({
  doc_token: z.string().min(1),
  doc_type: z.string(),
  title: z.string(),
  owner_id: z.string(),
  create_time: digits,
  latest_modify_user: z.string(),
  latest_modify_time: digits,
  url: z.string().optional(),
});

export const metasSchema = z.object({
  metas: z.array(metaSchema).nullish(),
  failed_list: z.array(z.object({ token: z.string(), code: z.number() })).nullish(),
});

export const fieldSchema = z.object({
  field_id: z.string().min(1),
  field_name: z.string().min(1),
  type: z.number().int(),
  is_primary: z.boolean().optional(),
});

const userRef = z.object({ id: z.string() }).nullish();

export const recordSchema = z.object({
  record_id: z.string().min(1),
  fields: z.record(z.string(), z.unknown()),
  created_by: userRef,
  created_time: z.number().optional(),
  last_modified_by: userRef,
  last_modified_time: z.number().optional(),
});

/** A person cell: the users of a person column (`user_id_type=open_id`). */
export const personCellSchema = z.array(
  z.object({ id: z.string().min(1), name: z.string().optional() }),
);

export type Member = z.infer<typeof memberSchema>;
export type Message = z.infer<typeof messageSchema>;
export type Reaction = z.infer<typeof reactionSchema>;
export type WikiNode = z.infer<typeof wikiNodeSchema>;
export type DocMeta = z.infer<typeof metaSchema>;
export type Field = z.infer<typeof fieldSchema>;
export type TableRecord = z.infer<typeof recordSchema>;

/** Document types `drive/v1/metas/batch_query` knows. */
export const DOC_TYPES = [
  'doc',
  'docx',
  'sheet',
  'bitable',
  'mindnote',
  'file',
  'slides',
  'wiki',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

export function isDocType(type: string): type is DocType {
  return (DOC_TYPES as readonly string[]).includes(type);
}

export interface Page<Item> {
  readonly items: readonly Item[];
  readonly hasMore: boolean;
  readonly pageToken: string | undefined;
}

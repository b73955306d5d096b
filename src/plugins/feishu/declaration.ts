/**
 * The Feishu (Lark) plugin's node and edge types. Addresses put the container first, so a weight
 * file can weigh each chat, wiki space and task table on its own:
 *
 *   feishu/message/<chat_id>/<message_id>          feishu/record/<app_token>/<table_id>/<record_id>
 *   feishu/reaction/<chat_id>/<message_id>/<operator>/<emoji>
 *   feishu/doc/<space_id>/<obj_type>/<obj_token>    feishu/edit/<space_id>/<obj_token>/<user>/<day>
 *
 * Accounts are `feishu/user/<open_id>` (people) and `feishu/bot/<app_id>` (apps post as their
 * app id, not an open_id). The `assigned` edge carries cred from a task row only backwards, to
 * its assignees: cred minted by a row's points reaches the people on it and nobody else
 * (docs/decisions/0201-feishu-points-graph.md).
 */
import {
  edgeAddress,
  nodeAddress,
  type EdgeAddress,
  type NodeAddress,
} from '../../core/address.js';
import {
  edgeType,
  nodeType,
  type EdgeType,
  type NodeType,
  type PluginDeclaration,
} from '../../core/plugin.js';

export const FEISHU_PLUGIN = 'feishu';

const node = (type: string): NodeAddress => nodeAddress([FEISHU_PLUGIN, type]);
const edge = (type: string): EdgeAddress => edgeAddress([FEISHU_PLUGIN, type]);

export const USER_PREFIX = node('user');
export const BOT_PREFIX = node('bot');
export const CHAT_PREFIX = node('chat');
export const MESSAGE_PREFIX = node('message');
export const REACTION_PREFIX = node('reaction');
export const SPACE_PREFIX = node('space');
export const DOC_PREFIX = node('doc');
export const EDIT_PREFIX = node('edit');
export const TABLE_PREFIX = node('table');
export const RECORD_PREFIX = node('record');

export const AUTHORS_PREFIX = edge('authors');
export const REPLIES_TO_PREFIX = edge('replies-to');
export const MENTIONS_PREFIX = edge('mentions');
export const REFERENCES_PREFIX = edge('references');
export const CREATES_REACTION_PREFIX = edge('creates-reaction');
export const REACTS_TO_PREFIX = edge('reacts-to');
export const EDITS_PREFIX = edge('edits');
export const EDIT_OF_PREFIX = edge('edit-of');
export const ASSIGNED_PREFIX = edge('assigned');

const nodeTypes: readonly NodeType[] = [
  nodeType('User', 'Users', USER_PREFIX, 0, 'A Feishu user, keyed by open_id.'),
  nodeType('Bot', 'Bots', BOT_PREFIX, 0, 'An app that posts in chats, keyed by app_id.'),
  nodeType('Chat', 'Chats', CHAT_PREFIX, 0, 'A group chat: the container of its messages.'),
  nodeType(
    'Message',
    'Messages',
    MESSAGE_PREFIX,
    0.25,
    'A chat message; system messages, stickers and recalled messages mint nothing.',
  ),
  nodeType(
    'Reaction',
    'Reactions',
    REACTION_PREFIX,
    0.25,
    'An emoji reaction to a message; it mints for the message it reacts to.',
  ),
  nodeType(
    'Wiki space',
    'Wiki spaces',
    SPACE_PREFIX,
    0,
    'A wiki space: the container of its documents.',
  ),
  nodeType('Document', 'Documents', DOC_PREFIX, 1, 'A wiki document (docx, sheet, bitable, ...).'),
  nodeType(
    'Edit',
    'Edits',
    EDIT_PREFIX,
    0.25,
    "A user's edit of a document on one day, as last seen by a load.",
  ),
  nodeType(
    'Table',
    'Tables',
    TABLE_PREFIX,
    0,
    'A bitable table of tasks: the container of its rows.',
  ),
  nodeType(
    'Task row',
    'Task rows',
    RECORD_PREFIX,
    1,
    'A row of a task table; its points multiply this weight.',
  ),
];

const edgeTypes: readonly EdgeType[] = [
  edgeType(
    'authors',
    'is authored by',
    AUTHORS_PREFIX,
    0.5,
    1,
    'A user to the message they sent or the document they own.',
  ),
  edgeType(
    'replies to',
    'is replied to by',
    REPLIES_TO_PREFIX,
    1,
    0,
    'A message to the message it answers.',
  ),
  edgeType(
    'mentions',
    'is mentioned by',
    MENTIONS_PREFIX,
    0.5,
    0,
    'A message to a user it @-mentions.',
  ),
  edgeType(
    'references',
    'is referenced by',
    REFERENCES_PREFIX,
    1,
    0,
    'A message to a document or URL it links.',
  ),
  edgeType(
    'creates reaction',
    'is created by',
    CREATES_REACTION_PREFIX,
    1,
    0,
    'A user to their reaction.',
  ),
  edgeType('reacts to', 'is reacted to by', REACTS_TO_PREFIX, 1, 0, 'A reaction to its message.'),
  edgeType('edits', 'is edited by', EDITS_PREFIX, 0.5, 1, 'A user to their edit of a document.'),
  edgeType(
    'is an edit of',
    'has edit',
    EDIT_OF_PREFIX,
    1,
    0.25,
    'An edit to the document it changed.',
  ),
  edgeType(
    'is assigned',
    'is the work of',
    ASSIGNED_PREFIX,
    0,
    1,
    "A person to a task row; the person's share scales it. Backwards only, so a row's cred goes to its assignees alone.",
  ),
];

export const feishuDeclaration: PluginDeclaration = Object.freeze({
  name: FEISHU_PLUGIN,
  title: 'Feishu (Lark)',
  nodeTypes: Object.freeze(nodeTypes),
  edgeTypes: Object.freeze(edgeTypes),
  userTypes: Object.freeze([USER_PREFIX, BOT_PREFIX]),
});

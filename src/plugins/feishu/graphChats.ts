/**
 * Group chats to graph (pure). A message is authored by its sender, replies to its parent,
 * mentions the users in its `mentions[]` (the text holds only `@_user_N` keys), and references
 * the links in its body: Feishu documents of the loaded spaces directly, anything else through
 * `core/url/<url>` so another plugin's node can claim it. System messages, stickers, shares
 * and recalled messages (whose body is not JSON) mint nothing. A reaction mints for the message
 * it reacts to, except on one's own message.
 */
import type { NodeAddress } from '../../core/address.js';
import { urlAddress } from '../../core/urlReference.js';
import { chatAddress, messageAddress, reactionAddress } from './addresses.js';
import {
  AUTHORS_PREFIX,
  CREATES_REACTION_PREFIX,
  MENTIONS_PREFIX,
  REACTS_TO_PREFIX,
  REFERENCES_PREFIX,
  REPLIES_TO_PREFIX,
} from './declaration.js';
import type { GraphBuild } from './graphBuild.js';
import type { Message } from './schemas.js';
import type { FeishuSnapshot } from './snapshot.js';

/** Message types that carry someone's work; others (system, sticker, share_*) mint nothing. */
const CONTENT_TYPES = new Set(['text', 'post', 'image', 'file', 'media', 'audio', 'interactive']);

/** Resolves a Feishu document link (`/wiki/<node>`, `/docx/<token>`, ...) to a loaded doc. */
export type DocLinkResolver = (url: string) => NodeAddress | undefined;

export function addChats(
  build: GraphBuild,
  snapshot: FeishuSnapshot,
  resolveDoc: DocLinkResolver,
): void {
  for (const chat of snapshot.chats) {
    build.graph.addNode({
      address: chatAddress(chat.chatId),
      description: chat.name ?? `chat ${chat.chatId}`,
      timestampMs: null,
    });
  }
  const chatNames = new Map(snapshot.chats.map((chat) => [chat.chatId, chat.name ?? chat.chatId]));
  const authors = new Map<string, NodeAddress>();
  for (const message of snapshot.messages) {
    const author = addMessage(
      build,
      message,
      chatNames.get(message.chat_id) ?? message.chat_id,
      resolveDoc,
    );
    if (author !== undefined) authors.set(message.message_id, author);
  }
  const chatOf = new Map(snapshot.messages.map((message) => [message.message_id, message.chat_id]));
  for (const reaction of snapshot.reactions) {
    const chatId = chatOf.get(reaction.message_id);
    if (chatId === undefined) continue;
    const { operator_id: operatorId, operator_type: operatorType } = reaction.operator;
    const emoji = reaction.reaction_type.emoji_type;
    const address = reactionAddress(chatId, reaction.message_id, operatorId, emoji);
    if (build.graph.hasNode(address)) continue; // one reaction per person and emoji counts
    const operator = build.account(operatorId, operatorType === 'app' ? 'bot' : 'user');
    const timeMs = Number(reaction.action_time);
    const own = authors.get(reaction.message_id) === operator;
    build.graph.addNode({
      address,
      description: `${build.nameOf(operatorId)} reacted ${emoji}`,
      timestampMs: timeMs,
      container: chatAddress(chatId),
      ...(own ? { weight: 0 } : {}),
    });
    build.edge(CREATES_REACTION_PREFIX, operator, address, timeMs);
    build.edge(REACTS_TO_PREFIX, address, messageAddress(chatId, reaction.message_id), timeMs);
  }
}

function addMessage(
  build: GraphBuild,
  message: Message,
  chatName: string,
  resolveDoc: DocLinkResolver,
): NodeAddress | undefined {
  const chatId = message.chat_id;
  const address = messageAddress(chatId, message.message_id);
  const timeMs = Number(message.create_time);
  const content = parseContent(message.body?.content);
  const mints = carriesWork(message);
  const text =
    content === undefined ? '(recalled)' : mentionNames(content.texts.join(' '), message);
  build.graph.addNode({
    address,
    description: `${chatName}: ${oneLine(text, message.msg_type)}`,
    timestampMs: timeMs,
    container: chatAddress(chatId),
    ...(mints ? {} : { weight: 0 }),
  });
  const sender = message.sender;
  const kind =
    sender.sender_type === 'app' ? 'bot' : sender.sender_type === 'user' ? 'user' : undefined;
  const author =
    kind === undefined || sender.id === '' ? undefined : build.account(sender.id, kind);
  if (author !== undefined) build.edge(AUTHORS_PREFIX, author, address, timeMs);
  const parent = message.parent_id || message.root_id;
  if (parent) build.edge(REPLIES_TO_PREFIX, address, messageAddress(chatId, parent), timeMs);
  for (const mention of message.mentions ?? []) {
    if (mention.id !== '')
      build.edge(MENTIONS_PREFIX, address, build.account(mention.id, 'user'), timeMs);
  }
  for (const url of content?.urls ?? []) {
    const target = resolveDoc(url) ?? urlAddress(url);
    if (target !== undefined) build.edge(REFERENCES_PREFIX, address, target, timeMs);
  }
  return author;
}

/** True for a message that someone wrote and that still exists (not recalled or deleted). */
export function carriesWork(message: Message): boolean {
  return (
    message.deleted !== true &&
    CONTENT_TYPES.has(message.msg_type) &&
    parseContent(message.body?.content) !== undefined
  );
}

interface Content {
  readonly texts: readonly string[];
  readonly urls: readonly string[];
}

/** A link in text: ASCII URL characters only, so "见 https://x.org，和" stops at the comma. */
const URL_PATTERN = /https?:\/\/[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+/g;

/** Texts and links of a message body (`text`, `post` in any locale, cards); undefined if not JSON. */
export function parseContent(raw: string | undefined): Content | undefined {
  if (raw === undefined) return { texts: [], urls: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const texts: string[] = [];
  const hrefs: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (key === 'href' || key === 'url') hrefs.push(value);
      else if (key === 'text' || key === 'title' || key === 'content') texts.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key);
    } else if (value !== null && typeof value === 'object') {
      for (const [child, item] of Object.entries(value)) walk(item, child);
    }
  };
  walk(parsed, '');
  const found = texts.flatMap((text) => text.match(URL_PATTERN) ?? []);
  const urls = [
    ...new Set([...hrefs, ...found].map((url) => url.replace(/[.,;:!?。，；：！？]+$/u, ''))),
  ];
  return { texts, urls: urls.filter((url) => /^https?:\/\//.test(url)) };
}

/** Replaces `@_user_N` keys with the mentioned names. */
function mentionNames(text: string, message: Message): string {
  let result = text;
  for (const mention of message.mentions ?? []) {
    result = result.replaceAll(mention.key, `@${mention.name ?? mention.id}`);
  }
  return result;
}

function oneLine(text: string, msgType: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return `(${msgType})`;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

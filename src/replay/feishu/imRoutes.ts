/**
 * The stand-in's messaging APIs (`im/v1`): a chat, its members, its messages (by chat, from a
 * start time, oldest first by default, at most 50 a page; or by topic thread, which takes no
 * time range and lists the thread's replies, which a chat listing leaves out) and each
 * message's reactions, in the
 * shapes the open platform returns them: times as millisecond strings, bodies as JSON text
 * (except a recalled message's), mentions as `@_user_N` keys plus a `mentions` list, and bot
 * senders named by app_id.
 */
import type { Router } from 'express';
import { fail, ok, pageOf } from './answers.js';
import type { DatasetMessage, FeishuDataset } from './dataset.js';

/** Feishu's code for "the bot is not in the chat" (or the chat does not exist). */
const NOT_IN_CHAT = 232011;

export function mountIm(
  router: Router,
  data: () => FeishuDataset,
  maxPageItems: number | undefined,
): void {
  mountChats(router, data, maxPageItems);
  mountMessages(router, data, maxPageItems);
}

function chatIn(data: FeishuDataset, chatId: unknown) {
  return data.chats.find((chat) => chat.chatId === chatId);
}

function mountChats(
  router: Router,
  data: () => FeishuDataset,
  maxPageItems: number | undefined,
): void {
  const chatOf = (chatId: unknown) => chatIn(data(), chatId);
  router.get('/im/v1/chats/:chat_id', (request, response) => {
    const chat = chatOf(request.params.chat_id);
    if (chat === undefined) return fail(response, 400, NOT_IN_CHAT, 'Bot is not in the chat.');
    ok(response, {
      chat_id: chat.chatId,
      name: chat.name,
      chat_mode: 'group',
      tenant_key: 'fake_tenant',
    });
  });

  router.get('/im/v1/chats/:chat_id/members', (request, response) => {
    const chat = chatOf(request.params.chat_id);
    if (chat === undefined) return fail(response, 400, NOT_IN_CHAT, 'Bot is not in the chat.');
    const members = chat.members.map((openId) => ({
      member_id: openId,
      member_id_type: 'open_id',
      name: data().users.find((user) => user.openId === openId)?.name ?? '',
      tenant_key: 'fake_tenant',
    }));
    const page = pageOf(request, response, members, {
      defaultSize: 20,
      maxSize: 100,
      maxPageItems,
    });
    if (page !== undefined) ok(response, { ...page, member_total: members.length });
  });
}

function mountMessages(
  router: Router,
  data: () => FeishuDataset,
  maxPageItems: number | undefined,
): void {
  const chatOf = (chatId: unknown) => chatIn(data(), chatId);

  router.get('/im/v1/messages', (request, response) => {
    const {
      container_id_type: type,
      container_id: chatId,
      start_time,
      end_time,
      sort_type,
    } = request.query;
    if (type === 'thread' && (start_time !== undefined || end_time !== undefined)) {
      // Feishu: "thread 容器类型暂不支持获取指定时间范围内的消息" (no time range for threads).
      return fail(response, 400, 99992402, 'field validation failed: start_time with thread');
    }
    if (type !== 'chat' && type !== 'thread')
      return fail(response, 400, 99992402, 'field validation failed: container_id_type');
    const chat =
      type === 'chat'
        ? chatOf(chatId)
        : data().chats.find((c) => c.messages.some((m) => m.thread === chatId));
    if (chat === undefined) return fail(response, 400, NOT_IN_CHAT, 'Bot is not in the chat.');
    const fromMs = start_time === undefined ? -Infinity : Number(start_time) * 1000;
    const toMs = end_time === undefined ? Infinity : Number(end_time) * 1000;
    const direction = sort_type === 'ByCreateTimeDesc' ? -1 : 1;
    const listed =
      type === 'chat'
        ? (message: DatasetMessage) => message.thread === undefined || message.root === undefined
        : (message: DatasetMessage) => message.thread === chatId && message.root !== undefined;
    const messages = chat.messages
      .filter((message) => listed(message) && message.time >= fromMs && message.time <= toMs)
      .sort((a, b) => direction * (a.time - b.time || (a.id < b.id ? -1 : 1)))
      .map((message) => messageAnswer(data(), chat.chatId, message));
    const page = pageOf(request, response, messages, {
      defaultSize: 20,
      maxSize: 50,
      maxPageItems,
    });
    if (page !== undefined) ok(response, page);
  });

  router.get('/im/v1/messages/:message_id/reactions', (request, response) => {
    const message = data()
      .chats.flatMap((chat) => chat.messages)
      .find((candidate) => candidate.id === request.params.message_id);
    if (message === undefined) return fail(response, 400, 230001, 'message not found');
    const reactions = message.reactions.map((reaction, index) => ({
      reaction_id: `r_${message.id}_${index + 1}`,
      operator: {
        operator_id: reaction.by,
        operator_type: isBot(data(), reaction.by) ? 'app' : 'user',
      },
      action_time: String(reaction.time),
      reaction_type: { emoji_type: reaction.emoji },
    }));
    const page = pageOf(request, response, reactions, {
      defaultSize: 20,
      maxSize: 50,
      maxPageItems,
    });
    if (page !== undefined) ok(response, page);
  });
}

function isBot(data: FeishuDataset, id: string): boolean {
  return data.bots.some((bot) => bot.appId === id);
}

function messageAnswer(
  data: FeishuDataset,
  chatId: string,
  message: DatasetMessage,
): Record<string, unknown> {
  const bot = isBot(data, message.sender);
  const content = message.recalled
    ? 'This message was recalled'
    : JSON.stringify(message.content ?? { text: message.text ?? '' });
  return {
    message_id: message.id,
    ...(message.root === undefined ? {} : { root_id: message.root }),
    ...(message.parent === undefined ? {} : { parent_id: message.parent }),
    ...(message.thread === undefined ? {} : { thread_id: message.thread }),
    msg_type: message.type,
    create_time: String(message.time),
    update_time: String(message.time),
    deleted: false,
    updated: false,
    chat_id: chatId,
    sender: {
      id: message.sender,
      id_type: bot ? 'app_id' : 'open_id',
      sender_type: bot ? 'app' : 'user',
      tenant_key: 'fake_tenant',
    },
    body: { content },
    mentions: message.mentions.map((openId, index) => ({
      key: `@_user_${index + 1}`,
      id: openId,
      id_type: 'open_id',
      name: data.users.find((user) => user.openId === openId)?.name ?? '',
      tenant_key: 'fake_tenant',
    })),
  };
}

/**
 * Loading a chat: its members, its messages from the watermark (minus `rereadDays`, to see late
 * reactions), each message's reactions, and the replies of its topic threads. A topic group
 * lists only each thread's first message with the chat; the replies come from listing the
 * thread (`container_id_type=thread`), which Feishu serves whole, with no time range. So a
 * thread is listed when it is new, was not read to its end, or had a message within the reread
 * window; a reply to a thread quiet for longer than `rereadDays` is seen on the next full read
 * (docs/plugins.md, "Feishu: what a reload cannot see").
 */
import type { KindTally } from '../../core/loadReport.js';
import type { PluginContext } from '../../core/plugin.js';
import { DAY_MS } from '../../core/weeks.js';
import type { FeishuApi } from './api.js';
import type { FeishuConfig } from './config.js';
import { carriesWork } from './graphChats.js';
import { allItems, pagesOf } from './paging.js';
import type { FeishuMirror } from './mirror.js';
import type { Message, Reaction } from './schemas.js';

export interface ChatRun {
  readonly api: FeishuApi;
  readonly mirror: FeishuMirror;
  readonly context: PluginContext<FeishuConfig>;
  readonly tallies: Map<string, KindTally>;
  /** Reactions read, by emoji. */
  readonly emojis: Map<string, number>;
  /** Everyone in any of the chats, once. */
  readonly people: Set<string>;
}

/** Loads one chat; true when it was read from the start (a first load). */
export async function loadChat(run: ChatRun, chatId: string): Promise<boolean> {
  const { api, mirror, context } = run;
  const name = await api.chatName(chatId);
  const members = await allItems(`members of ${chatId}`, (token) => api.members(chatId, token));
  mirror.writeChat(chatId, name, members);
  for (const member of members) run.people.add(member.member_id);
  const watermarkMs = mirror.chatWatermarkMs(chatId);
  const sinceMs =
    watermarkMs === undefined ? 0 : Math.max(0, watermarkMs - context.config.rereadDays * DAY_MS);
  const startS = Math.floor(sinceMs / 1000);
  context.reporter.progress(
    `feishu: chat "${name}" from ${startS === 0 ? 'the start' : new Date(startS * 1000).toISOString()}`,
  );
  for await (const page of pagesOf(`messages of ${chatId}`, (token) =>
    api.messages(chatId, startS, token),
  )) {
    const reactions = await reactionsOf(run, page.items);
    mirror.writeMessagePage(chatId, page.items, reactions, run.tallies);
  }
  const threads = mirror.threadsToRead(chatId, startS * 1000);
  if (threads.length > 0)
    context.reporter.progress(`feishu: chat "${name}": ${threads.length} topic threads`);
  for (const threadId of threads) {
    for await (const page of pagesOf(`thread ${threadId}`, (token) =>
      api.threadMessages(threadId, token),
    )) {
      const reactions = await reactionsOf(run, page.items);
      mirror.writeThreadPage(chatId, threadId, page.items, reactions, run.tallies, !page.hasMore);
    }
  }
  return startS === 0;
}

/** The reactions of each message that carries work (the others mint nothing to react to). */
async function reactionsOf(
  run: ChatRun,
  messages: readonly Message[],
): Promise<Map<string, Reaction[]>> {
  const reactions = new Map<string, Reaction[]>();
  for (const message of messages) {
    if (!carriesWork(message)) continue;
    const id = message.message_id;
    const read = await allItems(`reactions to ${id}`, (token) => run.api.reactions(id, token));
    reactions.set(id, read);
    for (const reaction of read) {
      const emoji = reaction.reaction_type.emoji_type;
      run.emojis.set(emoji, (run.emojis.get(emoji) ?? 0) + 1);
    }
  }
  return reactions;
}

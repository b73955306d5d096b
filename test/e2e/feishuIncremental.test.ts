/**
 * Incremental equals fresh, for Feishu: random changes applied to the stand-in's dataset
 * between two loads (new messages and replies, reactions to recent messages, thread replies in
 * an active topic thread, rows added, edited and deleted, documents added) must leave the graph
 * byte for byte the graph a fresh load of the changed dataset gives. What Feishu offers no way
 * to see is not generated, and docs/plugins.md says how it is bounded: a reaction to a message
 * older than `rereadDays` before the newest one, a reply in a thread quiet for longer than that
 * (`im/v1/messages` lists no reactions or thread replies by time), and a document edit (the
 * REST API keeps only the last editor, so an incremental load knows more editors than a fresh one).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonicalJson.js';
import { toGraphJson } from '../../src/core/graphJson.js';
import { DAY_MS } from '../../src/core/weeks.js';
import { feishuPlugin } from '../../src/plugins/feishu/index.js';
import type { FeishuDataset } from '../../src/replay/feishu/dataset.js';
import {
  closeFeishuStandIns,
  datasetMessage,
  load,
  setup,
  TOPICS,
  withTopicGroup,
} from './feishuHarness.js';

afterEach(closeFeishuStandIns);

const USERS = ['ou_fake_lin', 'ou_fake_chen', 'ou_fake_wang', 'ou_fake_zhao', 'ou_fake_sun'];
const CHATS = ['oc_fake_volunteers', 'oc_fake_translation', TOPICS];
const CONFIG = { chats: CHATS, rereadDays: 7 };
const START_MS = Date.UTC(2026, 9, 28);
const HOUR_MS = 3_600_000;

type Change =
  | { kind: 'message'; chat: number; user: number; mention: number; replyTo: number }
  | { kind: 'react'; chat: number; message: number; user: number; emoji: number }
  | { kind: 'threadReply'; user: number }
  | { kind: 'row'; action: 'add' | 'edit' | 'delete'; row: number; points: number }
  | { kind: 'doc'; user: number };

const pick = fc.nat(99);
const user = fc.nat(USERS.length - 1);
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant('message' as const),
    chat: pick,
    user,
    mention: pick,
    replyTo: pick,
  }),
  fc.record({
    kind: fc.constant('react' as const),
    chat: pick,
    message: pick,
    user,
    emoji: fc.nat(2),
  }),
  fc.record({ kind: fc.constant('threadReply' as const), user }),
  fc.record({
    kind: fc.constant('row' as const),
    action: fc.constantFrom('add' as const, 'edit' as const, 'delete' as const),
    row: pick,
    points: fc.integer({ min: 1, max: 9 }),
  }),
  fc.record({ kind: fc.constant('doc' as const), user }),
);

/** Messages a load lists with the chat and re-reads within rereadDays of the newest. */
function recentMessages(dataset: FeishuDataset, chatId: string, sinceMs: number) {
  const chat = dataset.chats.find((c) => c.chatId === chatId)!;
  return chat.messages.filter(
    (m) => (m.thread === undefined || m.root === undefined) && m.time >= sinceMs,
  );
}

function apply(dataset: FeishuDataset, changes: readonly Change[]): void {
  const windowStart = new Map(
    CHATS.map((chatId) => {
      const newest = Math.max(...recentMessages(dataset, chatId, 0).map((m) => m.time));
      return [chatId, newest - 7 * DAY_MS];
    }),
  );
  changes.forEach((c, index) => {
    const time = START_MS + (index + 1) * HOUR_MS;
    const id = `om_prop_${index}`;
    switch (c.kind) {
      case 'message': {
        const chatId = CHATS[c.chat % CHATS.length]!;
        const chat = dataset.chats.find((x) => x.chatId === chatId)!;
        const recent = recentMessages(dataset, chatId, windowStart.get(chatId)!);
        const parent = c.replyTo % 2 === 0 ? recent[c.replyTo % recent.length] : undefined;
        const mentioned = chat.members[c.mention % chat.members.length]!;
        chat.messages.push(
          datasetMessage({
            id,
            sender: USERS[c.user],
            time: new Date(time).toISOString(),
            text: `进展 @_user_1`,
            mentions: [mentioned],
            ...(parent === undefined || chatId === TOPICS
              ? {}
              : { parent: parent.id, root: parent.root ?? parent.id }),
          }),
        );
        return;
      }
      case 'react': {
        const chatId = CHATS[c.chat % CHATS.length]!;
        const recent = recentMessages(dataset, chatId, windowStart.get(chatId)!).filter(
          (m) => m.type === 'text' && !m.recalled,
        );
        const target = recent[c.message % Math.max(1, recent.length)];
        target?.reactions.push({
          emoji: ['THUMBSUP', 'DONE', 'HEART'][c.emoji]!,
          by: USERS[c.user]!,
          time,
        });
        return;
      }
      case 'threadReply': {
        const topics = dataset.chats.find((x) => x.chatId === TOPICS)!;
        topics.messages.push(
          datasetMessage({
            id,
            sender: USERS[c.user],
            time: new Date(time).toISOString(),
            text: '跟进',
            thread: 'omt_fake_1',
            root: 'om_topic_1',
            parent: 'om_topic_1',
          }),
        );
        return;
      }
      case 'row': {
        const table = dataset.bitables[0]!.tables[0]!;
        const row = table.records[c.row % table.records.length]!;
        if (c.action === 'delete' && table.records.length > 1)
          table.records.splice(table.records.indexOf(row), 1);
        else if (c.action === 'edit')
          Object.assign(row, {
            fields: { ...row.fields, 积分: c.points },
            modified: time,
            modifiedBy: 'ou_fake_li',
          });
        else
          table.records.push({
            ...row,
            id: `recProp${index}`,
            fields: { ...row.fields, 积分: c.points },
            created: time,
            modified: time,
          });
        return;
      }
      case 'doc': {
        const owner = USERS[c.user]!;
        dataset.wikiSpaces[0]!.nodes.push({
          token: `wikcnProp${index}`,
          objToken: `doxcnProp${index}`,
          objType: 'docx',
          title: `新文档 ${index}`,
          owner,
          created: time,
          edited: time,
        });
        return;
      }
    }
  });
}

async function graphAfter(changes: readonly Change[], incremental: boolean): Promise<string> {
  const { standIn, context } = await setup({ dataset: withTopicGroup(), config: CONFIG });
  if (incremental) await load(context);
  apply(standIn.data, changes);
  await load(context);
  const graph = canonicalJson(toGraphJson(await feishuPlugin.graph(context)));
  await closeFeishuStandIns();
  return graph;
}

describe('test/e2e/feishuIncremental', () => {
  it('an incremental load after random changes gives the graph a fresh load gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 12 }), async (changes) => {
        expect(await graphAfter(changes, true)).toBe(await graphAfter(changes, false));
      }),
      { numRuns: 6, seed: 18 },
    );
  }, 300_000);

  it('request counts per load: first, unchanged, after a week of changes', async () => {
    const week: Change[] = [];
    for (let day = 0; day < 7; day++) {
      for (let i = 0; i < 5; i++)
        week.push({ kind: 'message', chat: day + i, user: i, mention: i, replyTo: i + day });
      for (let i = 0; i < 3; i++)
        week.push({ kind: 'react', chat: i, message: day + i, user: i, emoji: i });
      week.push({ kind: 'threadReply', user: day % 5 });
      week.push({ kind: 'row', action: 'edit', row: day, points: 3 });
    }
    week.push({ kind: 'doc', user: 1 });
    const dataset = withTopicGroup();
    const { standIn, context } = await setup({ dataset, config: CONFIG, maxPageItems: 500 });
    const first = await load(context);
    const unchanged = await load(context);
    apply(standIn.data, week);
    const afterWeek = await load(context);
    // Unchanged: the chats' names, members and messages within rereadDays with their
    // reactions, one active thread, the wiki listing and the table; the first adds the token.
    expect([first, unchanged, afterWeek].map((s) => s.requests)).toEqual([35, 24, 67]);
  }, 120_000);
});

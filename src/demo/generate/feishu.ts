/**
 * The demo's Feishu tenant (`cred/feishu-dataset`, served by the Feishu stand-in): the
 * volunteers' group chat (messages, replies, @mentions, reactions, links to pull requests and
 * forum topics, a meeting bot's weekly reminder) and the task table where the organizers record
 * who did which task for how many points, as many Chinese communities do.
 */
import type { DatasetInput } from '../../replay/feishu/dataset.js';
import { after, HISTORY_START_MS, iso, momentIn, MONTHS } from './calendar.js';
import type { Random } from './random.js';
import { activeIn, type Person, type Roster } from './roster.js';
import { text } from './text.js';

export const FEISHU_APP = { appId: 'cli_demo_not_real', appSecret: 'demo-secret-not-real' };
export const FEISHU_CHAT = 'oc_demo_volunteers';
export const FEISHU_TABLE = {
  appToken: 'bascnDemoTidepool01',
  tableId: 'tblDemoTasks01',
  name: '任务积分表',
  pointsField: '积分',
  personField: '负责人',
  shareField: '分配比例',
  dateField: '完成日期',
  statusField: '状态',
  doneValues: ['已完成'],
};

type Message = NonNullable<DatasetInput['chats']>[number]['messages'][number];
type TaskRecord = NonNullable<
  DatasetInput['bitables']
>[number]['tables'][number]['records'][number];

const MESSAGES_PER_MONTH = 60;
const TASKS_PER_MONTH = 12;
const EMOJI = ['THUMBSUP', 'THUMBSUP', 'DONE', 'APPLAUSE'];

export class FeishuBuilder {
  private messageId = 1;
  private readonly members: Person[];

  constructor(
    private readonly random: Random,
    private readonly roster: Roster,
    /** URLs worth linking from chat (pull requests, forum topics), with their times. */
    private readonly links: readonly { url: string; createdMs: number }[],
  ) {
    this.members = roster.people.filter((person) => person.feishu !== undefined);
  }

  build(): DatasetInput {
    const bot = this.roster.bots.feishu;
    return {
      type: 'cred/feishu-dataset',
      version: 1,
      description: 'The demo community Tidepool (src/demo/generate), generated; fictional.',
      app: FEISHU_APP,
      tenantUrl: 'https://tidepool-demo.feishu.cn',
      users: this.members.map((p) => ({ openId: p.feishu!.openId, name: p.feishu!.name })),
      bots: [{ appId: bot.appId, name: bot.name }],
      chats: [
        {
          chatId: FEISHU_CHAT,
          name: 'Tidepool 志愿者群',
          members: this.members.map((p) => p.feishu!.openId),
          messages: this.messages(),
        },
      ],
      bitables: [
        {
          appToken: FEISHU_TABLE.appToken,
          name: 'Tidepool 任务',
          tables: [
            {
              tableId: FEISHU_TABLE.tableId,
              name: FEISHU_TABLE.name,
              fields: [
                { id: 'fldTask', name: '任务', type: 1, primary: true },
                { id: 'fldOwner', name: FEISHU_TABLE.personField, type: 11 },
                { id: 'fldPoints', name: FEISHU_TABLE.pointsField, type: 2 },
                { id: 'fldShare', name: FEISHU_TABLE.shareField, type: 1 },
                { id: 'fldDate', name: FEISHU_TABLE.dateField, type: 5 },
                { id: 'fldStatus', name: FEISHU_TABLE.statusField, type: 3 },
              ],
              records: this.tasks(),
            },
          ],
        },
      ],
    };
  }

  private someone(month: number, except: Person[] = []): Person {
    const pool = this.members.filter((p) => activeIn(p, month) && !except.includes(p));
    return this.random.weighted(pool, (p) => p.activity);
  }

  private messages(): Message[] {
    const messages: Message[] = [];
    MONTHS.forEach((_, month) => {
      for (let k = 0; k < Math.round(MESSAGES_PER_MONTH * (1 + 0.1 * month)); k++)
        messages.push(this.message(month, momentIn(this.random, month), messages));
    });
    for (
      let atMs = HISTORY_START_MS + 3 * 86_400_000;
      atMs < Date.parse(`${MONTHS.at(-1)}-28`);
      atMs += 7 * 86_400_000
    )
      messages.push({
        id: this.nextId(),
        sender: this.roster.bots.feishu.appId,
        time: iso(atMs + 3_600_000),
        text: '会议提醒：周四 20:00 例会',
      });
    return messages.sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id));
  }

  private nextId(): string {
    return `om_demo_${String(this.messageId++).padStart(5, '0')}`;
  }

  private message(month: number, atMs: number, earlier: readonly Message[]): Message {
    const sender = this.someone(month);
    const message: Message = {
      id: this.nextId(),
      sender: sender.feishu!.openId,
      time: iso(atMs),
      text: text.chatLine(this.random),
    };
    const link = this.links.filter((l) => l.createdMs < atMs).at(-1 - this.random.int(0, 8));
    if (link !== undefined && this.random.chance(0.12))
      message.text = `${message.text} ${link.url}`;
    if (this.random.chance(0.2)) {
      const other = this.someone(month, [sender]);
      message.text = `@_user_1 ${message.text}`;
      message.mentions = [other.feishu!.openId];
    }
    const parent = earlier
      .filter((m) => m.time < message.time && !m.sender.startsWith('cli_'))
      .at(-1);
    if (parent !== undefined && this.random.chance(0.3)) {
      message.parent = parent.id;
      message.root = parent.root ?? parent.id;
    }
    message.reactions = this.random
      .distinct(
        this.members.filter((p) => activeIn(p, month)),
        Math.floor(this.random.float() ** 2 * 4),
        (p) => p.activity ** 0.5,
        [sender],
      )
      .map((p) => ({
        emoji: this.random.pick(EMOJI),
        by: p.feishu!.openId,
        time: iso(after(this.random, atMs, 0, 12)),
      }));
    return message;
  }

  private tasks(): TaskRecord[] {
    const records: TaskRecord[] = [];
    const organizers = this.members.filter((p) => p.role === 'maintainer');
    MONTHS.forEach((_, month) => {
      for (let k = 0; k < TASKS_PER_MONTH; k++) {
        const owners = this.random.distinct(
          this.members.filter((p) => activeIn(p, month)),
          this.random.chance(0.25) ? 2 : 1,
          (p) => p.activity,
          [],
        );
        const doneMs = momentIn(this.random, month);
        const done = doneMs < Date.parse(`${MONTHS.at(-1)}-25`) || this.random.chance(0.5);
        const fields: Record<string, unknown> = {
          任务: text.task(this.random),
          [FEISHU_TABLE.personField]: owners.map((p) => p.feishu!.openId),
          [FEISHU_TABLE.pointsField]: this.random.pick([1, 2, 3, 3, 5, 5, 8, 10]),
          [FEISHU_TABLE.dateField]: `${iso(doneMs).slice(0, 10)}T00:00:00+08:00`,
          [FEISHU_TABLE.statusField]: done ? '已完成' : '进行中',
        };
        if (owners.length === 2 && this.random.chance(0.5))
          fields[FEISHU_TABLE.shareField] = '2, 1';
        const createdBy = this.random.pick(organizers.length > 0 ? organizers : this.members)
          .feishu!.openId;
        records.push({
          id: `recDemo${String(records.length + 1).padStart(4, '0')}`,
          fields,
          createdBy,
          created: iso(doneMs - 5 * 86_400_000),
          modifiedBy: createdBy,
          modified: iso(doneMs),
        });
      }
    });
    return records;
  }
}

export function generateFeishu(
  random: Random,
  roster: Roster,
  links: readonly { url: string; createdMs: number }[],
): DatasetInput {
  return new FeishuBuilder(random, roster, links).build();
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCredRank } from '../../core/credrank/credRank.js';
import { identitiesFromProposals } from '../../core/identityIds.js';
import { urlAddress } from '../../core/urlReference.js';
import { declarationWeights } from '../../core/weights.js';
import { WEEK_MS, weekStartMs } from '../../core/weeks.js';
import {
  docAddress,
  editAddress,
  messageAddress,
  reactionAddress,
  recordAddress,
  userAddress,
} from './addresses.js';
import { parseFeishuConfig, type FeishuConfig } from './config.js';
import { feishuDeclaration } from './declaration.js';
import { feishuGraph, feishuIdentities } from './graph.js';
import { parseContent } from './graphChats.js';
import type { Message, TableRecord } from './schemas.js';
import type { FeishuSnapshot } from './snapshot.js';

const T0 = Date.UTC(2026, 9, 6, 9);
const message = (over: Partial<Message>): Message => ({
  message_id: 'om_1',
  msg_type: 'text',
  create_time: String(T0),
  chat_id: 'oc_a',
  sender: { id: 'ou_ana', id_type: 'open_id', sender_type: 'user' },
  body: { content: JSON.stringify({ text: 'hello' }) },
  ...over,
});

const FIELDS = [
  { field_id: 'f1', field_name: 'Task', type: 1, is_primary: true },
  { field_id: 'f2', field_name: 'Owner', type: 11 },
  { field_id: 'f3', field_name: 'Points', type: 2 },
  { field_id: 'f4', field_name: 'Share', type: 1 },
  { field_id: 'f5', field_name: 'Date', type: 5 },
];

const tableConfig = {
  appToken: 'bascnA',
  tableId: 'tblA',
  name: 'Tasks',
  pointsField: 'Points',
  personField: 'Owner',
  shareField: 'Share',
  dateField: 'Date',
};

function snapshot(over: Partial<FeishuSnapshot> = {}): FeishuSnapshot {
  return {
    names: new Map([
      ['ou_ana', '安娜'],
      ['ou_bo', 'Bo'],
    ]),
    chats: [{ chatId: 'oc_a', name: 'Volunteers' }],
    messages: [],
    reactions: [],
    spaces: [],
    wikiNodes: [],
    metas: new Map(),
    edits: [],
    tables: [],
    ...over,
  };
}

const config = (over: Record<string, unknown> = {}): FeishuConfig =>
  parseFeishuConfig({ chats: ['oc_a'], ...over }, 'cred.json (plugins.feishu)');

describe('plugins/feishu/graph', () => {
  it('feishuGraph(snapshot, config) links messages to authors, parents, mentions and links', () => {
    const { graph } = feishuGraph(
      snapshot({
        messages: [
          message({}),
          message({
            message_id: 'om_2',
            parent_id: 'om_1',
            body: {
              content: JSON.stringify({ text: '@_user_1 see https://github.com/o/r/pull/3.' }),
            },
            mentions: [{ key: '@_user_1', id: 'ou_bo', name: 'Bo' }],
          }),
          message({ message_id: 'om_3', body: { content: 'This message was recalled' } }),
          message({
            message_id: 'om_4',
            sender: { id: 'cli_bot', id_type: 'app_id', sender_type: 'app' },
            msg_type: 'system',
          }),
        ],
        reactions: [
          {
            reaction_id: 'r1',
            message_id: 'om_1',
            operator: { operator_id: 'ou_bo', operator_type: 'user' },
            action_time: String(T0 + 1000),
            reaction_type: { emoji_type: 'THUMBSUP' },
          },
          {
            reaction_id: 'r2',
            message_id: 'om_1',
            operator: { operator_id: 'ou_ana', operator_type: 'user' },
            action_time: String(T0 + 2000),
            reaction_type: { emoji_type: 'THUMBSUP' },
          },
        ],
      }),
      config(),
    );
    const m2 = messageAddress('oc_a', 'om_2');
    const targets = [...graph.edges()].filter((e) => e.src === m2).map((e) => e.dst);
    expect(targets.sort()).toEqual(
      [
        messageAddress('oc_a', 'om_1'),
        userAddress('ou_bo'),
        urlAddress('https://github.com/o/r/pull/3'),
      ].sort(),
    );
    expect(graph.node(m2)).toMatchObject({
      description: 'Volunteers: @Bo see https://github.com/o/r/pull/3.',
      container: 'feishu/chat/oc_a',
    });
    expect(graph.node(messageAddress('oc_a', 'om_3'))).toMatchObject({ weight: 0 });
    expect(graph.node(messageAddress('oc_a', 'om_4'))).toMatchObject({ weight: 0 });
    expect(
      graph.node(reactionAddress('oc_a', 'om_1', 'ou_bo', 'THUMBSUP'))?.weight,
    ).toBeUndefined();
    expect(graph.node(reactionAddress('oc_a', 'om_1', 'ou_ana', 'THUMBSUP'))?.weight).toBe(0);
    expect(graph.hasNode('feishu/bot/cli_bot' as never)).toBe(true);
  });

  it('feishuGraph links documents to owners and dated edits, and chat links to the documents', () => {
    const { graph } = feishuGraph(
      snapshot({
        spaces: [{ spaceId: 'sp1', name: 'Handbook' }],
        wikiNodes: [
          {
            space_id: 'sp1',
            node_token: 'wikcnA',
            obj_token: 'doxcnA',
            obj_type: 'docx',
            title: 'Guide',
            has_child: false,
            obj_create_time: String(T0 / 1000),
          },
        ],
        metas: new Map([
          [
            'doxcnA',
            {
              doc_token: 'doxcnA',
              doc_type: 'docx',
              title: 'Guide',
              owner_id: 'ou_ana',
              create_time: String(T0 / 1000),
              latest_modify_user: 'ou_bo',
              latest_modify_time: String(T0 / 1000 + 60),
              url: 'https://t.feishu.cn/docx/doxcnA',
            },
          ],
        ]),
        edits: [{ objToken: 'doxcnA', userId: 'ou_bo', day: '2026-10-06', timeMs: T0 + 60_000 }],
        messages: [
          message({
            body: { content: JSON.stringify({ text: 'https://t.feishu.cn/wiki/wikcnA?from=x' }) },
          }),
        ],
      }),
      config({ wikiSpaces: ['sp1'] }),
    );
    const doc = docAddress('sp1', 'docx', 'doxcnA');
    expect(graph.node(doc)).toMatchObject({
      url: 'https://t.feishu.cn/docx/doxcnA',
      container: 'feishu/space/sp1',
    });
    const edit = editAddress('sp1', 'doxcnA', 'ou_bo', '2026-10-06');
    const edges = [...graph.edges()].map((e) => [e.src, e.dst]);
    expect(edges).toContainEqual([userAddress('ou_ana'), doc]);
    expect(edges).toContainEqual([userAddress('ou_bo'), edit]);
    expect(edges).toContainEqual([edit, doc]);
    expect(edges).toContainEqual([messageAddress('oc_a', 'om_1'), doc]);
  });

  it('feishuIdentities(accounts) proposes one identity per open_id with its display name', () => {
    const { accounts } = feishuGraph(snapshot({ messages: [message({})] }), config());
    expect(feishuIdentities(accounts)).toEqual([
      {
        plugin: 'feishu',
        alias: userAddress('ou_ana'),
        name: '安娜',
        type: 'user',
        description: 'Feishu user 安娜 (ou_ana)',
      },
    ]);
  });

  it('feishuGraph warns about a table that was never loaded and about rows that mint nothing', () => {
    const rows: TableRecord[] = [
      { record_id: 'r1', fields: { Task: 'x', Points: 3, Date: T0, Owner: [] } },
    ];
    const { warnings, graph } = feishuGraph(
      snapshot({
        tables: [{ appToken: 'bascnA', tableId: 'tblA', fields: FIELDS, records: rows }],
      }),
      config({ tables: [tableConfig, { ...tableConfig, tableId: 'tblB', name: 'Other' }] }),
    );
    expect(warnings).toEqual([
      'Tasks, row r1 ("x") mints nothing: no one in "Owner"',
      'Other has not been loaded yet: run "cred load feishu"',
    ]);
    expect(graph.node(recordAddress('bascnA', 'tblA', 'r1'))?.weight).toBe(0);
  });

  it('parseContent(body) finds texts and links in text, post and card bodies', () => {
    const post = {
      zh_cn: { title: 'T', content: [[{ tag: 'a', href: 'https://x.org/a', text: 'a' }]] },
    };
    expect(parseContent(JSON.stringify(post))).toEqual({
      texts: ['T', 'a'],
      urls: ['https://x.org/a'],
    });
    expect(parseContent('{"text":"见 https://x.org/b，和 (https://x.org/c)"}')?.urls).toEqual([
      'https://x.org/b',
      'https://x.org/c',
    ]);
    expect(parseContent('recalled')).toBeUndefined();
  });

  it('CredRank gives each assignee cred equal to the points of their rows, split by shares, in the rows weeks', () => {
    const person = fc.constantFrom('ou_a', 'ou_b', 'ou_c', 'ou_d');
    const rowArb = fc.record({
      points: fc.integer({ min: 1, max: 20 }),
      people: fc.uniqueArray(person, { minLength: 1, maxLength: 3 }),
      shares: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
      week: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 8 }), (rows) => {
        const records: TableRecord[] = rows.map((row, index) => ({
          record_id: `rec${index}`,
          fields: {
            Task: `t${index}`,
            Points: row.points,
            Owner: row.people.map((id) => ({ id })),
            Share: row.shares.slice(0, row.people.length).join(','),
            Date: T0 + row.week * WEEK_MS,
          },
        }));
        const { graph, accounts } = feishuGraph(
          snapshot({ tables: [{ appToken: 'bascnA', tableId: 'tblA', fields: FIELDS, records }] }),
          config({ chats: [], tables: [tableConfig] }),
        );
        const identities = identitiesFromProposals(feishuIdentities(accounts));
        const result = computeCredRank(graph, declarationWeights(feishuDeclaration), identities, {
          alpha: 0.1,
          beta: 0.4,
          gammaForward: 0,
          gammaBackward: 0,
          tolerance: 1e-13,
          maxIterations: 5000,
        });
        const expected = new Map<string, number>();
        for (const row of rows) {
          const shares = row.shares.slice(0, row.people.length);
          const total = shares.reduce((a, b) => a + b, 0);
          row.people.forEach((id, i) => {
            const week = weekStartMs(T0 + row.week * WEEK_MS);
            const key = `${id}@${week}`;
            expected.set(
              key,
              (expected.get(key) ?? 0) + (row.points * (shares[i] as number)) / total,
            );
          });
        }
        identities.forEach((identity, index) => {
          const id = identity.aliases[0]!.split('/').at(-1)!;
          result.weekStartsMs.forEach((week, t) => {
            const cred = result.credByIdentity[index]![t]!;
            expect(cred).toBeCloseTo(expected.get(`${id}@${week}`) ?? 0, 6);
          });
        });
      }),
      { seed: 20261019, numRuns: 40 },
    );
  });
});

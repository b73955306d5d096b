/**
 * The Feishu plugin through the built CLI: `cred load && cred score` on an instance whose
 * cred.json points at the loopback stand-in. The figures the issue asks for: each assignee's
 * cred against the points of their rows in the replayed task table, and the weeks it lands in.
 * Run with FEISHU_FIGURES=1 to print the table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { urlAddress } from '../../src/core/urlReference.js';
import { isoDate, weekStartMs } from '../../src/core/weeks.js';
import { parseFeishuDataset, type FeishuDataset } from '../../src/replay/feishu/dataset.js';
import { startFeishuStandIn, type FeishuStandIn } from '../../src/replay/feishu/standIn.js';
import { cred, credJson, PROJECT, scratchDir } from './cli.js';

const FIXTURE = path.join(PROJECT, 'test/fixtures/feishu/community.json');
const ENV = { FEISHU_APP_ID: 'cli_test_not_real', FEISHU_APP_SECRET: 'test-secret-not-real' };
const { description: _about, ...SETTINGS } = JSON.parse(
  readFileSync(path.join(PROJECT, 'test/fixtures/feishu/plugin-settings.json'), 'utf8'),
);

interface Scores {
  weeks: string[];
  totalMint: number;
  totalCred: number;
  convergence: { converged: boolean };
  identities: { name: string; totalCred: number; cred: number[] }[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- cred.json is edited loosely here
type Json = any;

let standIn: FeishuStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function instance(feishu: Record<string, unknown>): Promise<string> {
  const dataset = parseFeishuDataset(JSON.parse(readFileSync(FIXTURE, 'utf8')), FIXTURE);
  standIn = await startFeishuStandIn(dataset);
  const dir = path.join(scratchDir(), 'community');
  expect((await cred(['init', dir, '--bare', '--currency', 'CNY'], path.dirname(dir))).code).toBe(
    0,
  );
  editConfig(dir, (config) => {
    config.plugins.feishu = { ...SETTINGS, domain: standIn!.domain, ...feishu };
  });
  return dir;
}

function editConfig(dir: string, edit: (config: Json) => void): void {
  const file = path.join(dir, 'cred.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  edit(config);
  writeFileSync(file, JSON.stringify(config, null, 2));
}

/** Points of the done, complete rows of the task table, split by shares: by name, by week. */
function expectedPoints(dataset: FeishuDataset): Map<string, Map<string, number>> {
  const table = dataset.bitables[0]!.tables.find((t) => t.tableId === 'tblFakeTasks01')!;
  const nameOf = (openId: string) => dataset.users.find((u) => u.openId === openId)!.name;
  const result = new Map<string, Map<string, number>>();
  for (const { fields } of table.records) {
    const people = fields['负责人'] as string[];
    const dateText = fields['完成日期'] as string | undefined;
    if (fields['状态'] !== '已完成' || people.length === 0 || dateText === undefined) continue;
    const shareText = (fields['分配比例'] as string | undefined) ?? '';
    const shares = shareText === '' ? people.map(() => 1) : shareText.split(/[,/]\s*/).map(Number);
    if (shares.length !== people.length) continue;
    const day = dateText.slice(0, 10); // the calendar day shown in the table (UTC+8)
    const week = isoDate(weekStartMs(Date.parse(`${day}T12:00:00Z`)));
    const total = shares.reduce((a, b) => a + b, 0);
    people.forEach((openId, index) => {
      const byWeek = result.get(nameOf(openId)) ?? new Map<string, number>();
      const points = ((fields['积分'] as number) * shares[index]!) / total;
      byWeek.set(week, (byWeek.get(week) ?? 0) + points);
      result.set(nameOf(openId), byWeek);
    });
  }
  return result;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

describe('test/e2e/feishu', () => {
  it('cred load && cred score give each assignee cred equal to the points of their rows', async () => {
    const dir = await instance({ chats: [], wikiSpaces: [], tables: [SETTINGS.tables[0]] });
    const loaded = await cred(['load'], dir, ENV);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toMatch(/feishu: \d+ requests; .*11 rows/);
    expect(loaded.stdout).not.toMatch(/rows changed/); // a first load finds new rows
    expect(loaded.stdout).toMatch(/ {2}table tblFakeTasks01: \d+ requests; rows 11 new/);
    expect(loaded.stderr).toMatch(/row recFake08 \("直播推流"\) mints nothing: no one in "负责人"/);
    expect(loaded.stderr).not.toContain(ENV.FEISHU_APP_SECRET);
    const { code, json } = await credJson<{ scores: Scores }>(['score'], dir, ENV);
    expect(code).toBe(0);
    const scores = json.scores;
    const expected = expectedPoints(standIn!.data);
    expect(scores.convergence.converged).toBe(true);
    expect(scores.totalMint).toBe(40);
    const rows = [...expected].map(([name, byWeek]) => {
      const identity = scores.identities.find((i) => i.name === name)!;
      const points = sum(byWeek.values());
      const inRowWeeks = sum(
        scores.weeks.map((week, t) => (byWeek.has(week) ? identity.cred[t]! : 0)),
      );
      const peak = scores.weeks[identity.cred.indexOf(Math.max(...identity.cred))]!;
      return { name, points, cred: identity.totalCred, inRowWeeks, peak, byWeek };
    });
    for (const row of rows) {
      expect(row.cred / row.points).toBeCloseTo(1, 6);
      expect(row.byWeek.has(row.peak)).toBe(true);
    }
    expect(sum(rows.map((row) => row.cred))).toBeCloseTo(scores.totalCred, 9);
    expect(scores.identities.find((i) => i.name === '李安')?.totalCred ?? 0).toBe(0);

    editConfig(dir, (config) => {
      config.cred = { gammaForward: 0, gammaBackward: 0 };
    });
    const exact = (await credJson<{ scores: Scores }>(['score'], dir, ENV)).json.scores;
    for (const [name, byWeek] of expected) {
      const identity = exact.identities.find((i) => i.name === name)!;
      exact.weeks.forEach((week, t) =>
        expect(identity.cred[t]).toBeCloseTo(byWeek.get(week) ?? 0, 6),
      );
    }
    if (process.env.FEISHU_FIGURES === '1') printFigures(rows, scores.weeks);
  });

  it('cred load && cred score on chats, docs and both tables weigh chats and tables apart', async () => {
    const dir = await instance({});
    writeFileSync(
      path.join(dir, 'weights', 'feishu-community.json'),
      JSON.stringify({
        type: 'cred/weights',
        version: 1,
        nodes: {
          'feishu/message/oc_fake_translation': 0,
          'feishu/reaction/oc_fake_translation': 0,
          'feishu/record/bascnFakeKToken0001/tblFakeEvents02': 0.5,
        },
      }),
    );
    expect((await cred(['load', '-q'], dir, ENV)).code).toBe(0);
    const { json } = await credJson<{ scores: Scores }>(['score'], dir, ENV);
    // 9 messages and 6 reactions at 0.25, 6 docs at 1, 6 edits at 0.25 (volunteers chat and
    // wiki), 40 task points at 1, 3 event points at 0.5; the translation chat weighs 0.
    expect(json.scores.totalMint).toBeCloseTo(9 * 0.25 + 6 * 0.25 + 6 + 6 * 0.25 + 40 + 1.5, 9);
    expect(json.scores.totalCred).toBeCloseTo(json.scores.totalMint, 6);
    expect(json.scores.identities.map((i) => i.name).sort()).toEqual(
      ['cli_fake_meeting_bot', '孙木', '李安', '林舟', '王一帆', '赵星河', '陈晓雨'].sort(),
    );
    expect((await cred(['graph', '-q', '--graph-json'], dir, ENV)).code).toBe(0);
    const graph = JSON.parse(readFileSync(path.join(dir, 'output/graphs/feishu.json'), 'utf8'));
    expect(graph.addresses).toContain(
      urlAddress('https://github.com/example-org/handbook/pull/12'),
    );
    const secondLoad = await cred(['load'], dir, ENV);
    expect(secondLoad.stdout).toMatch(/feishu: \d+ requests; 6 people, 5 messages/);
  });
});

function printFigures(
  rows: {
    name: string;
    points: number;
    cred: number;
    inRowWeeks: number;
    byWeek: Map<string, number>;
  }[],
  weeks: readonly string[],
): void {
  const lines = [
    "| assignee | points (share-weighted) | cred | cred / points | share of cred in the rows' weeks | rows' weeks (points) |",
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.points} | ${row.cred.toFixed(6)} | ${(row.cred / row.points).toFixed(6)} | ${((100 * row.inRowWeeks) / row.cred).toFixed(1)}% | ${[...row.byWeek].map(([w, p]) => `${w} (${p})`).join(', ')} |`,
    ),
    `weeks: ${weeks.join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

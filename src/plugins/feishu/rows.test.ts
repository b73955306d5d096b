import { describe, expect, it } from 'vitest';
import type { TableConfig } from './config.js';
import { calendarNoonMs, checkTableColumns, taskRows, textsOf } from './rows.js';
import type { Field, TableRecord } from './schemas.js';

const table: TableConfig = {
  appToken: 'bascnA',
  tableId: 'tblA',
  pointsField: 'Points',
  personField: 'Owner',
  shareField: 'Share',
  dateField: 'Done on',
  statusField: 'Status',
  doneValues: ['Done'],
};

const fields: Field[] = [
  { field_id: 'f1', field_name: 'Task', type: 1, is_primary: true },
  { field_id: 'f2', field_name: 'Owner', type: 11 },
  { field_id: 'f3', field_name: 'Points', type: 2 },
  { field_id: 'f4', field_name: 'Share', type: 1 },
  { field_id: 'f5', field_name: 'Done on', type: 5 },
  { field_id: 'f6', field_name: 'Status', type: 3 },
];

const DAY = Date.UTC(2026, 9, 14);
const people = (...ids: string[]) => ids.map((id) => ({ id, name: id.toUpperCase() }));
const record = (cells: Record<string, unknown>, over: Partial<TableRecord> = {}): TableRecord => ({
  record_id: 'rec1',
  fields: {
    Task: [
      { type: 'text', text: 'Write ' },
      { type: 'text', text: 'docs' },
    ],
    Owner: people('ou_a'),
    Points: 5,
    'Done on': DAY,
    Status: 'Done',
    ...cells,
  },
  created_time: Date.UTC(2026, 9, 1),
  ...over,
});

const row = (cells: Record<string, unknown>, config: TableConfig = table) =>
  taskRows(config, fields, [record(cells)])[0]!;

describe('plugins/feishu/rows', () => {
  it('taskRows(table, fields, records) reads title, points, people and date of a done row', () => {
    expect(row({})).toEqual({
      recordId: 'rec1',
      title: 'Write docs',
      points: 5,
      people: [{ id: 'ou_a', name: 'OU_A', share: 1 }],
      timeMs: DAY + 12 * 3_600_000,
      done: true,
      problems: [],
      weight: 5,
    });
  });

  it.each([
    ['a "2, 1" text', [{ type: 'text', text: '2, 1' }], [2, 1]],
    ['a "60/40" text', '60/40', [60, 40]],
    ['full-width commas', '3，1', [3, 1]],
    ['an empty cell', undefined, [1, 1]],
  ])('taskRows splits points by shares given as %s', (_label, share, expected) => {
    const result = row({ Owner: people('ou_a', 'ou_b'), Share: share });
    expect(result.people.map((p) => p.share)).toEqual(expected);
    expect(result.weight).toBe(5);
  });

  it.each([
    ['no person', { Owner: [] }, /no one in "Owner"/],
    ['no points', { Points: undefined }, /no number in "Points"/],
    ['negative points', { Points: -2 }, /negative points \(-2\)/],
    ['no date', { 'Done on': undefined }, /no date in "Done on"/],
    [
      'too few shares',
      { Owner: people('ou_a', 'ou_b'), Share: '1' },
      /gives 1 shares for 2 people/,
    ],
    ['a zero share', { Owner: people('ou_a', 'ou_b'), Share: '1, 0' }, /expected positive numbers/],
    ['a broken person cell', { Owner: 'mira' }, /"Owner" is not a person cell/],
  ])('taskRows mints nothing for a done row with %s, and says why', (_label, cells, problem) => {
    const result = row(cells);
    expect(result.weight).toBe(0);
    expect(result.problems.join('; ')).toMatch(problem);
  });

  it('taskRows mints nothing for a row that is not done, without calling it a problem', () => {
    expect(row({ Status: 'Doing', Owner: [] })).toMatchObject({
      done: false,
      weight: 0,
      problems: [],
    });
    const noStatus = { ...table, statusField: undefined, doneValues: undefined };
    expect(row({ Status: 'Doing' }, noStatus)).toMatchObject({ done: true, weight: 5 });
  });

  it('taskRows reads formula cells, numeric text, checkbox and multi-select statuses', () => {
    expect(row({ Points: { type: 2, value: [7] } }).weight).toBe(7);
    expect(row({ Points: [{ type: 'text', text: ' 3.5 ' }] }).weight).toBe(3.5);
    expect(row({ Points: 'many' }).problems).toEqual(['no number in "Points"']);
    const checkbox = { ...table, doneValues: ['true'] };
    expect(row({ Status: true }, checkbox).done).toBe(true);
    expect(row({ Status: ['Review', 'Done'] }).done).toBe(true);
    expect(row({ Owner: [...people('ou_a'), ...people('ou_a')] }).people).toHaveLength(1);
  });

  it('taskRows falls back to the record id for an untitled row and to creation time without a date', () => {
    const untitled = taskRows(table, fields, [
      record({ Task: undefined, 'Done on': undefined }),
    ])[0]!;
    expect(untitled.title).toBe('rec1');
    expect(untitled.timeMs).toBe(Date.UTC(2026, 9, 1));
  });

  it('calendarNoonMs(time, offset) places local midnight on the day it shows there', () => {
    const mondayInShanghai = Date.UTC(2026, 9, 18, 16); // 2026-10-19 00:00 +08:00
    expect(new Date(calendarNoonMs(mondayInShanghai, 8 * 3_600_000)).toISOString()).toBe(
      '2026-10-19T12:00:00.000Z',
    );
    expect(new Date(calendarNoonMs(mondayInShanghai, 0)).toISOString()).toBe(
      '2026-10-18T12:00:00.000Z',
    );
  });

  it('textsOf(cell) reads strings, numbers, segments and lookups', () => {
    expect(textsOf([{ text: 'a' }, { text: 'b' }])).toEqual(['ab']);
    expect(textsOf(['x', 'y'])).toEqual(['x', 'y']);
    expect(textsOf({ type: 1, value: [{ text: 'z' }] })).toEqual(['z']);
    expect(textsOf(null)).toEqual([]);
    expect(textsOf({ odd: true })).toEqual([]);
  });

  it('checkTableColumns(table, fields) names a missing column and lists the real ones', () => {
    expect(() => checkTableColumns({ ...table, pointsField: 'Pts' }, fields, 'cred.json')).toThrow(
      expect.objectContaining({
        code: 'FEISHU_UNKNOWN_COLUMN',
        message: 'cred.json: "pointsField": table tblA has no column "Pts"',
        suggestions: [expect.stringContaining('"Points"')],
      }),
    );
    expect(() =>
      checkTableColumns({ ...table, personField: 'Points' }, fields, 'cred.json'),
    ).toThrow(expect.objectContaining({ code: 'FEISHU_COLUMN_TYPE' }));
    expect(() => checkTableColumns(table, fields, 'cred.json')).not.toThrow();
  });
});

/**
 * Task rows: what a bitable row means for cred, read through the columns cred.json names. A row
 * mints its points when it is done (its status is one of `doneValues`, or no status column is
 * configured), names at least one person, has a date, and its shares (if any) match its people.
 * A row that fails one of these mints nothing and is reported by row id and reason, so a
 * maintainer can fix the table instead of cred guessing who should be paid.
 *
 * Cells arrive in the shapes of `records/search`: numbers, text as `[{type, text}]` segments,
 * dates as epoch milliseconds, people as `[{id, name}]`, formulas and lookups as
 * `{type, value: [...]}`.
 */
import { ConfigError } from '../../core/errors.js';
import { DAY_MS } from '../../core/weeks.js';
import type { TableConfig } from './config.js';
import { personCellSchema, type Field, type TableRecord } from './schemas.js';

export interface RowPerson {
  readonly id: string;
  readonly name: string | undefined;
  readonly share: number;
}

export interface TaskRow {
  readonly recordId: string;
  readonly title: string;
  readonly points: number | undefined;
  readonly people: readonly RowPerson[];
  /**
   * Noon UTC of the calendar day the row's date cell shows in the tenant's time zone (so the
   * row lands in that day's week), else when the row was created (for rows that mint nothing).
   */
  readonly timeMs: number | undefined;
  readonly done: boolean;
  /** Why a done row mints nothing (empty when it mints). */
  readonly problems: readonly string[];
  /** What the row mints: its points when done and without problems, else 0. */
  readonly weight: number;
}

/** Bitable field types each configured column accepts (formula 20 and lookup 19 always). */
const COLUMN_TYPES = {
  pointsField: [1, 2],
  personField: [11, 1003, 1004],
  shareField: [1, 2],
  dateField: [5, 1001, 1002],
  statusField: [1, 3, 4, 7],
} as const;

const DERIVED_TYPES = [19, 20];

/** Checks that the columns named in cred.json exist in the table with a usable type. */
export function checkTableColumns(
  table: TableConfig,
  fields: readonly Field[],
  where: string,
): void {
  const byName = new Map(fields.map((field) => [field.field_name, field]));
  for (const [setting, types] of Object.entries(COLUMN_TYPES)) {
    const name = table[setting as keyof typeof COLUMN_TYPES];
    if (name === undefined) continue;
    const field = byName.get(name);
    const ref = `${where}#tables.${setting}`;
    if (field === undefined) {
      throw new ConfigError(
        'FEISHU_UNKNOWN_COLUMN',
        `${where}: "${setting}": table ${table.tableId} has no column "${name}"`,
        {
          ref,
          suggestions: [`Its columns are: ${fields.map((f) => `"${f.field_name}"`).join(', ')}.`],
        },
      );
    }
    if (![...types, ...DERIVED_TYPES].includes(field.type)) {
      throw new ConfigError(
        'FEISHU_COLUMN_TYPE',
        `${where}: "${setting}": column "${name}" of table ${table.tableId} has field type ${field.type}, expected one of ${[...types, ...DERIVED_TYPES].join(', ')}`,
        {
          ref,
          suggestions: [
            `Point "${setting}" at a column of the right kind (docs/formats.md, "Feishu plugin").`,
          ],
        },
      );
    }
  }
}

export function taskRows(
  table: TableConfig,
  fields: readonly Field[],
  records: readonly TableRecord[],
  offsetMs = 0,
): TaskRow[] {
  const primary = fields.find((field) => field.is_primary === true) ?? fields[0];
  return records.map((record) => taskRow(table, primary?.field_name, record, offsetMs));
}

function taskRow(
  table: TableConfig,
  primary: string | undefined,
  record: TableRecord,
  offsetMs: number,
): TaskRow {
  const cell = (name: string | undefined) => (name === undefined ? undefined : record.fields[name]);
  const done =
    table.statusField === undefined ||
    textsOf(cell(table.statusField)).some((value) => (table.doneValues ?? []).includes(value));
  const points = numberOf(cell(table.pointsField));
  const dateMs = numberOf(cell(table.dateField));
  const persons = personCellSchema.safeParse(unwrap(cell(table.personField)) ?? []);
  const people = persons.success ? dedupe(persons.data) : [];
  const problems: string[] = [];
  if (!persons.success) problems.push(`"${table.personField}" is not a person cell`);
  else if (people.length === 0) problems.push(`no one in "${table.personField}"`);
  if (points === undefined) problems.push(`no number in "${table.pointsField}"`);
  else if (points < 0) problems.push(`negative points (${points}) in "${table.pointsField}"`);
  if (dateMs === undefined) problems.push(`no date in "${table.dateField}"`);
  const shares = sharesOf(table, cell(table.shareField), people.length, problems);
  const title = textsOf(cell(primary)).join(' ').trim() || record.record_id;
  const mints = done && problems.length === 0;
  return {
    recordId: record.record_id,
    title,
    points,
    people: people.map((person, index) => ({
      id: person.id,
      name: person.name,
      share: shares[index] ?? 1,
    })),
    timeMs: dateMs === undefined ? record.created_time : calendarNoonMs(dateMs, offsetMs),
    done,
    problems: done ? problems : [],
    weight: mints ? (points as number) : 0,
  };
}

/** Noon UTC of the calendar day that `timeMs` falls on at UTC offset `offsetMs`. */
export function calendarNoonMs(timeMs: number, offsetMs: number): number {
  return Math.floor((timeMs + offsetMs) / DAY_MS) * DAY_MS + DAY_MS / 2;
}

/** Shares aligned with the row's people ("2, 1" or "60/40"); equal shares when the cell is empty. */
function sharesOf(
  table: TableConfig,
  value: unknown,
  people: number,
  problems: string[],
): number[] {
  if (table.shareField === undefined) return [];
  const parts = textsOf(value)
    .flatMap((text) => text.split(/[\s,，;；/、|]+/))
    .filter((part) => part !== '');
  if (parts.length === 0) return [];
  const shares = parts.map(Number);
  if (shares.some((share) => !(Number.isFinite(share) && share > 0))) {
    problems.push(`"${table.shareField}" holds "${parts.join(', ')}", expected positive numbers`);
  } else if (shares.length !== people) {
    problems.push(`"${table.shareField}" gives ${shares.length} shares for ${people} people`);
  }
  return shares;
}

function dedupe<T extends { id: string }>(people: readonly T[]): T[] {
  const seen = new Set<string>();
  return people.filter((person) => !seen.has(person.id) && seen.add(person.id) !== undefined);
}

/** A formula or lookup cell `{type, value: [...]}` holds its values in `value`. */
function unwrap(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'value' in value) {
    const inner = (value as { value: unknown }).value;
    return Array.isArray(inner) && inner.length === 1 && typeof inner[0] !== 'object'
      ? inner[0]
      : inner;
  }
  return value;
}

/** The texts of a cell: a string, a number, a boolean, segments, options. */
export function textsOf(value: unknown): string[] {
  const inner = unwrap(value);
  if (inner === undefined || inner === null) return [];
  if (typeof inner === 'string') return [inner];
  if (typeof inner === 'number' || typeof inner === 'boolean') return [String(inner)];
  if (Array.isArray(inner)) {
    const segments = inner.map((item) =>
      item !== null && typeof item === 'object' && 'text' in item
        ? String((item as { text: unknown }).text)
        : item,
    );
    if (
      segments.every((s) => typeof s === 'string') &&
      inner.some((item) => typeof item === 'object')
    ) {
      return [segments.join('')];
    }
    return segments.flatMap(textsOf);
  }
  return [];
}

/** The number in a cell (a number, a numeric text, a formula's single value). */
function numberOf(value: unknown): number | undefined {
  const inner = unwrap(value);
  if (typeof inner === 'number') return Number.isFinite(inner) ? inner : undefined;
  const texts = textsOf(inner);
  if (texts.length !== 1) return undefined;
  const text = (texts[0] as string).trim();
  const number = text === '' ? Number.NaN : Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/**
 * Reading contribution records: every `.yaml`, `.yml` and `.json` file under the configured
 * folder (recursively), each holding one record or a list of records. Records are validated
 * here, with errors that name the file, the record and the field; ids must be unique across
 * all files. The result is sorted by id so the graph does not depend on directory order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { parse } from 'yaml';
import * as z from 'zod';
import { compareStrings } from '../../core/canonicalJson.js';
import { ConfigError } from '../../core/errors.js';
import { describeIssue } from '../../core/validation.js';

const SLUG = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

const contributorSchema = z.union([
  z.string().min(1),
  z.strictObject({ name: z.string().min(1), share: z.number().positive().finite().default(1) }),
]);

const recordSchema = z.strictObject({
  id: z.string().regex(SLUG, { message: 'expected letters, digits, ".", "_" or "-"' }),
  title: z.string().min(1),
  date: z
    .string()
    .regex(DATE, { message: 'expected a date: YYYY-MM-DD or an ISO date-time with zone' }),
  type: z.string().regex(SLUG, { message: 'expected a type such as "talk" or "translation"' }),
  contributors: z.array(contributorSchema).min(1, { message: 'expected at least one contributor' }),
  weight: z.number().nonnegative().finite().optional(),
  url: z.string().url().optional(),
  description: z.string().optional(),
  references: z.array(z.string().min(1)).optional(),
});

export interface ContributionRecord {
  readonly id: string;
  readonly title: string;
  readonly timestampMs: number;
  readonly type: string;
  readonly contributors: readonly { readonly name: string; readonly share: number }[];
  readonly weight?: number;
  readonly url?: string;
  readonly references: readonly string[];
  /** The file it came from, relative to the instance. */
  readonly file: string;
  /** The folders it is in, under the records folder ([] at its top). */
  readonly folder?: readonly string[];
}

let yamlParse: typeof parse | undefined;

/**
 * yaml is loaded on the first YAML file read, not with the plugin: most runs of `cred graph`
 * and `cred score` read no record file, and loading it cost every one of them ~50 ms.
 */
function parseYaml(text: string): unknown {
  yamlParse ??= (createRequire(import.meta.url)('yaml') as { parse: typeof parse }).parse;
  return yamlParse(text);
}

/** All records under `directory`; `shownRoot` is the instance folder, for messages. */
export function readContributionRecords(
  directory: string,
  shownRoot: string,
): ContributionRecord[] {
  if (!existsSync(directory)) return [];
  const records: ContributionRecord[] = [];
  const seen = new Map<string, string>();
  for (const file of recordFiles(directory)) {
    const shown = path.relative(shownRoot, file);
    for (const [index, raw] of recordsIn(file, shown).entries()) {
      const folder = path.relative(directory, path.dirname(file)).split(path.sep);
      const record = {
        ...parseRecord(raw, `${shown}: record ${index + 1}`, shown),
        folder: folder.filter((part) => part !== ''),
      };
      const previous = seen.get(record.id);
      if (previous !== undefined) {
        throw new ConfigError(
          'FILES_DUPLICATE_ID',
          `${shown}: record id "${record.id}" is also used in ${previous}`,
          {
            ref: shown,
            suggestions: ['Give every record a unique id.'],
          },
        );
      }
      seen.set(record.id, shown);
      records.push(record);
    }
  }
  return records.sort((a, b) => compareStrings(a.id, b.id));
}

function recordFiles(directory: string): string[] {
  const entries = readdirSync(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ya?ml|json)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort(compareStrings);
}

function recordsIn(file: string, shown: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      'FILES_UNPARSABLE',
      `${shown}: cannot be parsed: ${(error as Error).message.split('\n')[0]}`,
      {
        ref: shown,
        suggestions: [`Fix the syntax of ${shown}.`],
      },
    );
  }
  if (parsed === null || parsed === undefined) return [];
  return Array.isArray(parsed) ? parsed : [parsed];
}

function parseRecord(raw: unknown, where: string, file: string): ContributionRecord {
  const result = recordSchema.safeParse(raw);
  if (!result.success) {
    const { field, problem } = describeIssue(result.error.issues[0] as z.core.$ZodIssue);
    throw new ConfigError('FILES_INVALID_RECORD', `${where}: ${problem}`, {
      ref: `${file}#${field}`,
      suggestions: ['See docs/formats.md ("Contribution records") for the fields a record takes.'],
    });
  }
  const record = result.data;
  const timestampMs = Date.parse(
    record.date.length === 10 ? `${record.date}T00:00:00Z` : record.date,
  );
  if (Number.isNaN(timestampMs) || !isCalendarDate(record.date.slice(0, 10))) {
    throw new ConfigError(
      'FILES_INVALID_RECORD',
      `${where}: field "date": "${record.date}" is not a real date`,
      {
        ref: `${file}#date`,
        suggestions: ['Use an existing calendar date, YYYY-MM-DD.'],
      },
    );
  }
  return {
    id: record.id,
    title: record.title,
    timestampMs,
    type: record.type,
    contributors: record.contributors.map((c) =>
      typeof c === 'string' ? { name: c, share: 1 } : c,
    ),
    ...(record.weight === undefined ? {} : { weight: record.weight }),
    ...(record.url === undefined ? {} : { url: record.url }),
    references: record.references ?? [],
    file,
  };
}

/** True when YYYY-MM-DD names a day that exists (Date.parse accepts 2026-02-30). */
function isCalendarDate(day: string): boolean {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, date));
  return (
    parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === date
  );
}

/**
 * The Feishu plugin's settings (`plugins.feishu` in cred.json) and its secrets. Settings say
 * what to read: group chats, wiki spaces and task tables, with the columns that hold a row's
 * points, people, shares, date and status. Secrets (FEISHU_APP_ID, FEISHU_APP_SECRET) come only
 * from the environment and appear in no message.
 */
import * as z from 'zod';
import { ConfigError } from '../../core/errors.js';
import { parseWithSchema } from '../../core/validation.js';

export const DEFAULT_DOMAIN = 'https://open.feishu.cn';

const id = (pattern: RegExp, example: string) =>
  z.string().regex(pattern, { message: `expected an id such as "${example}"` });

const fieldName = z.string().min(1, { message: 'expected a column name' });

const tableSchema = z
  .strictObject({
    /** The base's app_token (in its URL: /base/<app_token>). */
    appToken: id(/^[A-Za-z0-9_-]+$/, 'bascnAbC123'),
    tableId: id(/^tbl[A-Za-z0-9_-]+$/, 'tblAbC123'),
    name: z.string().min(1).optional(),
    pointsField: fieldName,
    personField: fieldName,
    shareField: fieldName.optional(),
    dateField: fieldName,
    statusField: fieldName.optional(),
    doneValues: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine((table) => (table.statusField === undefined) === (table.doneValues === undefined), {
    message: 'give "statusField" and "doneValues" together (which status values count as done)',
  });

const configSchema = z.strictObject({
  /** Base URL of the open platform: https://open.feishu.cn, https://open.larksuite.com, ... */
  domain: z
    .url({
      protocol: /^https?$/,
      message: 'expected an http(s) URL such as "https://open.feishu.cn"',
    })
    .default(DEFAULT_DOMAIN)
    .transform((url) => url.replace(/\/+$/, '')),
  chats: z.array(id(/^oc_[A-Za-z0-9_-]+$/, 'oc_a0553eda9014c201e6969b478895c230')).default([]),
  wikiSpaces: z.array(id(/^[A-Za-z0-9_-]+$/, '7034502641455497244')).default([]),
  tables: z.array(tableSchema).default([]),
  /**
   * The tenant's offset from UTC ("+08:00" in China): a task row is placed on the calendar day
   * its date cell shows there, since Feishu stores a date as local midnight.
   */
  utcOffset: z
    .string()
    .regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, { message: 'expected an offset such as "+08:00"' })
    .default('+00:00'),
  /** Days of messages before the last one seen that each load reads again (late reactions). */
  rereadDays: z.number().int().min(0).max(365).default(7),
});

export type FeishuConfig = z.infer<typeof configSchema>;
export type TableConfig = FeishuConfig['tables'][number];

/** The offset "+08:00" in milliseconds. */
export function utcOffsetMs(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number) as [number, number];
  return sign * (hours * 60 + minutes) * 60_000;
}

export function parseFeishuConfig(raw: unknown, where: string): FeishuConfig {
  const config = parseWithSchema(
    configSchema,
    raw,
    where,
    'CONFIG_INVALID',
    'Fix "{field}" of the feishu plugin in cred.json (docs/formats.md, "Feishu plugin").',
  );
  const seen = new Set<string>();
  for (const table of config.tables) {
    const key = `${table.appToken}/${table.tableId}`;
    if (seen.has(key)) {
      throw new ConfigError('CONFIG_INVALID', `${where}: table "${key}" is listed twice`, {
        ref: `${where}#tables`,
        suggestions: ['List each table once.'],
      });
    }
    seen.add(key);
  }
  return config;
}

export interface FeishuCredentials {
  readonly appId: string;
  readonly appSecret: string;
}

/** The app credentials from the environment; a clear error (never the values) when missing. */
export function feishuCredentials(
  env: Readonly<Record<string, string | undefined>>,
): FeishuCredentials {
  const appId = env.FEISHU_APP_ID?.trim() ?? '';
  const appSecret = env.FEISHU_APP_SECRET?.trim() ?? '';
  const missing = [appId === '' && 'FEISHU_APP_ID', appSecret === '' && 'FEISHU_APP_SECRET'];
  const names = missing.filter((name): name is string => name !== false);
  if (names.length > 0) {
    throw new ConfigError(
      'FEISHU_CREDENTIALS_MISSING',
      `feishu: ${names.join(' and ')} ${names.length > 1 ? 'are' : 'is'} not set in the environment`,
      {
        suggestions: [
          'Create a self-built app in the Feishu developer console, then export FEISHU_APP_ID and FEISHU_APP_SECRET before "cred load".',
        ],
      },
    );
  }
  return { appId, appSecret };
}

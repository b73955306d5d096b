/**
 * The stand-in's bitable APIs: a table's fields and `records/search` (POST, `page_token` in the
 * query, at most 500 a page, `automatic_fields` for who created and last modified a row and
 * when). Cells come back in search's shapes: text as `[{type, text}]` segments, people as
 * `[{id, name, en_name, email}]`, dates as epoch milliseconds. Filters and sorts are refused
 * rather than ignored, so nobody mistakes the stand-in for an implementation of them.
 */
import type { Router } from 'express';
import { fail, INVALID_PARAMETER, ok, pageOf } from './answers.js';
import type { DatasetRecord, DatasetTable, FeishuDataset } from './dataset.js';

const UI_TYPES: Readonly<Record<number, string>> = {
  1: 'Text',
  2: 'Number',
  3: 'SingleSelect',
  4: 'MultiSelect',
  5: 'DateTime',
  7: 'Checkbox',
  11: 'User',
  15: 'Url',
  20: 'Formula',
};

/** Feishu's code for "table not found" (or not shared with the app). */
const TABLE_NOT_FOUND = 1254004;

export function mountBitable(
  router: Router,
  data: () => FeishuDataset,
  maxPageItems: number | undefined,
): void {
  const tableOf = (appToken: unknown, tableId: unknown): DatasetTable | undefined =>
    data()
      .bitables.find((base) => base.appToken === appToken)
      ?.tables.find((table) => table.tableId === tableId);

  router.get('/bitable/v1/apps/:app_token/tables/:table_id/fields', (request, response) => {
    const table = tableOf(request.params.app_token, request.params.table_id);
    if (table === undefined) return fail(response, 400, TABLE_NOT_FOUND, 'TableIdNotFound');
    const fields = table.fields.map((field) => ({
      field_id: field.id,
      field_name: field.name,
      type: field.type,
      ui_type: UI_TYPES[field.type] ?? 'Text',
      is_primary: field.primary,
      property: null,
    }));
    const page = pageOf(request, response, fields, { defaultSize: 20, maxSize: 100, maxPageItems });
    if (page !== undefined) ok(response, page);
  });

  router.post(
    '/bitable/v1/apps/:app_token/tables/:table_id/records/search',
    (request, response) => {
      const table = tableOf(request.params.app_token, request.params.table_id);
      if (table === undefined) return fail(response, 400, TABLE_NOT_FOUND, 'TableIdNotFound');
      const body = (request.body ?? {}) as {
        automatic_fields?: unknown;
        field_names?: unknown;
        filter?: unknown;
        sort?: unknown;
      };
      if (body.filter !== undefined || body.sort !== undefined) {
        return fail(
          response,
          400,
          INVALID_PARAMETER,
          'stand-in: filter and sort are not supported',
        );
      }
      const idType = request.query.user_id_type ?? 'open_id';
      if (idType !== 'open_id')
        return fail(response, 400, INVALID_PARAMETER, 'stand-in: only user_id_type=open_id');
      const names = Array.isArray(body.field_names)
        ? new Set(body.field_names.map(String))
        : undefined;
      const records = table.records.map((record) =>
        recordAnswer(data(), table, record, body.automatic_fields === true, names),
      );
      const page = pageOf(request, response, records, {
        defaultSize: 20,
        maxSize: 500,
        maxPageItems,
      });
      if (page !== undefined) ok(response, { ...page, total: records.length });
    },
  );
}

function recordAnswer(
  data: FeishuDataset,
  table: DatasetTable,
  record: DatasetRecord,
  automatic: boolean,
  names: ReadonlySet<string> | undefined,
): Record<string, unknown> {
  const person = (openId: string) => ({
    id: openId,
    name: data.users.find((user) => user.openId === openId)?.name ?? '',
    en_name: '',
    email: '',
  });
  const fields: Record<string, unknown> = {};
  for (const field of table.fields) {
    const value = record.fields[field.name];
    if (value === undefined || value === null || (names !== undefined && !names.has(field.name)))
      continue;
    fields[field.name] = cellAnswer(field.type, value, person);
  }
  return {
    record_id: record.id,
    fields,
    ...(automatic
      ? {
          created_by: person(record.createdBy),
          created_time: record.created,
          last_modified_by: person(record.modifiedBy ?? record.createdBy),
          last_modified_time: record.modified ?? record.created,
        }
      : {}),
  };
}

function cellAnswer(type: number, value: unknown, person: (openId: string) => unknown): unknown {
  if (type === 1 && typeof value === 'string') return [{ type: 'text', text: value }];
  if (type === 11 && Array.isArray(value)) return value.map((openId) => person(String(openId)));
  if ((type === 5 || type === 1001 || type === 1002) && typeof value === 'string')
    return Date.parse(value);
  return value;
}

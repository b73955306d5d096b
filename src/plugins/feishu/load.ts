/**
 * `cred load` for Feishu: reads the listed chats (loadChats.ts), wiki spaces and task tables
 * into the mirror, page by page. Each page is fetched in full (with the reactions of its
 * messages, or the owners of its documents), validated, then written in one transaction with
 * the watermark it advances; an error on any request stops the load loudly and leaves every
 * page before it stored, so the next load resumes. Requests are sequential: the platform's
 * limits are per app, and a community instance is small enough that one connection is plenty.
 * Each chat, space and table is one source of the structured load report.
 */
import path from 'node:path';
import type { KindTally } from '../../core/loadReport.js';
import type { LoadSummary, PluginContext, SourceLoadReport } from '../../core/plugin.js';
import type { FeishuApi } from './api.js';
import { feishuCredentials, type FeishuConfig, type TableConfig } from './config.js';
import type { HttpLimits, HttpStats } from './http.js';
import { loadChat, type ChatRun } from './loadChats.js';
import { FeishuMirror, MIRROR_FILE, type NamedUser } from './mirror.js';
import { allItems, pagesOf } from './paging.js';
import { checkTableColumns } from './rows.js';
import { isDocType, personCellSchema } from './schemas.js';

const WHERE = 'cred.json (plugins.feishu)';

/** The kinds `cred load` prints ("12 messages, 3 rows changed"), in this order. */
const PRINTED = ['people', 'messages', 'reactions', 'documents', 'rows'] as const;

export async function loadFeishu(
  context: PluginContext<FeishuConfig>,
  limits?: HttpLimits,
): Promise<LoadSummary> {
  const { config } = context;
  const credentials = feishuCredentials(context.env);
  // The SDK is large (a 6 MB bundle): only a load pays for importing it, not every command.
  const [{ FeishuApi }, { createFeishuHttp }] = await Promise.all([
    import('./api.js'),
    import('./http.js'),
  ]);
  const http = createFeishuHttp(context, limits);
  const api = new FeishuApi(config.domain, credentials, http, context.reporter);
  const mirror = FeishuMirror.open(path.join(context.cacheDir, MIRROR_FILE));
  const notes: string[] = [];
  const sources: SourceLoadReport[] = [];
  const people = new Set<string>();
  const measured = async (
    source: string,
    load: (tallies: Map<string, KindTally>) => Promise<boolean>,
  ) => {
    const tallies = new Map<string, KindTally>();
    const before = { ...http.stats };
    const full = await load(tallies);
    sources.push({ ...sourceReport(source, before, http.stats, tallies), fullRefresh: full });
  };
  try {
    for (const chatId of config.chats) {
      const emojis = new Map<string, number>();
      await measured(`chat ${chatId}`, (tallies) => {
        const run: ChatRun = { api, mirror, context, tallies, emojis, people };
        return loadChat(run, chatId);
      });
      const last = sources.at(-1) as SourceLoadReport;
      sources[sources.length - 1] = {
        ...last,
        reactions: { counted: Object.fromEntries([...emojis].sort()), notCounted: {} },
      };
    }
    for (const spaceId of config.wikiSpaces) {
      await measured(`wiki space ${spaceId}`, async (tallies) => {
        const removed = await loadSpace(api, mirror, spaceId, tallies, context);
        if (removed > 0) notes.push(`wiki space ${spaceId}: ${removed} documents are gone`);
        return true; // listed whole on every load
      });
    }
    for (const [index, table] of config.tables.entries()) {
      await measured(`table ${table.tableId}`, async (tallies) => {
        const removed = await loadTable(api, mirror, table, index, tallies, context);
        if (removed > 0) notes.push(`table ${table.tableId}: ${removed} rows were deleted`);
        return true;
      });
    }
  } finally {
    mirror.close();
  }
  return summary(http.stats, sources, people.size, notes);
}

function sourceReport(
  source: string,
  before: HttpStats,
  after: HttpStats,
  tallies: Map<string, KindTally>,
): SourceLoadReport {
  return {
    source,
    requests: after.requests - before.requests,
    waits: {
      count: after.rateLimitWaits - before.rateLimitWaits,
      seconds: (after.waitedMs - before.waitedMs) / 1000,
    },
    retries: after.serverRetries - before.serverRetries,
    kinds: [...tallies.values()].map((tally) => ({ ...tally })),
  };
}

function summary(
  stats: HttpStats,
  sources: SourceLoadReport[],
  people: number,
  notes: string[],
): LoadSummary {
  const read = new Map<string, number>([['people', people]]);
  let changedRows = 0;
  for (const kind of sources.flatMap((source) => source.kinds)) {
    read.set(kind.kind, (read.get(kind.kind) ?? 0) + kind.new + kind.changed + kind.unchanged);
    if (kind.kind === 'rows') changedRows += kind.changed;
  }
  const items: Record<string, number> = {};
  for (const kind of PRINTED) if ((read.get(kind) ?? 0) > 0) items[kind] = read.get(kind) ?? 0;
  // A first load has no changed rows: every row is new.
  if (changedRows > 0) items['rows changed'] = changedRows;
  if (stats.rateLimitWaits > 0 || stats.serverRetries > 0) {
    notes.push(
      `${stats.rateLimitWaits} rate-limit waits and ${stats.serverRetries} retries, ${stats.waitedMs / 1000} s in all`,
    );
  }
  if (stats.tokenRenewals > 0) {
    notes.push(`the tenant token expired and was renewed ${stats.tokenRenewals} times`);
  }
  return {
    requests: stats.requests,
    items,
    notes,
    report: { sources, tokenRenewals: stats.tokenRenewals },
  };
}

async function loadSpace(
  api: FeishuApi,
  mirror: FeishuMirror,
  spaceId: string,
  tallies: Map<string, KindTally>,
  context: PluginContext<FeishuConfig>,
): Promise<number> {
  const name = await api.spaceName(spaceId);
  mirror.writeSpace(spaceId, name);
  context.reporter.progress(`feishu: wiki space "${name}"`);
  const generation = mirror.beginListing(`space/${spaceId}`);
  const known = mirror.knownEditTimes(spaceId);
  const parents: (string | undefined)[] = [undefined];
  while (parents.length > 0) {
    const parent = parents.shift();
    const what = `wiki nodes of ${spaceId}`;
    for await (const page of pagesOf(what, (token) => api.wikiNodes(spaceId, parent, token))) {
      const stale = page.items.flatMap((node) =>
        isDocType(node.obj_type) &&
        (!known.has(node.obj_token) || known.get(node.obj_token) !== node.obj_edit_time)
          ? [{ token: node.obj_token, type: node.obj_type }]
          : [],
      );
      const metas = stale.length === 0 ? [] : await api.metas(stale);
      mirror.writeWikiPage(spaceId, generation, page.items, metas, tallies);
      for (const node of page.items) if (node.has_child) parents.push(node.node_token);
    }
  }
  return mirror.completeSpaceListing(spaceId, generation);
}

async function loadTable(
  api: FeishuApi,
  mirror: FeishuMirror,
  table: TableConfig,
  index: number,
  tallies: Map<string, KindTally>,
  context: PluginContext<FeishuConfig>,
): Promise<number> {
  const { appToken, tableId } = table;
  const fields = await allItems(`fields of ${tableId}`, (token) =>
    api.fields(appToken, tableId, token),
  );
  checkTableColumns(table, fields, `${WHERE} (tables.${index})`);
  mirror.writeTableFields(appToken, tableId, fields);
  context.reporter.progress(`feishu: table "${table.name ?? tableId}"`);
  const generation = mirror.beginListing(`table/${appToken}/${tableId}`);
  for await (const page of pagesOf(`rows of ${tableId}`, (token) =>
    api.records(appToken, tableId, token),
  )) {
    const people: NamedUser[] = page.items.flatMap((record) => {
      const cell = personCellSchema.safeParse(record.fields[table.personField]);
      return cell.success
        ? cell.data.map((person) => ({ id: person.id, name: person.name ?? '' }))
        : [];
    });
    mirror.writeRecordPage(appToken, tableId, generation, page.items, people, tallies);
  }
  return mirror.completeTableListing(appToken, tableId, generation);
}

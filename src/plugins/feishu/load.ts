/**
 * `cred load` for Feishu: reads the listed chats, wiki spaces and task tables into the mirror,
 * page by page. Each page is fetched in full (with the reactions of its messages, or the owners
 * of its documents), validated, then written in one transaction with the watermark it advances;
 * an error on any request stops the load loudly and leaves every page before it stored, so the
 * next load resumes. Requests are sequential: the platform's limits are per app, and a community
 * instance is small enough that one connection is plenty.
 */
import path from 'node:path';
import { DAY_MS } from '../../core/weeks.js';
import { PluginFetchError } from '../../core/errors.js';
import type { LoadSummary, PluginContext } from '../../core/plugin.js';
import type { FeishuApi } from './api.js';
import { feishuCredentials, type FeishuConfig, type TableConfig } from './config.js';
import { carriesWork } from './graphChats.js';
import type { HttpLimits } from './http.js';
import { FeishuMirror, MIRROR_FILE, type NamedUser } from './mirror.js';
import { checkTableColumns } from './rows.js';
import { isDocType, personCellSchema, type Page, type Reaction } from './schemas.js';

const WHERE = 'cred.json (plugins.feishu)';

/** What a load read, as `cred load` prints it ("12 messages, 3 rows changed"). */
const COUNTED = [
  'members',
  'messages',
  'reactions',
  'documents',
  'owners read',
  'rows',
  'rows changed',
] as const;
type Counts = Record<(typeof COUNTED)[number], number>;

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
  const api = new FeishuApi(config.domain, credentials, http);
  const mirror = FeishuMirror.open(path.join(context.cacheDir, MIRROR_FILE));
  const counts = Object.fromEntries(COUNTED.map((kind) => [kind, 0])) as Counts;
  const notes: string[] = [];
  try {
    for (const chatId of config.chats)
      await loadChat(api, mirror, chatId, config.rereadDays, counts, context);
    for (const spaceId of config.wikiSpaces) {
      const removed = await loadSpace(api, mirror, spaceId, counts, context);
      if (removed > 0) notes.push(`wiki space ${spaceId}: ${removed} documents are gone`);
    }
    for (const [index, table] of config.tables.entries()) {
      const removed = await loadTable(api, mirror, table, index, counts, context);
      if (removed > 0) notes.push(`table ${table.tableId}: ${removed} rows were deleted`);
    }
  } finally {
    mirror.close();
  }
  const { stats } = http;
  if (stats.rateLimitWaits > 0 || stats.serverRetries > 0) {
    notes.push(
      `${stats.rateLimitWaits} rate-limit waits and ${stats.serverRetries} retries, ${stats.waitedMs / 1000} s in all`,
    );
  }
  const nonZero = Object.entries(counts).filter(([, value]) => value > 0);
  return { requests: stats.requests, items: Object.fromEntries(nonZero), notes };
}

/** Every item of a paged listing; a page token seen twice is an error, not an endless loop. */
export async function* pagesOf<Item>(
  what: string,
  fetchPage: (pageToken: string | undefined) => Promise<Page<Item>>,
): AsyncGenerator<Page<Item>> {
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await fetchPage(token);
    yield page;
    if (!page.hasMore || page.pageToken === undefined) return;
    if (seen.has(page.pageToken)) {
      throw new PluginFetchError(
        'FEISHU_MALFORMED',
        `feishu: ${what}: page token "${page.pageToken}" came back twice`,
        {
          suggestions: ['Run "cred load" again later; report it if it persists.'],
        },
      );
    }
    seen.add(page.pageToken);
    token = page.pageToken;
  }
}

async function allItems<Item>(
  what: string,
  fetchPage: (pageToken: string | undefined) => Promise<Page<Item>>,
): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pagesOf(what, fetchPage)) items.push(...page.items);
  return items;
}

async function loadChat(
  api: FeishuApi,
  mirror: FeishuMirror,
  chatId: string,
  rereadDays: number,
  counts: Counts,
  context: PluginContext<FeishuConfig>,
): Promise<void> {
  const name = await api.chatName(chatId);
  const members = await allItems(`members of ${chatId}`, (token) => api.members(chatId, token));
  mirror.writeChat(chatId, name, members);
  counts.members += members.length;
  const watermarkMs = mirror.chatWatermarkMs(chatId);
  const startS =
    watermarkMs === undefined
      ? 0
      : Math.floor(Math.max(0, watermarkMs - rereadDays * DAY_MS) / 1000);
  context.reporter.progress(
    `feishu: chat "${name}" from ${startS === 0 ? 'the start' : new Date(startS * 1000).toISOString()}`,
  );
  for await (const page of pagesOf(`messages of ${chatId}`, (token) =>
    api.messages(chatId, startS, token),
  )) {
    const reactions = new Map<string, Reaction[]>();
    for (const message of page.items) {
      if (!carriesWork(message)) continue;
      const id = message.message_id;
      reactions.set(id, await allItems(`reactions to ${id}`, (token) => api.reactions(id, token)));
      counts.reactions += reactions.get(id)?.length ?? 0;
    }
    mirror.writeMessagePage(chatId, page.items, reactions);
    counts.messages += page.items.length;
  }
}

async function loadSpace(
  api: FeishuApi,
  mirror: FeishuMirror,
  spaceId: string,
  counts: Counts,
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
      mirror.writeWikiPage(spaceId, generation, page.items, metas);
      counts.documents += page.items.length;
      counts['owners read'] += metas.length;
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
  counts: Counts,
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
    counts['rows changed'] += mirror.writeRecordPage(
      appToken,
      tableId,
      generation,
      page.items,
      people,
    );
    counts.rows += page.items.length;
  }
  return mirror.completeTableListing(appToken, tableId, generation);
}

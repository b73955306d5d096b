/**
 * The Feishu calls the plugin makes, through `@larksuiteoapi/node-sdk` (>= 1.73.2: older
 * versions break on a `domain` with a port). Every answer is checked the same way: a body that
 * is not a JSON object, a `code` other than 0 (Feishu reports many errors with HTTP 200), or data
 * that does not match its schema becomes a PluginFetchError naming the call, before anything is
 * stored. A refused tenant token (the SDK caches it and never refreshes it) is dropped and the
 * call made once more. Listings are paged by hand, never with the SDK's `*WithIterator`, which
 * cannot report a business error and ends a listing early on an HTTP error.
 */
import * as lark from '@larksuiteoapi/node-sdk';
import type { z } from 'zod';
import { CredError, PluginFetchError } from '../../core/errors.js';
import { describeIssue } from '../../core/validation.js';
import type { ProgressReporter } from '../../core/plugin.js';
import type { FeishuCredentials } from './config.js';
import { feishuCode, TOKEN_INVALID_CODES, type FeishuHttp } from './http.js';
import {
  chatSchema,
  fieldSchema,
  memberSchema,
  messageSchema,
  metasSchema,
  pageOf,
  reactionSchema,
  recordSchema,
  spaceSchema,
  wikiNodeSchema,
  type DocMeta,
  type DocType,
  type Field,
  type Member,
  type Message,
  type Page,
  type Reaction,
  type TableRecord,
  type WikiNode,
} from './schemas.js';

/** Page sizes: the largest each API accepts. */
export const PAGE_SIZES = Object.freeze({
  members: 100,
  messages: 50,
  reactions: 50,
  wikiNodes: 50,
  metas: 200,
  fields: 100,
  records: 500,
});

type HttpInstance = NonNullable<ConstructorParameters<typeof lark.Client>[0]['httpInstance']>;

const SILENT_LOGGER = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

type Send = (client: lark.Client) => Promise<unknown>;

export class FeishuApi {
  private readonly cache = new lark.DefaultCache();
  private readonly client: lark.Client;

  constructor(
    domain: string,
    credentials: FeishuCredentials,
    private readonly http: FeishuHttp,
    private readonly reporter?: ProgressReporter,
  ) {
    this.client = new lark.Client({
      appId: credentials.appId,
      appSecret: credentials.appSecret,
      appType: lark.AppType.SelfBuild,
      domain,
      cache: this.cache,
      // axios's typings wrap the result; the instance unwraps it as the SDK expects.
      httpInstance: http.instance as unknown as HttpInstance,
      logger: SILENT_LOGGER,
    });
  }

  async chatName(chatId: string): Promise<string> {
    const what = `GET im/v1/chats/${chatId}`;
    const data = await this.call(what, chatSchema, (c) =>
      c.im.chat.get({ path: { chat_id: chatId } }),
    );
    return data.name;
  }

  members(chatId: string, pageToken: string | undefined): Promise<Page<Member>> {
    return this.page(`GET im/v1/chats/${chatId}/members`, memberSchema, (c) =>
      c.im.chatMembers.get({
        path: { chat_id: chatId },
        params: { member_id_type: 'open_id', page_size: PAGE_SIZES.members, page_token: pageToken },
      }),
    );
  }

  messages(
    chatId: string,
    startTimeS: number,
    pageToken: string | undefined,
  ): Promise<Page<Message>> {
    return this.page(`GET im/v1/messages (chat ${chatId})`, messageSchema, (c) =>
      c.im.message.list({
        params: {
          container_id_type: 'chat',
          container_id: chatId,
          start_time: String(startTimeS),
          sort_type: 'ByCreateTimeAsc',
          page_size: PAGE_SIZES.messages,
          page_token: pageToken,
        },
      }),
    );
  }

  /**
   * The replies of a topic thread, oldest first. A chat listing leaves them out; Feishu takes no
   * time range for a thread, so the whole thread is read each time.
   */
  threadMessages(threadId: string, pageToken: string | undefined): Promise<Page<Message>> {
    return this.page(`GET im/v1/messages (thread ${threadId})`, messageSchema, (c) =>
      c.im.message.list({
        params: {
          container_id_type: 'thread',
          container_id: threadId,
          sort_type: 'ByCreateTimeAsc',
          page_size: PAGE_SIZES.messages,
          page_token: pageToken,
        },
      }),
    );
  }

  reactions(messageId: string, pageToken: string | undefined): Promise<Page<Reaction>> {
    return this.page(`GET im/v1/messages/${messageId}/reactions`, reactionSchema, (c) =>
      c.im.messageReaction.list({
        path: { message_id: messageId },
        params: { user_id_type: 'open_id', page_size: PAGE_SIZES.reactions, page_token: pageToken },
      }),
    );
  }

  async spaceName(spaceId: string): Promise<string> {
    const what = `GET wiki/v2/spaces/${spaceId}`;
    const data = await this.call(what, spaceSchema, (c) =>
      c.wiki.space.get({ path: { space_id: spaceId } }),
    );
    return data.space.name;
  }

  wikiNodes(
    spaceId: string,
    parent: string | undefined,
    pageToken: string | undefined,
  ): Promise<Page<WikiNode>> {
    const what = `GET wiki/v2/spaces/${spaceId}/nodes${parent === undefined ? '' : ` (under ${parent})`}`;
    return this.page(what, wikiNodeSchema, (c) =>
      c.wiki.spaceNode.list({
        path: { space_id: spaceId },
        params: {
          page_size: PAGE_SIZES.wikiNodes,
          page_token: pageToken,
          parent_node_token: parent,
        },
      }),
    );
  }

  /** Owners and last editors of up to 200 documents; those it cannot read are left out. */
  async metas(docs: readonly { token: string; type: DocType }[]): Promise<DocMeta[]> {
    const data = await this.call('POST drive/v1/metas/batch_query', metasSchema, (c) =>
      c.drive.meta.batchQuery({
        params: { user_id_type: 'open_id' },
        data: {
          request_docs: docs.map((doc) => ({ doc_token: doc.token, doc_type: doc.type })),
          with_url: true,
        },
      }),
    );
    return data.metas ?? [];
  }

  fields(appToken: string, tableId: string, pageToken: string | undefined): Promise<Page<Field>> {
    return this.page(`GET bitable/v1/apps/${appToken}/tables/${tableId}/fields`, fieldSchema, (c) =>
      c.bitable.appTableField.list({
        path: { app_token: appToken, table_id: tableId },
        params: { page_size: PAGE_SIZES.fields, page_token: pageToken },
      }),
    );
  }

  records(
    appToken: string,
    tableId: string,
    pageToken: string | undefined,
  ): Promise<Page<TableRecord>> {
    const what = `POST bitable/v1/apps/${appToken}/tables/${tableId}/records/search`;
    return this.page(what, recordSchema, (c) =>
      c.bitable.appTableRecord.search({
        path: { app_token: appToken, table_id: tableId },
        params: { user_id_type: 'open_id', page_size: PAGE_SIZES.records, page_token: pageToken },
        data: { automatic_fields: true },
      }),
    );
  }

  private async page<Item>(what: string, item: z.ZodType<Item>, send: Send): Promise<Page<Item>> {
    const data = await this.call(what, pageOf(item), send);
    if (data.has_more && (data.page_token === undefined || data.page_token === '')) {
      throw malformed(what, 'has_more is true but there is no page_token');
    }
    return {
      items: (data.items ?? []) as Item[],
      hasMore: data.has_more,
      pageToken: data.has_more ? data.page_token : undefined,
    };
  }

  /** Sends, checks the envelope and validates `data`; refreshes a refused token once. */
  private async call<T>(what: string, schema: z.ZodType<T>, send: Send): Promise<T> {
    let body = await this.send(what, send);
    if (tokenRefused(body)) {
      this.cache.values.clear();
      this.http.stats.tokenRenewals++;
      this.reporter?.progress(`feishu: the tenant token expired; fetching a new one (${what})`);
      body = await this.send(what, send);
      if (tokenRefused(body)) {
        throw new PluginFetchError(
          'FEISHU_TOKEN_INVALID',
          `feishu: ${what} refused a fresh tenant token`,
          {
            suggestions: [
              'Check FEISHU_APP_ID and FEISHU_APP_SECRET, and that the app is enabled.',
            ],
          },
        );
      }
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      const text = typeof body === 'string' ? `"${body.slice(0, 80)}"` : String(body);
      throw malformed(what, `the answer is not a JSON object: ${text}`);
    }
    const code = feishuCode(body);
    if (code === undefined) throw malformed(what, 'the answer has no numeric "code"');
    if (code !== 0) {
      const msg = (body as { msg?: unknown }).msg;
      throw new PluginFetchError(
        'FEISHU_API_ERROR',
        `feishu: ${what} failed: code ${code} ${String(msg ?? '')}`.trimEnd(),
        {
          suggestions: [
            'Look the code up in the Feishu open platform error list; most mean a missing scope or that the app is not a member of the chat, space or base.',
          ],
        },
      );
    }
    const result = schema.safeParse((body as { data?: unknown }).data);
    if (!result.success) {
      const { problem } = describeIssue(result.error.issues[0] as z.core.$ZodIssue);
      throw malformed(what, `data ${problem}`);
    }
    return result.data;
  }

  private async send(what: string, send: Send): Promise<unknown> {
    try {
      return await send(this.client);
    } catch (error) {
      if (error instanceof PluginFetchError && error.code === 'FEISHU_TOKEN_INVALID')
        return { code: TOKEN_INVALID_CODES[1] };
      if (error instanceof CredError) throw error;
      // The SDK's own errors (a token answer without a token, a bad path argument) carry only
      // its message, which names the API code and never the secret.
      const message = (error as Error).message ?? String(error);
      const auth = message.includes('tenant_access_token');
      throw new PluginFetchError(
        auth ? 'FEISHU_AUTH_FAILED' : 'FEISHU_REQUEST_FAILED',
        `feishu: ${what}: ${message}`,
        {
          suggestions: [
            auth
              ? 'Check FEISHU_APP_ID and FEISHU_APP_SECRET.'
              : 'Run "cred load" again; report it if it persists.',
          ],
        },
      );
    }
  }
}

function tokenRefused(body: unknown): boolean {
  const code = feishuCode(body);
  return code !== undefined && TOKEN_INVALID_CODES.includes(code);
}

function malformed(what: string, problem: string): PluginFetchError {
  return new PluginFetchError('FEISHU_MALFORMED', `feishu: ${what}: ${problem}`, {
    suggestions: [
      'The answer was not stored; the cache keeps what earlier loads read. Run "cred load" again later, and report it if it persists.',
    ],
  });
}

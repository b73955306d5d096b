/**
 * A loopback stand-in for the Feishu (Lark) open platform, served from a dataset
 * (`dataset.ts`) under `<url>/feishu/open-apis/...`, so the real `@larksuiteoapi/node-sdk` runs
 * against it with `domain: <url>/feishu`. It issues tenant tokens only for the dataset's app
 * credentials (a fake token, `expire` 7200 s), refuses calls without a current token the way
 * Feishu does (HTTP 400, code 99991661 or 99991663), and answers the APIs the Feishu plugin
 * uses. Faults (a 429 with `x-ogw-ratelimit-reset`, a 5xx, a malformed body) are injected with
 * the base stand-in's `inject`; `revokeTokens()` makes every issued token expire.
 */
import express, { type Request } from 'express';
import { startStandIn, type LoggedRequest, type StandIn } from '../standIn.js';
import { fail } from './answers.js';
import { mountBitable } from './bitableRoutes.js';
import type { FeishuDataset } from './dataset.js';
import { mountDocs } from './docRoutes.js';
import { mountIm } from './imRoutes.js';

export const FEISHU_MOUNT = '/feishu';
const API_ROOT = `${FEISHU_MOUNT}/open-apis`;
const TOKEN_PATH = '/auth/v3/tenant_access_token/internal';

export interface FeishuStandInOptions {
  /** Serve at most this many items per page (to page a small dataset many times). */
  readonly maxPageItems?: number;
}

export interface FeishuStandIn extends StandIn {
  /** The `domain` to give the SDK (and cred.json): `<url>/feishu`. */
  readonly domain: string;
  /** The data served; tests may change it between loads. */
  data: FeishuDataset;
  /** Tokens issued so far, oldest first. */
  readonly tokens: readonly string[];
  /** Makes every issued token invalid (as if it expired). */
  revokeTokens(): void;
}

export async function startFeishuStandIn(
  dataset: FeishuDataset,
  options: FeishuStandInOptions = {},
): Promise<FeishuStandIn> {
  const tokens: string[] = [];
  const valid = new Set<string>();
  const served: { standIn?: FeishuStandIn } = {};
  const data = (): FeishuDataset => served.standIn?.data ?? dataset;
  const router = express.Router();
  router.post(TOKEN_PATH, (request, response) => {
    const body = (request.body ?? {}) as { app_id?: unknown; app_secret?: unknown };
    const app = data().app;
    if (body.app_id !== app.appId || body.app_secret !== app.appSecret) {
      return response.json({ code: 10014, msg: 'app secret invalid' });
    }
    const token = `t-test-token-not-real-${tokens.length + 1}`;
    tokens.push(token);
    valid.add(token);
    response.json({ code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
  });
  router.use((request, response, next) => {
    const token = bearer(request);
    if (token === undefined)
      return fail(response, 400, 99991661, 'Missing access token for authorization.');
    if (!valid.has(token))
      return fail(response, 400, 99991663, 'Invalid access token for authorization.');
    next();
  });
  mountIm(router, data, options.maxPageItems);
  mountDocs(router, data, options.maxPageItems);
  mountBitable(router, data, options.maxPageItems);
  router.use((request, response) =>
    fail(response, 404, 404, `stand-in: no such API ${request.method} ${request.path}`),
  );
  const base = await startStandIn((app) => app.use(API_ROOT, router));
  const standIn: FeishuStandIn = Object.assign(base, {
    domain: `${base.url}${FEISHU_MOUNT}`,
    data: dataset,
    tokens,
    revokeTokens: () => valid.clear(),
  });
  served.standIn = standIn;
  return standIn;
}

function bearer(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer (.+)$/.exec(header) : null;
  return match?.[1];
}

/** True when a logged request called `api` (a path under open-apis, e.g. "im/v1/messages"). */
export function isFeishuCall(request: LoggedRequest, api: string): boolean {
  return request.path === `${API_ROOT}/${api}`;
}

/** The open-apis path of a logged request ("im/v1/messages"), for assertions. */
export function feishuApiPath(request: LoggedRequest): string {
  return request.path.startsWith(`${API_ROOT}/`)
    ? request.path.slice(API_ROOT.length + 1)
    : request.path;
}

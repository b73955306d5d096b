/**
 * The HTTP instance the Feishu SDK sends every request through (its own token call included).
 * The SDK's default instance logs and swallows errors inside its `*WithIterator` listings, has
 * no timeout, and turns a rate limit into an exception a caller must parse. This one:
 *
 * - unwraps `response.data`, as the SDK expects (its token manager reads the body directly);
 * - waits out rate limits (HTTP 429, or the legacy HTTP 400 / HTTP 200 with code 99991400) for
 *   `x-ogw-ratelimit-reset` seconds and sends the request again, announcing when it resumes;
 * - retries server errors (5xx), dropped connections and answers that say "try again later"
 *   (code 1254607, "Data not ready", sent with HTTP 200) a bounded number of times, with
 *   growing delays, announcing each retry, whatever the HTTP status;
 * - otherwise fails loudly with a PluginFetchError naming the request (never its body, which
 *   for the token call holds the app secret).
 *
 * Sleeping goes through the injected `sleep`, so tests assert the delays instead of waiting.
 */
import axios, { type AxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import { PluginFetchError } from '../../core/errors.js';
import type { ProgressReporter } from '../../core/plugin.js';

export const RATE_LIMIT_CODE = 99991400;
/** Codes that mean "not now, ask again": retried like a server error. */
export const RETRY_LATER_CODES: readonly number[] = [1254607];
/** Codes Feishu uses for a missing, invalid or expired tenant token. */
export const TOKEN_INVALID_CODES: readonly number[] = [99991661, 99991663, 99991664];

export interface HttpServices {
  readonly sleep: (ms: number) => Promise<void>;
  readonly nowMs: () => number;
  readonly reporter: ProgressReporter;
}

export interface HttpLimits {
  /** Consecutive rate-limit waits for one request before giving up. */
  readonly rateLimitWaits: number;
  /** Wait when a rate-limited answer has no `x-ogw-ratelimit-reset`. */
  readonly defaultResetMs: number;
  /** Delays before each retry of a server error or dropped connection. */
  readonly serverRetryDelaysMs: readonly number[];
  readonly timeoutMs: number;
}

export const DEFAULT_LIMITS: HttpLimits = Object.freeze({
  rateLimitWaits: 10,
  defaultResetMs: 10_000,
  serverRetryDelaysMs: Object.freeze([1_000, 4_000, 16_000]),
  timeoutMs: 60_000,
});

export interface HttpStats {
  requests: number;
  rateLimitWaits: number;
  serverRetries: number;
  waitedMs: number;
  /** Expired tenant tokens replaced by a fresh one (counted by the API layer). */
  tokenRenewals: number;
}

export interface FeishuHttp {
  readonly instance: AxiosInstance;
  readonly stats: HttpStats;
}

type RetryConfig = InternalAxiosRequestConfig & {
  credRateLimitWaits?: number;
  credServerRetries?: number;
};

export function createFeishuHttp(services: HttpServices, limits = DEFAULT_LIMITS): FeishuHttp {
  const instance = axios.create({ timeout: limits.timeoutMs });
  const stats: HttpStats = {
    requests: 0,
    rateLimitWaits: 0,
    serverRetries: 0,
    waitedMs: 0,
    tokenRenewals: 0,
  };
  const again = new Resender(instance, stats, services, limits);
  instance.interceptors.request.use((config) => {
    stats.requests++;
    return config;
  });
  instance.interceptors.response.use(
    (response) => {
      const config = response.config as RetryConfig;
      if (isRateLimitBody(response.data))
        return again.rateLimited(config, response.headers, response.status);
      if (isRetryLaterBody(response.data))
        return again.retryLater(config, response.data, response.status);
      return response.data;
    },
    (error: unknown) => {
      if (!axios.isAxiosError(error) || error.config === undefined) throw error;
      const config = error.config as RetryConfig;
      const response = error.response;
      if (response !== undefined && (response.status === 429 || isRateLimitBody(response.data))) {
        return again.rateLimited(config, response.headers, response.status);
      }
      if (response !== undefined && isRetryLaterBody(response.data)) {
        return again.retryLater(config, response.data, response.status);
      }
      if (response === undefined || response.status >= 500) {
        const why =
          response === undefined
            ? `no answer (${error.code ?? 'error'})`
            : `HTTP ${response.status}`;
        const sent = again.retry(config, why);
        if (sent === undefined) throw failure(config, error);
        return sent;
      }
      throw failure(config, error);
    },
  );
  return { instance, stats };
}

/** Sends a request again after a wait, announcing it, within the configured bounds. */
class Resender {
  constructor(
    private readonly instance: AxiosInstance,
    private readonly stats: HttpStats,
    private readonly services: HttpServices,
    private readonly limits: HttpLimits,
  ) {}

  rateLimited(config: RetryConfig, headers: unknown, status: number): Promise<unknown> {
    const waits = (config.credRateLimitWaits ?? 0) + 1;
    if (waits > this.limits.rateLimitWaits) {
      throw new PluginFetchError(
        'FEISHU_RATE_LIMITED',
        `feishu: ${describeRequest(config)} is still rate limited after ${waits - 1} waits`,
        {
          url: requestUrl(config),
          status,
          suggestions: [
            'Another app or script may share this app\'s quota: wait a few minutes and run "cred load" again (it resumes).',
          ],
        },
      );
    }
    config.credRateLimitWaits = waits;
    this.stats.rateLimitWaits++;
    return this.wait(config, resetMs(headers, this.limits.defaultResetMs), 'rate limited');
  }

  /** Sends again after the next delay, or undefined when the retries are used up. */
  retry(config: RetryConfig, why: string): Promise<unknown> | undefined {
    const attempt = config.credServerRetries ?? 0;
    const delayMs = this.limits.serverRetryDelaysMs[attempt];
    if (delayMs === undefined) return undefined;
    config.credServerRetries = attempt + 1;
    this.stats.serverRetries++;
    return this.wait(config, delayMs, why);
  }

  /** An answer saying "try again later" (code 1254607), whatever its HTTP status. */
  retryLater(config: RetryConfig, body: unknown, status: number): Promise<unknown> {
    const why = `code ${feishuCode(body)} "${feishuMessage(body)}" (HTTP ${status})`;
    const sent = this.retry(config, why);
    if (sent !== undefined) return sent;
    throw new PluginFetchError(
      'FEISHU_NOT_READY',
      `feishu: ${describeRequest(config)} still answers ${why} after ${config.credServerRetries ?? 0} retries`,
      {
        url: requestUrl(config),
        status,
        suggestions: [
          'Feishu is still preparing this data: run "cred load" again in a few minutes (it resumes).',
        ],
      },
    );
  }

  private async wait(config: RetryConfig, ms: number, why: string): Promise<unknown> {
    const resumeAt = new Date(this.services.nowMs() + ms).toISOString();
    this.services.reporter.progress(
      `feishu: ${why} on ${describeRequest(config)}; waiting ${ms / 1000} s, resuming at ${resumeAt}`,
    );
    this.stats.waitedMs += ms;
    await this.services.sleep(ms);
    return this.instance.request(config);
  }
}

function isRateLimitBody(body: unknown): boolean {
  return feishuCode(body) === RATE_LIMIT_CODE;
}

function isRetryLaterBody(body: unknown): boolean {
  const code = feishuCode(body);
  return code !== undefined && RETRY_LATER_CODES.includes(code);
}

/** The `code` of a Feishu answer body, when it has one. */
export function feishuCode(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const code = (body as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

function feishuMessage(body: unknown): string {
  if (body === null || typeof body !== 'object') return '';
  const msg = (body as { msg?: unknown }).msg;
  return typeof msg === 'string' ? msg : '';
}

function resetMs(headers: unknown, fallbackMs: number): number {
  const raw = (headers as Record<string, unknown> | undefined)?.['x-ogw-ratelimit-reset'];
  const seconds = Number(raw);
  return raw !== undefined && Number.isFinite(seconds) && seconds >= 0
    ? seconds * 1000
    : fallbackMs;
}

function requestUrl(config: InternalAxiosRequestConfig): string {
  const url = config.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function describeRequest(config: InternalAxiosRequestConfig): string {
  return `${(config.method ?? 'get').toUpperCase()} ${requestUrl(config)}`;
}

function isTokenCall(config: InternalAxiosRequestConfig): boolean {
  return requestUrl(config).endsWith('/auth/v3/tenant_access_token/internal');
}

/** The error a failed request becomes: what was asked, what came back, what to do. */
function failure(config: RetryConfig, error: AxiosError): PluginFetchError {
  const response = error.response;
  const url = requestUrl(config);
  const request = describeRequest(config);
  if (response === undefined) {
    const retries = config.credServerRetries ?? 0;
    return new PluginFetchError(
      'FEISHU_UNREACHABLE',
      `feishu: ${request} got no answer (${error.code ?? error.message}) after ${retries} retries`,
      { url, suggestions: ['Check the network and the "domain" of plugins.feishu in cred.json.'] },
    );
  }
  const code = feishuCode(response.data);
  const said = code === undefined ? '' : `: code ${code} ${feishuMessage(response.data)}`.trimEnd();
  const status = response.status;
  if (isTokenCall(config)) {
    return new PluginFetchError(
      'FEISHU_AUTH_FAILED',
      `feishu: the tenant token request failed (HTTP ${status}${said})`,
      { url, status, suggestions: ['Check FEISHU_APP_ID and FEISHU_APP_SECRET.'] },
    );
  }
  if (code !== undefined && TOKEN_INVALID_CODES.includes(code)) {
    return new PluginFetchError(
      'FEISHU_TOKEN_INVALID',
      `feishu: ${request} refused the token (HTTP ${status}${said})`,
      {
        url,
        status,
        suggestions: ['Run "cred load" again; if it persists, check the app credentials.'],
      },
    );
  }
  const suffix = status >= 500 ? ` after ${config.credServerRetries ?? 0} retries` : '';
  return new PluginFetchError(
    'FEISHU_HTTP_ERROR',
    `feishu: ${request} answered HTTP ${status}${said}${suffix}`,
    {
      url,
      status,
      suggestions: [
        'Check that the app has the scopes for this API and was added to the chat, wiki space or base.',
      ],
    },
  );
}

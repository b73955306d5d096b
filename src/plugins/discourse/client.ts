/**
 * A thin typed client for Discourse's JSON API on Node's global `fetch` (docs/decisions/0150).
 * It sends the API key as headers, paces requests under the forum's limits, waits out a 429 for
 * as long as the forum says (`Retry-After`, else `extras.wait_seconds`), retries the transient
 * 502/503/504/52x answers of hosted forums, and validates the fields the plugin uses, turning
 * every failure into a `PluginFetchError` that names the request, what was expected and what
 * came. Waits go through the injected clock and `sleep`, so tests assert them instead of
 * waiting, and each is announced with the time the load resumes.
 */
import type { z } from 'zod';
import { assert, PluginFetchError } from '../../core/errors.js';
import type { ProgressReporter } from '../../core/plugin.js';
import { describeIssue } from '../../core/validation.js';
import type { DiscourseCredentials } from './config.js';

export type QueryValue = string | number | readonly (string | number)[];
export type Query = Readonly<Record<string, QueryValue | undefined>>;

export interface DiscourseClientOptions {
  readonly serverUrl: string;
  readonly credentials: DiscourseCredentials;
  readonly requestsPerMinute: number;
  readonly nowMs: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly reporter: ProgressReporter;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof globalThis.fetch;
  readonly timeoutMs?: number;
}

/** Answers that mean "this topic or user is not visible (any more)": skipped, not fatal. */
export const SKIPPED_STATUSES: ReadonlySet<number> = new Set([403, 404, 410]);
/** Transient answers of a busy or proxied forum, retried with backoff. */
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504, 520, 521, 522, 523, 524]);
export const MAX_RATE_LIMIT_WAITS = 5;
export const MAX_TRANSIENT_RETRIES = 3;
/** Wait after a 429 that names no time: Discourse's limits are per minute. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
const TRANSIENT_BACKOFF_MS = 2_000;

export type Fetched<T> =
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'skipped'; readonly httpStatus: number };

/** What the client did, for the load report. */
export interface ClientStats {
  /** Requests by endpoint (`/t/{id}.json`), retries included. */
  readonly requestsByEndpoint: Record<string, number>;
  /** Waits for a 429, and their total. */
  rateLimitWaits: number;
  /** Retries after a transient answer or a network error. */
  retries: number;
  waitedMs: number;
}

/** The endpoint a path belongs to, with ids and names replaced (`/t/{id}/posts.json`). */
export function endpointOf(path: string): string {
  return path.replace(/^\/t\/\d+/, '/t/{id}').replace(/^\/u\/[^/]+\.json$/, '/u/{username}.json');
}

export class DiscourseClient {
  /** HTTP requests sent so far, retries included. */
  requests = 0;
  readonly stats: ClientStats = {
    requestsByEndpoint: {},
    rateLimitWaits: 0,
    retries: 0,
    waitedMs: 0,
  };
  private lastStartMs = Number.NEGATIVE_INFINITY;
  private readonly fetchImpl: typeof globalThis.fetch;

  constructor(private readonly options: DiscourseClientOptions) {
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  /** Whether requests carry an API key (which may be a staff key that sees private content). */
  get authenticated(): boolean {
    return this.options.credentials.apiKey !== undefined;
  }

  /** GET a JSON endpoint; any answer but 200 with a valid body is an error. */
  async get<T>(path: string, query: Query, schema: z.ZodType<T>): Promise<T> {
    const result = await this.fetchJson(path, query, schema, false);
    assert(result.status === 'ok', 'a GET that may not skip came back skipped');
    return result.value;
  }

  /** GET a topic or user; 403/404/410 come back as `skipped` instead of throwing. */
  getOrSkip<T>(path: string, query: Query, schema: z.ZodType<T>): Promise<Fetched<T>> {
    return this.fetchJson(path, query, schema, true);
  }

  url(path: string, query: Query = {}): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
    }
    const text = search.toString();
    return `${this.options.serverUrl}${path}${text === '' ? '' : `?${text}`}`;
  }

  private headers(): Record<string, string> {
    const { apiKey, apiUsername } = this.options.credentials;
    return {
      accept: 'application/json',
      ...(apiKey === undefined ? {} : { 'Api-Key': apiKey }),
      ...(apiUsername === undefined ? {} : { 'Api-Username': apiUsername }),
    };
  }

  private async fetchJson<T>(
    path: string,
    query: Query,
    schema: z.ZodType<T>,
    skipMissing: boolean,
  ): Promise<Fetched<T>> {
    const url = this.url(path, query);
    const endpoint = endpointOf(path);
    let rateLimitWaits = 0;
    let transientRetries = 0;
    for (;;) {
      const byEndpoint = this.stats.requestsByEndpoint;
      byEndpoint[endpoint] = (byEndpoint[endpoint] ?? 0) + 1;
      const response = await this.send(url, transientRetries);
      if (response === undefined) {
        transientRetries++;
        this.stats.retries++;
        continue;
      }
      const text = await response.text();
      if (response.status === 429) {
        if (rateLimitWaits++ >= MAX_RATE_LIMIT_WAITS) throw this.rateLimitError(url);
        this.stats.rateLimitWaits++;
        await this.wait(rateLimitWaitMs(response, text, this.options.nowMs()), `rate limited`);
        continue;
      }
      if (TRANSIENT_STATUSES.has(response.status)) {
        if (transientRetries >= MAX_TRANSIENT_RETRIES) {
          throw this.httpError(url, response.status, text);
        }
        this.stats.retries++;
        await this.wait(
          TRANSIENT_BACKOFF_MS * 2 ** transientRetries++,
          `HTTP ${response.status}, retry ${transientRetries}/${MAX_TRANSIENT_RETRIES}`,
        );
        continue;
      }
      if (skipMissing && SKIPPED_STATUSES.has(response.status)) {
        return { status: 'skipped', httpStatus: response.status };
      }
      if (response.status !== 200) throw this.httpError(url, response.status, text);
      return { status: 'ok', value: this.parse(url, text, schema) };
    }
  }

  /** Sends one request after pacing; undefined after a network failure worth retrying. */
  private async send(url: string, transientRetries: number): Promise<Response | undefined> {
    await this.pace();
    this.requests++;
    try {
      return await this.fetchImpl(url, {
        headers: this.headers(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      if (transientRetries >= MAX_TRANSIENT_RETRIES) {
        throw new PluginFetchError(
          'DISCOURSE_UNREACHABLE',
          `Discourse: GET ${url} failed: ${(error as Error).message}`,
          {
            url,
            suggestions: [
              'Check serverUrl in cred.json and your network, then run cred load again.',
            ],
          },
        );
      }
      await this.wait(TRANSIENT_BACKOFF_MS * 2 ** transientRetries, 'network error');
      return undefined;
    }
  }

  private async pace(): Promise<void> {
    const intervalMs = 60_000 / this.options.requestsPerMinute;
    const waitMs = this.lastStartMs + intervalMs - this.options.nowMs();
    if (waitMs > 0) await this.options.sleep(Math.ceil(waitMs));
    this.lastStartMs = Math.max(this.options.nowMs(), this.lastStartMs + intervalMs);
  }

  private async wait(waitMs: number, reason: string): Promise<void> {
    const resumeAt = new Date(this.options.nowMs() + waitMs).toISOString();
    this.options.reporter.progress(
      `discourse: ${reason}; waiting ${Math.ceil(waitMs / 1000)} s, resuming at ${resumeAt}`,
    );
    this.stats.waitedMs += waitMs;
    await this.options.sleep(waitMs);
  }

  private parse<T>(url: string, text: string, schema: z.ZodType<T>): T {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw malformed(url, `a body that is not JSON (${JSON.stringify(text.slice(0, 40))})`);
    }
    const result = schema.safeParse(json);
    if (result.success) return result.data;
    const { problem } = describeIssue(result.error.issues[0] as z.core.$ZodIssue);
    throw malformed(url, `an unexpected body: ${problem}`);
  }

  private rateLimitError(url: string): PluginFetchError {
    return new PluginFetchError(
      'DISCOURSE_RATE_LIMITED',
      `Discourse: GET ${url} was still rate limited after ${MAX_RATE_LIMIT_WAITS} waits`,
      {
        url,
        status: 429,
        suggestions: [
          'Lower requestsPerMinute in cred.json, or set DISCOURSE_API_KEY for a higher limit; the cache keeps what was loaded.',
        ],
      },
    );
  }

  private httpError(url: string, status: number, body: string): PluginFetchError {
    const auth = status === 401 || status === 403;
    return new PluginFetchError(
      auth ? 'DISCOURSE_FORBIDDEN' : 'DISCOURSE_HTTP_ERROR',
      `Discourse: GET ${url} answered HTTP ${status}, expected 200${errorText(body)}`,
      {
        url,
        status,
        suggestions: [
          auth
            ? 'Check DISCOURSE_API_KEY and DISCOURSE_API_USERNAME (or unset both to read the forum anonymously).'
            : 'Run cred load again later; the cache keeps what was loaded.',
        ],
      },
    );
  }
}

function malformed(url: string, what: string): PluginFetchError {
  return new PluginFetchError('DISCOURSE_MALFORMED', `Discourse: GET ${url} answered ${what}`, {
    url,
    status: 200,
    suggestions: [
      'Check that serverUrl points at a Discourse forum. Nothing from this answer was written to the cache; run cred load again.',
    ],
  });
}

/** The forum's own message, when its error body has one (`{errors: [...]}`). */
function errorText(body: string): string {
  try {
    const errors = (JSON.parse(body) as { errors?: unknown }).errors;
    return Array.isArray(errors) && typeof errors[0] === 'string' ? `: ${errors[0]}` : '';
  } catch {
    return '';
  }
}

/** How long a 429 asks to wait: `Retry-After` (seconds or a date), else `extras.wait_seconds`. */
export function rateLimitWaitMs(response: Response, body: string, nowMs: number): number {
  const header = response.headers.get('retry-after');
  if (header !== null) {
    const seconds = Number(header);
    if (header.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  try {
    const seconds = (JSON.parse(body) as { extras?: { wait_seconds?: unknown } }).extras
      ?.wait_seconds;
    if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) {
      return seconds * 1000;
    }
  } catch {
    // not JSON: fall through to the default
  }
  return DEFAULT_RATE_LIMIT_WAIT_MS;
}

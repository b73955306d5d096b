/**
 * HTTP only: sends one GraphQL query through `@octokit/graphql` and returns its validated data,
 * or throws. It waits out rate limits (announcing the wait and the time it resumes, through the
 * injected reporter and sleep), retries dropped connections, abandons a request after the
 * configured timeout (the caller retries a smaller page), and rejects answers that are not what
 * the query asked for. It counts requests, points, waits and retries per tag (repository and
 * object kind) for the load report. The token goes in one header and nowhere else.
 */
import { graphql } from '@octokit/graphql';
import type { z } from 'zod';
import { PluginFetchError } from '../../core/errors.js';
import type { ProgressReporter } from '../../core/plugin.js';
import { classifyGithubError } from './rateLimit.js';

export const MAX_RATE_LIMIT_WAITS = 10;

export interface GithubClientOptions {
  readonly apiUrl: string;
  readonly token: string;
  readonly timeoutMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly nowMs: () => number;
  /** The real clock, to compare with GitHub's reset times (default: nowMs). */
  readonly wallMs?: () => number;
  readonly reporter: ProgressReporter;
  /** The fetch to use (default: the global one). */
  readonly fetch?: typeof globalThis.fetch;
}

export interface GithubRequest<S extends z.ZodType> {
  readonly text: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly schema: S;
  /** What to count the request under, e.g. "lantern-labs/lamp issues". */
  readonly tag: string;
  /** For messages: "CredIssues for lantern-labs/lamp". */
  readonly what: string;
}

export interface Answer<T> {
  readonly data: T;
  /** The server's clock when it answered (its `date` header), for incremental watermarks. */
  readonly serverTimeMs: number;
}

/**
 * A request was too much for the time it had (no answer in time, a 502/504, GitHub's own query
 * timeout): retry it with a smaller page, or after a pause.
 */
export class GithubTimeout extends Error {
  constructor(
    readonly what: string,
    /** Our own timeout ran out (no answer), rather than GitHub saying so. */
    readonly timedOut: boolean,
    readonly reason: string,
  ) {
    super(`${what}: ${reason}`);
    this.name = 'GithubTimeout';
  }
}

/** What the requests of one tag ("lantern-labs/lamp issues") cost. */
export interface TagStats {
  requests: number;
  /** Rate-limit points GitHub reported spending. */
  points: number;
  waits: number;
  waitedMs: number;
  /** Requests sent again after a transient failure (a pause, same page). */
  retries: number;
  /** Requests sent again with a smaller page. */
  shrinks: number;
}

interface Call {
  timedOut: boolean;
  serverTimeMs: number | undefined;
}

export class GithubClient {
  /** What requests cost, by tag (retries included). */
  readonly stats = new Map<string, TagStats>();
  private readonly send: typeof graphql;
  private readonly url: string;

  constructor(private readonly options: GithubClientOptions) {
    const baseUrl = options.apiUrl.replace(/\/+$/, '');
    this.url = `${baseUrl}/graphql`;
    this.send = graphql.defaults({
      baseUrl,
      headers: { authorization: `token ${options.token}` },
    });
  }

  get requests(): number {
    let total = 0;
    for (const stats of this.stats.values()) total += stats.requests;
    return total;
  }

  get points(): number {
    let total = 0;
    for (const stats of this.stats.values()) total += stats.points;
    return total;
  }

  statsFor(tag: string): TagStats {
    let stats = this.stats.get(tag);
    if (stats === undefined) {
      stats = { requests: 0, points: 0, waits: 0, waitedMs: 0, retries: 0, shrinks: 0 };
      this.stats.set(tag, stats);
    }
    return stats;
  }

  async query<S extends z.ZodType>(request: GithubRequest<S>): Promise<Answer<z.output<S>>> {
    let failures = 0;
    let waits = 0;
    const stats = this.statsFor(request.tag);
    for (;;) {
      const call: Call = { timedOut: false, serverTimeMs: undefined };
      stats.requests++;
      let raw: unknown;
      try {
        raw = await this.send(request.text, {
          ...request.variables,
          request: { fetch: this.fetchFor(call) },
        });
      } catch (error) {
        const verdict = classifyGithubError(error, {
          url: this.url,
          what: request.what,
          nowMs: (this.options.wallMs ?? this.options.nowMs)(),
          failures,
          timedOut: call.timedOut,
        });
        if (verdict.kind === 'shrink')
          throw new GithubTimeout(request.what, verdict.timedOut, verdict.reason);
        if (verdict.kind === 'fatal') throw verdict.error;
        if (verdict.kind === 'gone') {
          const data = this.validate(verdict.data, request, stats);
          return { data, serverTimeMs: this.options.nowMs() };
        }
        failures++;
        if (verdict.kind === 'wait' && ++waits > MAX_RATE_LIMIT_WAITS) {
          throw new PluginFetchError(
            'GITHUB_RATE_LIMITED',
            `${this.url}: still rate limited after ${MAX_RATE_LIMIT_WAITS} waits (${request.what})`,
            {
              url: this.url,
              suggestions: ['Run "cred load" again later: it resumes where it stopped.'],
            },
          );
        }
        if (verdict.kind === 'retry') stats.retries++;
        else {
          stats.waits++;
          stats.waitedMs += verdict.waitMs;
        }
        await this.pause(`${verdict.reason} (${request.what})`, verdict.waitMs);
        continue;
      }
      const data = this.validate(raw, request, stats);
      return { data, serverTimeMs: call.serverTimeMs ?? this.options.nowMs() };
    }
  }

  private fetchFor(call: Call): typeof globalThis.fetch {
    const base = this.options.fetch ?? globalThis.fetch;
    return async (input, init) => {
      const signal = AbortSignal.timeout(this.options.timeoutMs);
      signal.addEventListener('abort', () => (call.timedOut = true), { once: true });
      const response = await base(input, { ...init, signal });
      const date = Date.parse(response.headers.get('date') ?? '');
      if (!Number.isNaN(date)) call.serverTimeMs = date;
      return response;
    };
  }

  /** Announces a wait, with the time it resumes, and waits. */
  async pause(reason: string, waitMs: number): Promise<void> {
    const resumeAt = new Date(this.options.nowMs() + waitMs).toISOString();
    this.options.reporter.progress(
      `github: ${reason}: waiting ${Math.ceil(waitMs / 1000)} s, resuming at ${resumeAt}`,
    );
    await this.options.sleep(waitMs);
  }

  private validate<S extends z.ZodType>(
    raw: unknown,
    request: GithubRequest<S>,
    stats: TagStats,
  ): z.output<S> {
    if (raw === undefined || raw === null || typeof raw !== 'object') {
      throw this.malformed(`the answer to ${request.what} is not GraphQL JSON`);
    }
    const result = request.schema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const at = issue?.path.map(String).join('.') ?? '';
      throw this.malformed(
        `the answer to ${request.what} does not match the query at "${at}": ${issue?.message}`,
      );
    }
    const rate = (result.data as { rateLimit?: { cost: number } | null }).rateLimit;
    if (rate) stats.points += rate.cost;
    return result.data;
  }

  private malformed(detail: string): PluginFetchError {
    return new PluginFetchError('GITHUB_MALFORMED_RESPONSE', `${this.url}: ${detail}`, {
      url: this.url,
      suggestions: [
        'Nothing was written for this page. Run "cred load" again; if it persists, check "apiUrl" in cred.json (a proxy may be answering) and report it.',
      ],
    });
  }
}

/**
 * The transport to Open Collective's GraphQL API v2, on `graphql-request`: the personal token
 * in the `Personal-Token` header (never logged, never in an error), a timeout per request,
 * pacing to the API's limits, waiting out a 429 until the limit resets (and saying so), and
 * every answer validated with zod before it is used.
 *
 * Queries are repeated after a transient failure (timeout, no connection, 5xx). Mutations are
 * not: after such a failure Open Collective may or may not have created the expense, so the
 * caller looks it up by its reference before trying again. A 429 or a RateLimitExceeded error
 * is different: the API refused before doing anything, so the same request is sent again after
 * the wait.
 */
import { ClientError, GraphQLClient } from 'graphql-request';
import type { z } from 'zod';
import { PluginFetchError } from '../../core/errors.js';
import type { ProgressReporter } from '../../core/plugin.js';
import {
  graphqlFailure,
  httpFailure,
  isRateLimitError,
  isTransient,
  malformedAnswer,
  networkFailure,
  type GraphqlErrorJson,
} from './errors.js';
import { Pacer, type RequestKind } from './pacer.js';

export interface OpenCollectiveClientOptions {
  /** The GraphQL endpoint, e.g. https://api.opencollective.com/graphql/v2. */
  readonly apiUrl: string;
  /** A personal token; without one, requests are anonymous (public data only). */
  readonly token: string | undefined;
  readonly nowMs: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly reporter: ProgressReporter;
  readonly timeoutMs?: number;
  readonly requestsPerMinute?: number;
  readonly draftIntervalMs?: number;
  /** Attempts of a query when it fails transiently (mutations are never repeated blindly). */
  readonly maxAttempts?: number;
  /** How many rate-limit waits one request may go through before giving up. */
  readonly maxRateLimitWaits?: number;
}

export const CLIENT_DEFAULTS = Object.freeze({
  timeoutMs: 30_000,
  requestsPerMinute: 100,
  /** The API allows one draft invitation per 10 s; half a second covers clock differences. */
  draftIntervalMs: 10_500,
  maxAttempts: 3,
  maxRateLimitWaits: 10,
});

/** A variables object as sent (JSON values only). */
export type Variables = Record<string, unknown>;

type Outcome =
  | { readonly kind: 'data'; readonly data: unknown }
  | { readonly kind: 'wait'; readonly waitMs: number; readonly why: string }
  | { readonly kind: 'error'; readonly error: Error };

export class OpenCollectiveClient {
  readonly pacer: Pacer;
  private readonly client: GraphQLClient;
  private readonly settings: { -readonly [K in keyof typeof CLIENT_DEFAULTS]: number };

  constructor(private readonly options: OpenCollectiveClientOptions) {
    this.settings = {
      timeoutMs: options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs,
      requestsPerMinute: options.requestsPerMinute ?? CLIENT_DEFAULTS.requestsPerMinute,
      draftIntervalMs: options.draftIntervalMs ?? CLIENT_DEFAULTS.draftIntervalMs,
      maxAttempts: options.maxAttempts ?? CLIENT_DEFAULTS.maxAttempts,
      maxRateLimitWaits: options.maxRateLimitWaits ?? CLIENT_DEFAULTS.maxRateLimitWaits,
    };
    this.pacer = new Pacer({
      nowMs: options.nowMs,
      sleep: options.sleep,
      requestsPerMinute: this.settings.requestsPerMinute,
      draftIntervalMs: this.settings.draftIntervalMs,
    });
    const headers: Record<string, string> =
      options.token === undefined ? {} : { 'Personal-Token': options.token };
    this.client = new GraphQLClient(options.apiUrl, { headers });
  }

  /** Attempts a caller should allow one operation (mutations are retried by the caller). */
  get maxAttempts(): number {
    return this.settings.maxAttempts;
  }

  /** A query, repeated after transient failures with growing waits. */
  async query<T>(
    operation: string,
    document: string,
    variables: Variables,
    schema: z.ZodType<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(operation, document, variables, schema, 'query');
      } catch (error) {
        if (!isTransient(error) || attempt >= this.settings.maxAttempts) throw error;
        const backoffMs = 1000 * 2 ** (attempt - 1);
        this.options.reporter.warn(
          `${(error as Error).message}; trying again in ${backoffMs / 1000} s`,
        );
        await this.pacer.wait(backoffMs);
      }
    }
  }

  /** A mutation, sent once (again only after a rate-limit refusal, which changed nothing). */
  mutate<T>(
    operation: string,
    document: string,
    variables: Variables,
    schema: z.ZodType<T>,
    kind: 'mutation' | 'draft' = 'mutation',
  ): Promise<T> {
    return this.send(operation, document, variables, schema, kind);
  }

  private async send<T>(
    operation: string,
    document: string,
    variables: Variables,
    schema: z.ZodType<T>,
    kind: RequestKind,
  ): Promise<T> {
    for (let waits = 0; ; waits++) {
      await this.pacer.admit(kind);
      const outcome = await this.post(operation, document, variables);
      if (outcome.kind === 'error') throw outcome.error;
      if (outcome.kind === 'data') {
        const parsed = schema.safeParse(outcome.data);
        if (parsed.success) return parsed.data;
        const issue = parsed.error.issues[0];
        const where = issue === undefined ? '' : `${issue.path.join('.')}: ${issue.message}`;
        throw malformedAnswer(operation, where, this.options.apiUrl);
      }
      if (waits >= this.settings.maxRateLimitWaits) {
        throw new PluginFetchError(
          'OPENCOLLECTIVE_RATE_LIMITED',
          `Open Collective kept refusing ${operation} over its rate limit (${waits} waits)`,
          {
            url: this.options.apiUrl,
            status: 429,
            suggestions: ['Run the command again later; it skips what was already filed.'],
          },
        );
      }
      const seconds = Math.ceil(outcome.waitMs / 1000);
      this.options.reporter.warn(
        `Open Collective ${outcome.why} on ${operation}: waiting ${seconds} s before trying again`,
      );
      await this.pacer.wait(outcome.waitMs);
    }
  }

  private async post(operation: string, document: string, variables: Variables): Promise<Outcome> {
    try {
      const data: unknown = await this.client.request({
        document,
        variables,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      return { kind: 'data', data };
    } catch (error) {
      if (error instanceof ClientError) return this.classify(operation, error);
      if (isUnparsable(error)) {
        return {
          kind: 'error',
          error: malformedAnswer(operation, 'not a GraphQL answer', this.options.apiUrl),
        };
      }
      return {
        kind: 'error',
        error: networkFailure(operation, error, this.options.apiUrl, this.settings.timeoutMs),
      };
    }
  }

  private classify(operation: string, error: ClientError): Outcome {
    const { status, headers } = error.response;
    const errors = error.response.errors as readonly GraphqlErrorJson[] | undefined;
    if (status === 429) {
      return { kind: 'wait', waitMs: this.resetWaitMs(headers), why: 'rate limit reached' };
    }
    if (errors !== undefined && errors.length > 0) {
      if (isRateLimitError(errors)) {
        return {
          kind: 'wait',
          waitMs: this.settings.draftIntervalMs,
          why: 'allows one draft invitation per 10 s',
        };
      }
      return {
        kind: 'error',
        error: graphqlFailure(operation, status, errors, this.options.apiUrl),
      };
    }
    return { kind: 'error', error: httpFailure(operation, status, this.options.apiUrl) };
  }

  /** How long to wait after a 429: Retry-After, else until X-RateLimit-Reset, plus a second. */
  private resetWaitMs(headers: Headers | undefined): number {
    const retryAfter = Number(headers?.get('retry-after'));
    const reset = Number(headers?.get('x-ratelimit-reset'));
    let waitMs = 60_000;
    if (Number.isFinite(retryAfter) && retryAfter > 0) waitMs = Math.ceil(retryAfter) * 1000;
    else if (Number.isFinite(reset) && reset > 0) waitMs = reset * 1000 - this.options.nowMs();
    return Math.min(Math.max(waitMs, 0) + 1000, 5 * 60_000);
  }
}

/** graphql-request's own error for a 2xx body that is not a GraphQL result. */
function isUnparsable(error: unknown): boolean {
  return (
    error instanceof SyntaxError ||
    (error instanceof Error && error.message.startsWith('Invalid execution result'))
  );
}

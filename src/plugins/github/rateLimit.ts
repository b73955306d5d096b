/**
 * What to do when GitHub does not answer with data. GitHub says "slow down" three ways, and each
 * says how long to wait differently:
 *
 * - primary limit, GraphQL style: HTTP 200 with `errors[].type` RATE_LIMITED (newer answers:
 *   RATE_LIMIT, code graphql_rate_limit); wait until `x-ratelimit-reset`;
 * - secondary limits: HTTP 403 or 429 saying "secondary rate limit", usually with `retry-after`
 *   seconds; without it, wait a minute, doubling on each repeat (GitHub's advice);
 * - an exhausted budget over HTTP: 403 or 429 with `x-ratelimit-remaining: 0`; wait until
 *   `x-ratelimit-reset`.
 *
 * A timed-out request, GitHub's 502/504, or its HTTP 200 with `data: null` and "Something went
 * wrong while executing your query. This may be the result of a timeout" (a query that ran too
 * long) asks the caller to retry with a smaller page, or, for a query that has no page, to send
 * it again after a pause; a dropped connection or a 500/503 is retried after a pause; bad
 * credentials, missing access and unknown repositories are final, with a suggestion. A
 * follow-up for an object deleted since it was listed (NOT_FOUND on `node`) is not an error.
 */
import { PluginFetchError } from '../../core/errors.js';

export type Verdict =
  | { readonly kind: 'wait'; readonly reason: string; readonly waitMs: number }
  | { readonly kind: 'retry'; readonly reason: string; readonly waitMs: number }
  /**
   * The query was too much for the time GitHub gives it: a smaller page may pass. `timedOut`
   * when it is our own timeout (no answer), false when GitHub answered so.
   */
  | { readonly kind: 'shrink'; readonly timedOut: boolean; readonly reason: string }
  | { readonly kind: 'fatal'; readonly error: PluginFetchError }
  /** The answer's data stands as is: the node asked for by id is gone (deleted since). */
  | { readonly kind: 'gone'; readonly data: unknown };

export interface Attempt {
  /** Where the request went (for messages): `<apiUrl>/graphql`. */
  readonly url: string;
  /** The operation, e.g. "CredIssues for lantern-labs/lamp". */
  readonly what: string;
  readonly nowMs: number;
  /** Failed attempts of this request so far (0 on the first failure). */
  readonly failures: number;
  readonly timedOut: boolean;
}

export const MAX_TRANSIENT_RETRIES = 3;
const MINUTE_MS = 60_000;
/** GitHub's HTTP 200 answer (with `data: null`) to a query that ran past its own time limit. */
const QUERY_TIMEOUT =
  /Something went wrong while executing your query\. This may be the result of a timeout/;

interface GraphqlErrorEntry {
  readonly type?: string;
  readonly code?: string;
  readonly message?: string;
  readonly path?: readonly (string | number)[];
}

type Headers = Readonly<Record<string, string | number | undefined>>;

function header(headers: Headers | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** Milliseconds until `x-ratelimit-reset` (epoch seconds), plus a second; undefined if absent. */
function untilReset(headers: Headers | undefined, nowMs: number): number | undefined {
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  return Math.max(1000, reset * 1000 - nowMs + 1000);
}

export function classifyGithubError(error: unknown, attempt: Attempt): Verdict {
  if (attempt.timedOut) return { kind: 'shrink', timedOut: true, reason: 'no answer in time' };
  const failure = error as {
    name?: string;
    status?: number;
    message?: string;
    errors?: GraphqlErrorEntry[];
    headers?: Headers;
    data?: unknown;
    response?: { headers?: Headers; data?: unknown };
  };
  if (failure.name === 'GraphqlResponseError') return graphqlVerdict(failure, attempt);
  if (failure.name === 'HttpError' && failure.response !== undefined) {
    return httpVerdict(failure.status ?? 0, failure.message ?? '', failure.response, attempt);
  }
  if (attempt.failures < MAX_TRANSIENT_RETRIES) {
    return {
      kind: 'retry',
      reason: `connection failed (${failure.message ?? String(error)})`,
      waitMs: 1000 * 2 ** attempt.failures,
    };
  }
  return fatal(
    'GITHUB_UNREACHABLE',
    `${attempt.url}: ${attempt.what} failed: ${failure.message}`,
    attempt,
    [
      'Check the network and "apiUrl" in cred.json, then run "cred load" again: it resumes where it stopped.',
    ],
  );
}

function graphqlVerdict(
  failure: { errors?: GraphqlErrorEntry[]; headers?: Headers; data?: unknown },
  attempt: Attempt,
): Verdict {
  const errors = failure.errors ?? [];
  const gone = errors.every((e) => e.type === 'NOT_FOUND' && e.path?.[0] === 'node');
  if (gone && errors.length > 0 && failure.data != null)
    return { kind: 'gone', data: failure.data };
  const limited = errors.some(
    (e) => e.type === 'RATE_LIMITED' || e.type === 'RATE_LIMIT' || e.code === 'graphql_rate_limit',
  );
  if (limited) {
    return {
      kind: 'wait',
      reason: 'GitHub rate limit reached',
      waitMs: untilReset(failure.headers, attempt.nowMs) ?? MINUTE_MS,
    };
  }
  if (errors.some((e) => QUERY_TIMEOUT.test(e.message ?? ''))) {
    return { kind: 'shrink', timedOut: false, reason: 'GitHub could not finish the query in time' };
  }
  const notFound = errors.find((e) => e.type === 'NOT_FOUND' && e.path?.[0] === 'repository');
  if (notFound !== undefined) {
    return fatal('GITHUB_REPO_NOT_FOUND', `${attempt.what}: ${notFound.message}`, attempt, [
      'Check the spelling in "repositories" of cred.json, and that the token can read the repository.',
    ]);
  }
  const messages = errors.map((e) => `${e.type ?? 'ERROR'}: ${e.message ?? ''}`).join('; ');
  return fatal(
    'GITHUB_QUERY_FAILED',
    `${attempt.what}: GitHub refused the query: ${messages}`,
    attempt,
    [
      "This is likely a bug in cred or a change in GitHub's API: please report it with this message.",
    ],
  );
}

function httpVerdict(
  status: number,
  message: string,
  response: { headers?: Headers },
  attempt: Attempt,
): Verdict {
  const headers = response.headers;
  if (status === 401) {
    return fatal(
      'GITHUB_UNAUTHORIZED',
      `${attempt.url}: GitHub refused the token (401: ${message})`,
      attempt,
      [
        'Check GITHUB_TOKEN: it may be mistyped, expired or revoked. Create a new one at https://github.com/settings/tokens.',
      ],
      status,
    );
  }
  if (status === 403 || status === 429) {
    const slowDown = slowDownVerdict(status, message, headers, attempt);
    if (slowDown !== undefined) return slowDown;
    return fatal(
      'GITHUB_FORBIDDEN',
      `${attempt.url}: ${attempt.what} was refused (403: ${message})`,
      attempt,
      [
        'The token lacks access: give it read access to the repository (fine-grained token) or the "repo" scope (classic token, private repositories).',
      ],
      status,
    );
  }
  if (status === 502 || status === 504)
    return { kind: 'shrink', timedOut: false, reason: `GitHub answered ${status}` };
  if (status >= 500 && attempt.failures < MAX_TRANSIENT_RETRIES) {
    return {
      kind: 'retry',
      reason: `GitHub answered ${status}`,
      waitMs: 1000 * 2 ** attempt.failures,
    };
  }
  return fatal(
    'GITHUB_HTTP_ERROR',
    `${attempt.url}: ${attempt.what} failed with HTTP ${status}: ${message}`,
    attempt,
    ['Run "cred load" again later: it resumes where it stopped.'],
    status,
  );
}

/** The wait a 403 or 429 asks for, or undefined when it is a plain refusal. */
function slowDownVerdict(
  status: number,
  message: string,
  headers: Headers | undefined,
  attempt: Attempt,
): Verdict | undefined {
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined && Number.isFinite(Number(retryAfter)) && Number(retryAfter) >= 0) {
    return {
      kind: 'wait',
      reason: 'GitHub secondary rate limit',
      waitMs: Math.max(1000, Number(retryAfter) * 1000),
    };
  }
  if (header(headers, 'x-ratelimit-remaining') === '0') {
    return {
      kind: 'wait',
      reason: 'GitHub rate limit budget used up',
      waitMs: untilReset(headers, attempt.nowMs) ?? MINUTE_MS,
    };
  }
  if (status === 429 || /secondary rate limit|abuse/i.test(message)) {
    return {
      kind: 'wait',
      reason: 'GitHub secondary rate limit',
      waitMs: MINUTE_MS * 2 ** Math.min(attempt.failures, 4),
    };
  }
  return undefined;
}

function fatal(
  code: string,
  message: string,
  attempt: Attempt,
  suggestions: string[],
  status?: number,
): Verdict {
  return {
    kind: 'fatal',
    error: new PluginFetchError(code, message, {
      url: attempt.url,
      suggestions,
      ...(status === undefined ? {} : { status }),
    }),
  };
}

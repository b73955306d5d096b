/**
 * The ways GitHub says "slow down" or answers badly, as faults for `standIn.inject(...)`. Their
 * shapes follow GitHub's documentation and what clients have recorded: the primary limit as HTTP
 * 200 with `errors[].type` RATE_LIMITED (newer answers say RATE_LIMIT with code
 * graphql_rate_limit); secondary limits as 403 or 429 with a message and usually `retry-after`;
 * an exhausted budget as 403/429 with `x-ratelimit-remaining: 0` and `x-ratelimit-reset`.
 */
import type { Fault, LoggedRequest } from '../standIn.js';
import { operationName } from './githubStandIn.js';

const DOCS =
  'https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api';

/** Matches requests for one GraphQL operation (`CredIssues`), optionally by a variable test. */
export function isOperation(
  name: string,
  test: (variables: Record<string, unknown>) => boolean = () => true,
): (request: LoggedRequest) => boolean {
  return (request) =>
    operationName(request) === name &&
    test(((request.body as { variables?: Record<string, unknown> }).variables ?? {}) as never);
}

function exhaustedHeaders(resetEpochSeconds: number): Record<string, string> {
  return {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-used': '5000',
    'x-ratelimit-reset': String(resetEpochSeconds),
    'x-ratelimit-resource': 'graphql',
  };
}

/** Primary limit, GraphQL style: HTTP 200 with a RATE_LIMITED (or RATE_LIMIT) error. */
export function primaryRateLimit(
  resetEpochSeconds: number,
  variant: 'RATE_LIMITED' | 'RATE_LIMIT' = 'RATE_LIMITED',
): Fault {
  const error =
    variant === 'RATE_LIMITED'
      ? { type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 9000001.' }
      : {
          type: 'RATE_LIMIT',
          code: 'graphql_rate_limit',
          message: 'API rate limit already exceeded for user ID 9000001.',
        };
  return { status: 200, headers: exhaustedHeaders(resetEpochSeconds), body: { errors: [error] } };
}

/** Secondary limit: 403 or 429 with GitHub's message, and `retry-after` when given. */
export function secondaryRateLimit(status: 403 | 429, retryAfterSeconds?: number): Fault {
  return {
    status,
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
      documentation_url: `${DOCS}#secondary-rate-limits`,
    },
  };
}

/** Exhausted budget over HTTP: 403 (or 429) with `x-ratelimit-remaining: 0` and the reset time. */
export function exhaustedRateLimit(resetEpochSeconds: number, status: 403 | 429 = 403): Fault {
  return {
    status,
    headers: exhaustedHeaders(resetEpochSeconds),
    body: {
      message: 'API rate limit exceeded for user ID 9000001.',
      documentation_url: `${DOCS}#primary-rate-limit`,
    },
  };
}

/** An answer that takes `delayMs` and then drops the connection (a client should time out). */
export function slowAnswer(delayMs: number): Fault {
  return { delayMs, hangUp: true };
}

/** A body that is not JSON (a proxy's error page, say) with HTTP 200. */
export function malformedAnswer(): Fault {
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!DOCTYPE html><html><body><h1>Unicorn!</h1><p>This page is taking too long to load.</p></body></html>',
  };
}

/** JSON that parses but is not what the query asked for. */
export function wrongShapeAnswer(): Fault {
  return { status: 200, body: { data: { repository: { issues: { nodes: 'not a list' } } } } };
}

/** GitHub's 502 (its front end gave up on the query; it often passes when asked again). */
export function badGateway(): Fault {
  return {
    status: 502,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!DOCTYPE html><html><body><h1>Unicorn!</h1><p>No server is currently available to service your request.</p></body></html>',
  };
}

/**
 * GitHub's answer to a query that ran past its own time limit: HTTP 200, `data: null`, and an
 * error with no type that says it may be a timeout.
 */
export function queryTimeoutAnswer(): Fault {
  return {
    status: 200,
    body: {
      data: null,
      errors: [
        {
          message:
            'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include `0000:0000:0000000:0000000:00000000` when reporting this issue.',
        },
      ],
    },
  };
}

/**
 * How Open Collective fails, as faults for `standIn.inject(...)` (before the request is carried
 * out) and `standIn.injectAfter(...)` (after): a 500 from the API, an answer that never comes
 * (the connection hangs, then drops), and the rate limiter's 429 with its headers.
 */
import type { Fault } from '../standIn.js';

/** HTTP 500 with Open Collective's error body. */
export function serverError(): Fault {
  return { status: 500, body: { error: { code: 500, message: 'Internal Server Error' } } };
}

/** No answer for `delayMs`, then the connection drops (a client times out first). */
export function noAnswer(delayMs: number): Fault {
  return { delayMs, hangUp: true };
}

/** The rate limiter's answer: 429, `Retry-After` and the reset time in epoch seconds. */
export function rateLimited(nowMs: number, retryAfterSeconds = 30): Fault {
  return {
    status: 429,
    headers: {
      'X-RateLimit-Limit': '100',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(Math.ceil((nowMs + retryAfterSeconds * 1000) / 1000)),
      'Retry-After': String(retryAfterSeconds),
    },
    body: { error: { message: 'Rate limit exceeded. Contact-us to get higher limits.' } },
  };
}

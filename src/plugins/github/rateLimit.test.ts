import { describe, expect, it } from 'vitest';
import { classifyGithubError, type Attempt } from './rateLimit.js';

const NOW = Date.parse('2026-10-20T12:00:00Z');
const attempt = (over: Partial<Attempt> = {}): Attempt => ({
  url: 'http://127.0.0.1/github/graphql',
  what: 'CredIssues for lantern-labs/lamp',
  nowMs: NOW,
  failures: 0,
  timedOut: false,
  ...over,
});
/** Shaped like @octokit/graphql's GraphqlResponseError and @octokit/request's HttpError. */
const graphqlError = (errors: object[], headers: Record<string, string> = {}) => ({
  name: 'GraphqlResponseError',
  errors,
  headers,
});
const httpError = (status: number, message: string, headers: Record<string, string> = {}) => ({
  name: 'HttpError',
  status,
  message,
  response: { headers, data: { message } },
});
const reset = String(NOW / 1000 + 120);

describe('plugins/github/rateLimit', () => {
  it.each([
    ['RATE_LIMITED', { type: 'RATE_LIMITED', message: 'API rate limit exceeded' }],
    ['RATE_LIMIT', { type: 'RATE_LIMIT', code: 'graphql_rate_limit', message: 'exceeded' }],
  ])('classifyGithubError waits until x-ratelimit-reset for a %s error', (_label, error) => {
    const verdict = classifyGithubError(
      graphqlError([error], { 'x-ratelimit-reset': reset }),
      attempt(),
    );
    expect(verdict).toEqual({ kind: 'wait', reason: 'GitHub rate limit reached', waitMs: 121_000 });
    expect(classifyGithubError(graphqlError([error]), attempt())).toMatchObject({ waitMs: 60_000 });
  });

  it('classifyGithubError honours retry-after on 403 and 429 secondary limits', () => {
    const message = 'You have exceeded a secondary rate limit.';
    expect(classifyGithubError(httpError(403, message, { 'retry-after': '7' }), attempt())).toEqual(
      {
        kind: 'wait',
        reason: 'GitHub secondary rate limit',
        waitMs: 7000,
      },
    );
    expect(
      classifyGithubError(httpError(429, 'slow', { 'retry-after': '0' }), attempt()),
    ).toMatchObject({
      waitMs: 1000,
    });
  });

  it('classifyGithubError backs off a minute, doubling, on a secondary limit without retry-after', () => {
    const error = httpError(403, 'You have exceeded a secondary rate limit.');
    expect(classifyGithubError(error, attempt())).toMatchObject({ kind: 'wait', waitMs: 60_000 });
    expect(classifyGithubError(error, attempt({ failures: 2 }))).toMatchObject({ waitMs: 240_000 });
    expect(classifyGithubError(httpError(429, 'Too many'), attempt())).toMatchObject({
      waitMs: 60_000,
    });
  });

  it('classifyGithubError waits until the reset when x-ratelimit-remaining is 0', () => {
    const error = httpError(403, 'API rate limit exceeded', {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': reset,
    });
    expect(classifyGithubError(error, attempt())).toEqual({
      kind: 'wait',
      reason: 'GitHub rate limit budget used up',
      waitMs: 121_000,
    });
  });

  it('classifyGithubError asks for a smaller page on a timeout or a 502/504', () => {
    expect(classifyGithubError(new Error('aborted'), attempt({ timedOut: true }))).toEqual({
      kind: 'shrink',
      timedOut: true,
      reason: 'no answer in time',
    });
    expect(classifyGithubError(httpError(502, 'Bad gateway'), attempt())).toEqual({
      kind: 'shrink',
      timedOut: false,
      reason: 'GitHub answered 502',
    });
  });

  it('classifyGithubError retries dropped connections and 5xx a few times, then gives up', () => {
    expect(classifyGithubError(new Error('socket hang up'), attempt())).toMatchObject({
      kind: 'retry',
      waitMs: 1000,
    });
    expect(
      classifyGithubError(httpError(503, 'Unavailable'), attempt({ failures: 1 })),
    ).toMatchObject({
      kind: 'retry',
      waitMs: 2000,
    });
    expect(
      classifyGithubError(new Error('socket hang up'), attempt({ failures: 3 })),
    ).toMatchObject({
      kind: 'fatal',
      error: { code: 'GITHUB_UNREACHABLE' },
    });
    expect(classifyGithubError(httpError(500, 'Oops'), attempt({ failures: 3 }))).toMatchObject({
      error: { code: 'GITHUB_HTTP_ERROR', status: 500 },
    });
  });

  it('classifyGithubError accepts the data when only a node asked for by id is gone', () => {
    const error = {
      ...graphqlError([{ type: 'NOT_FOUND', path: ['node'], message: 'Could not resolve' }]),
      data: { node: null },
    };
    expect(classifyGithubError(error, attempt())).toEqual({ kind: 'gone', data: { node: null } });
  });

  it.each([
    [httpError(401, 'Bad credentials'), 'GITHUB_UNAUTHORIZED'],
    [httpError(403, 'Resource not accessible by integration'), 'GITHUB_FORBIDDEN'],
    [
      graphqlError([
        {
          type: 'NOT_FOUND',
          path: ['repository'],
          message: "Could not resolve to a Repository with the name 'a/b'.",
        },
      ]),
      'GITHUB_REPO_NOT_FOUND',
    ],
    [graphqlError([{ message: "Field 'x' doesn't exist on type 'Issue'" }]), 'GITHUB_QUERY_FAILED'],
  ])('classifyGithubError makes %o a final error with code %s and a suggestion', (error, code) => {
    const verdict = classifyGithubError(error, attempt());
    expect(verdict.kind).toBe('fatal');
    if (verdict.kind !== 'fatal') return;
    expect(verdict.error).toMatchObject({ name: 'PluginFetchError', code });
    expect(verdict.error.suggestions.length).toBeGreaterThan(0);
  });
});

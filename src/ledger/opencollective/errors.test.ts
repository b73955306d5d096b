import { describe, expect, it } from 'vitest';
import { PayoutError, PluginFetchError } from '../../core/errors.js';
import {
  graphqlFailure,
  httpFailure,
  isTransient,
  malformedAnswer,
  maskEmails,
  networkFailure,
} from './errors.js';

const URL = 'http://127.0.0.1:1/opencollective/graphql/v2';

describe('ledger/opencollective/errors', () => {
  it('maskEmails(text) hides every email address', () => {
    expect(maskEmails('got "river.kim+oc@example.org" and ana@mail.example.com')).toBe(
      'got "<email>" and <email>',
    );
  });

  it('graphqlFailure names the missing scope and what to do, for a token without it', () => {
    const error = graphqlFailure(
      'CredCreateExpense',
      200,
      [
        {
          message: 'The Personal Token is not allowed for operations in scope "expenses".',
          extensions: { code: 'Forbidden' },
        },
      ],
      URL,
    );
    expect(error).toBeInstanceOf(PayoutError);
    expect(error.code).toBe('OPENCOLLECTIVE_SCOPE');
    expect(error.message).toContain('"expenses" scope');
    expect(error.suggestions.join(' ')).toContain('OPENCOLLECTIVE_TOKEN');
  });

  it('graphqlFailure maps permissions, invalid requests and other refusals to stable codes', () => {
    const codeOf = (status: number, code: string | undefined, message = 'x') =>
      graphqlFailure(
        'Op',
        status,
        [{ message, extensions: code === undefined ? null : { code } }],
        URL,
      ).code;
    expect(codeOf(200, 'Unauthorized')).toBe('OPENCOLLECTIVE_FORBIDDEN');
    expect(codeOf(200, 'Forbidden')).toBe('OPENCOLLECTIVE_FORBIDDEN');
    expect(codeOf(400, 'BAD_USER_INPUT')).toBe('OPENCOLLECTIVE_BAD_REQUEST');
    expect(codeOf(200, 'GRAPHQL_VALIDATION_FAILED')).toBe('OPENCOLLECTIVE_BAD_REQUEST');
    expect(codeOf(200, 'ValidationFailed')).toBe('OPENCOLLECTIVE_REJECTED');
    expect(codeOf(200, undefined)).toBe('OPENCOLLECTIVE_REJECTED');
    const leaky = graphqlFailure(
      'Op',
      400,
      [{ message: 'Variable "$expense" got invalid value "ana@example.org"' }],
      URL,
    );
    expect(leaky.message).not.toContain('ana@example.org');
    expect(graphqlFailure('Op', 200, [{}], URL).message).toContain('no message');
  });

  it('httpFailure and networkFailure tell transient failures from a refused token', () => {
    expect(httpFailure('Op', 401, URL).code).toBe('OPENCOLLECTIVE_UNAUTHORIZED');
    expect(isTransient(httpFailure('Op', 401, URL))).toBe(false);
    expect(isTransient(httpFailure('Op', 502, URL))).toBe(true);
    expect(httpFailure('Op', 418, URL).code).toBe('OPENCOLLECTIVE_HTTP_ERROR');
    const timeout = networkFailure(
      'Op',
      Object.assign(new Error('t'), { name: 'TimeoutError' }),
      URL,
      30_000,
    );
    expect(timeout.code).toBe('OPENCOLLECTIVE_TIMEOUT');
    expect(timeout.message).toContain('30 s');
    const refused = networkFailure(
      'Op',
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
      URL,
      1000,
    );
    expect(refused).toBeInstanceOf(PluginFetchError);
    expect(refused.message).toContain('ECONNREFUSED');
    expect(isTransient(refused)).toBe(true);
    expect(networkFailure('Op', new TypeError('fetch failed'), URL, 1).message).toContain(
      'fetch failed',
    );
    expect(
      networkFailure('Op', { cause: { message: 'socket hang up' } }, URL, 1).message,
    ).toContain('socket hang up');
    expect(networkFailure('Op', 'odd', URL, 1).message).toContain('unknown error');
    expect(isTransient(new Error('x'))).toBe(false);
    expect(malformedAnswer('Op', 'data.x: expected string', URL).code).toBe(
      'OPENCOLLECTIVE_MALFORMED',
    );
  });
});

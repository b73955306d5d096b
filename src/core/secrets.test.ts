import { describe, expect, it } from 'vitest';
import { redactDeep, redactor, REDACTED } from './secrets.js';

const ENV = {
  GITHUB_TOKEN: 'fake-github-token-1234',
  OPENCOLLECTIVE_TOKEN: 'oc/fake+token"quoted',
  DISCOURSE_API_USERNAME: 'system',
  SHORT: 'x',
};

describe('core/secrets', () => {
  it('redactor(env) removes secret values as is, URL-encoded and JSON-escaped', () => {
    const redact = redactor(ENV);
    const text = `token fake-github-token-1234 url ${encodeURIComponent(ENV.OPENCOLLECTIVE_TOKEN)} json ${JSON.stringify(ENV.OPENCOLLECTIVE_TOKEN)}`;
    const out = redact(text);
    expect(out).not.toContain('fake-github-token');
    expect(out).not.toContain('fake+token');
    expect(out).not.toContain(encodeURIComponent(ENV.OPENCOLLECTIVE_TOKEN));
    expect(out).toContain(REDACTED);
  });

  it('redactor(env) removes echoed credentials of any value: headers, bearer tokens, token fields', () => {
    const redact = redactor({});
    const echoed = [
      'authorization: Bearer t-runtime0123456789',
      '{"Authorization":"token abcdef123456"}',
      '{"tenant_access_token":"t-g1044abcdef","expire":7200}',
      'Api-Key: 0123456789abcdef',
    ].join('\n');
    const out = redact(echoed);
    for (const secret of [
      't-runtime0123456789',
      'abcdef123456',
      't-g1044abcdef',
      '0123456789abcdef',
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain('"expire":7200');
  });

  it('redactor(env) redacts a header value once: "authorization":"token [redacted]" stays clean', () => {
    const out = redactor(ENV)('{"authorization":"token fake-github-token-1234"}');
    expect(out).toBe('{"authorization":"token [redacted]"}');
  });

  it('redactor(env) leaves the forum username (public) and short values alone', () => {
    expect(redactor(ENV)('posted by system at x')).toBe('posted by system at x');
  });

  it('redactDeep(value, redact) redacts every string at any depth', () => {
    const redact = redactor(ENV);
    expect(redactDeep({ a: ['fake-github-token-1234'], b: 2 }, redact)).toEqual({
      a: [REDACTED],
      b: 2,
    });
  });
});

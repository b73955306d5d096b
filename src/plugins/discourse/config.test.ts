import { describe, expect, it } from 'vitest';
import { discourseCredentials, parseDiscourseConfig, requestsPerMinute } from './config.js';

const WHERE = 'cred.json (plugins.discourse)';

describe('plugins/discourse/config', () => {
  it('parseDiscourseConfig(raw, where) defaults the settings and drops a trailing slash', () => {
    expect(parseDiscourseConfig({ serverUrl: 'https://forum.example.org/' }, WHERE)).toEqual({
      serverUrl: 'https://forum.example.org',
      rereadDays: 7,
      includePrivateCategories: [],
      includeWhispers: false,
    });
    // fullPassDays is the older name of rereadDays.
    expect(
      parseDiscourseConfig({ serverUrl: 'https://forum.example.org', fullPassDays: 3 }, WHERE),
    ).toMatchObject({ rereadDays: 3 });
    expect(
      parseDiscourseConfig(
        { serverUrl: 'http://127.0.0.1:4000/discourse', fullPassDays: 1, requestsPerMinute: 600 },
        WHERE,
      ),
    ).toMatchObject({ serverUrl: 'http://127.0.0.1:4000/discourse', requestsPerMinute: 600 });
  });

  it.each([
    [{}, /missing field "serverUrl"|serverUrl/],
    [{ serverUrl: 'forum.example.org' }, /field "serverUrl": expected the forum address/],
    [{ serverUrl: 'https://user:secret@forum.example.org' }, /without credentials/],
    [{ serverUrl: 'ftp://forum.example.org' }, /field "serverUrl"/],
    [{ serverUrl: 'https://forum.example.org', apiKey: 'x' }, /unknown field "apiKey"/],
    [{ serverUrl: 'https://forum.example.org', fullPassDays: 0 }, /field "fullPassDays"/],
    [{ serverUrl: 'https://forum.example.org', rereadDays: -1 }, /field "rereadDays"/],
    [
      { serverUrl: 'https://forum.example.org', includePrivateCategories: 'staff' },
      /includePrivate/,
    ],
  ])('parseDiscourseConfig rejects %j with a ConfigError naming the field', (raw, message) => {
    expect(() => parseDiscourseConfig(raw, WHERE)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(message) }),
    );
  });

  it('discourseCredentials(env) reads the key and username; a username alone is an error', () => {
    expect(discourseCredentials({})).toEqual({});
    expect(
      discourseCredentials({
        DISCOURSE_API_KEY: 'test-token-not-real',
        DISCOURSE_API_USERNAME: ' system ',
      }),
    ).toEqual({ apiKey: 'test-token-not-real', apiUsername: 'system' });
    expect(() => discourseCredentials({ DISCOURSE_API_USERNAME: 'system' })).toThrow(
      expect.objectContaining({ code: 'DISCOURSE_API_KEY_MISSING' }),
    );
  });

  it('requestsPerMinute(config, credentials) is 55 with a key, 30 without, unless set', () => {
    const config = parseDiscourseConfig({ serverUrl: 'https://forum.example.org' }, WHERE);
    expect(requestsPerMinute(config, { apiKey: 'test-token-not-real' })).toBe(55);
    expect(requestsPerMinute(config, {})).toBe(30);
    expect(requestsPerMinute({ ...config, requestsPerMinute: 600 }, {})).toBe(600);
  });
});

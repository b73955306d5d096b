import { describe, expect, it } from 'vitest';
import { githubToken, parseGithubConfig } from './config.js';

const where = 'cred.json (plugins.github)';

describe('plugins/github/config', () => {
  it('parseGithubConfig(raw) fills the defaults', () => {
    expect(parseGithubConfig({ repositories: ['lantern-labs/lamp'] }, where)).toEqual({
      repositories: ['lantern-labs/lamp'],
      apiUrl: 'https://api.github.com',
      bots: [],
      timeoutSeconds: 60,
      fullRefreshDays: 7,
    });
  });

  it.each([
    [{}, /missing field "repositories"|repositories/],
    [{ repositories: [] }, /at least one repository/],
    [{ repositories: ['lamp'] }, /expected "owner\/name"/],
    [{ repositories: ['a/b', 'A/B'] }, /"A\/B" is listed twice/],
    [{ repositories: ['a/b'], apiUrl: 'ftp://x' }, /apiUrl/],
    [{ repositories: ['a/b'], token: 'x' }, /unknown field "token"/],
  ])('parseGithubConfig(%o) fails naming the field', (raw, message) => {
    expect(() => parseGithubConfig(raw, where)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(message) }),
    );
  });

  it('githubToken(env) reads GITHUB_TOKEN, or says how to create one', () => {
    expect(githubToken({ GITHUB_TOKEN: ' test-token-not-real ' })).toBe('test-token-not-real');
    expect(() => githubToken({})).toThrow(
      expect.objectContaining({
        code: 'GITHUB_TOKEN_MISSING',
        suggestions: expect.arrayContaining([expect.stringMatching(/settings\/tokens/)]),
      }),
    );
  });
});

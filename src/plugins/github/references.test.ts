import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReferences, urlReference, withoutCode } from './references.js';

const HOSTS = new Set(['github.com']);
const parse = (text: string) => parseReferences(text, HOSTS);

describe('plugins/github/references', () => {
  it('parseReferences(text) finds #12, owner/repo#12 and @login mentions', () => {
    expect(parse('Fixes #12 and lantern-labs/wick#3; thanks @river-kim!')).toEqual([
      { kind: 'number', repo: 'lantern-labs/wick', number: 3 },
      { kind: 'number', number: 12 },
      { kind: 'mention', login: 'river-kim' },
    ]);
  });

  it('parseReferences(text) reads issue, pull request and commit URLs with their fragments', () => {
    const base = 'https://github.com/lantern-labs/lamp';
    expect(
      parse(
        [
          `${base}/issues/3#issuecomment-7100004,`,
          `(${base}/pull/12#pullrequestreview-8100007)`,
          `${base}/pull/12#discussion_r9100005.`,
          `${base}/pull/12/files`,
          `${base}/commit/66b1e27`,
          `${base}/pull/12/commits/66b1e274cdf5c7eb023b312c5536d17da06dc0ac`,
        ].join(' '),
      ),
    ).toEqual([
      {
        kind: 'thread-url',
        url: `${base}/issues/3#issuecomment-7100004`,
        repo: 'lantern-labs/lamp',
        number: 3,
        fragment: { kind: 'comment', id: 7100004 },
      },
      {
        kind: 'thread-url',
        url: `${base}/pull/12#pullrequestreview-8100007`,
        repo: 'lantern-labs/lamp',
        number: 12,
        fragment: { kind: 'review', id: 8100007 },
      },
      {
        kind: 'thread-url',
        url: `${base}/pull/12#discussion_r9100005`,
        repo: 'lantern-labs/lamp',
        number: 12,
        fragment: { kind: 'reviewComment', id: 9100005 },
      },
      { kind: 'thread-url', url: `${base}/pull/12/files`, repo: 'lantern-labs/lamp', number: 12 },
      {
        kind: 'commit-url',
        url: `${base}/commit/66b1e27`,
        repo: 'lantern-labs/lamp',
        sha: '66b1e27',
      },
      {
        kind: 'commit-url',
        url: `${base}/pull/12/commits/66b1e274cdf5c7eb023b312c5536d17da06dc0ac`,
        repo: 'lantern-labs/lamp',
        sha: '66b1e274cdf5c7eb023b312c5536d17da06dc0ac',
      },
    ]);
  });

  it('parseReferences(text) keeps other links as URLs and reads profile links as logins', () => {
    expect(
      parse(
        'See https://forum.lantern.example/t/dimmer/42#reply-3, https://github.com/octo and https://github.com/octo/lamp',
      ),
    ).toEqual([
      { kind: 'url', url: 'https://forum.lantern.example/t/dimmer/42#reply-3' },
      { kind: 'profile-url', url: 'https://github.com/octo', login: 'octo' },
      { kind: 'url', url: 'https://github.com/octo/lamp' },
    ]);
    expect(
      urlReference('https://ghe.example/o/r/issues/2', new Set(['ghe.example'])),
    ).toMatchObject({
      kind: 'thread-url',
      number: 2,
    });
  });

  it('parseReferences(text) finds commit hashes of 7 to 40 hex digits, not shorter or longer', () => {
    const sha = '669c28c6ca7a9aa308ab9dc7f38e746284bdc1d6';
    expect(
      parse(`Reverted in ${sha}; see also deadbeef, 669c28c, 669c28 and ${sha}0 and ${sha}x`),
    ).toEqual([
      { kind: 'sha', sha },
      { kind: 'sha', sha: 'deadbeef' },
      { kind: 'sha', sha: '669c28c' },
    ]);
  });

  it('parseReferences(text) skips code blocks, inline code, e-mail addresses and team mentions', () => {
    const text = [
      'Real: #10.',
      '```',
      'see #2 and @octo-ana',
      '```',
      'inline `#4 @sol-park` code,',
      'mail ana@example.invalid, team @lantern-labs/maintainers,',
      'entity &#39; and a heading #1a',
      '~~~js',
      'https://github.com/lantern-labs/lamp/issues/9',
      '~~~',
    ].join('\n');
    expect(parse(text)).toEqual([{ kind: 'number', number: 10 }]);
  });

  it('parseReferences(text) lists each reference once', () => {
    expect(parse('#1 #1 @a @A')).toEqual([
      { kind: 'number', number: 1 },
      { kind: 'mention', login: 'a' },
      { kind: 'mention', login: 'A' },
    ]);
  });

  it('withoutCode(text) blanks code but keeps the length, and nothing inside code is found', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, code) => {
        const inside = `${code.replaceAll('`', '')} #77 @inside-code`;
        const text = `${before.replaceAll('`', '')}\n\`\`\`\n${inside}\n\`\`\`\n`;
        expect(withoutCode(text)).toHaveLength(text.length);
        const found = parse(text);
        expect(found).not.toContainEqual({ kind: 'number', number: 77 });
        expect(found).not.toContainEqual({ kind: 'mention', login: 'inside-code' });
      }),
      { seed: 20261001, numRuns: 200 },
    );
  });
});

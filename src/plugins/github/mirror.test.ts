import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { nextSince } from './load.js';
import { GithubMirror } from './mirror.js';
import type { IssueRecord } from './records.js';

const file = () =>
  path.join(mkdtempSync(path.join(tmpdir(), 'cred-github-mirror-')), 'github.sqlite');
const issue = (id: string, number: number): IssueRecord => ({
  id,
  databaseId: number,
  number,
  title: `Issue ${number}`,
  body: '',
  url: `https://github.com/o/r/issues/${number}`,
  state: 'OPEN',
  createdAt: '2026-10-01T00:00:00Z',
  updatedAt: '2026-10-02T00:00:00Z',
  author: null,
});

describe('plugins/github/mirror', () => {
  it('GithubMirror.transaction(fn) keeps all of a page or none of it', () => {
    const mirror = GithubMirror.open(file());
    mirror.transaction(() => {
      mirror.putObject('o/r', 'issue', null, issue('I_1', 1));
      mirror.setState('o/r', 'issues', { cursor: 'c1' });
    });
    expect(() =>
      mirror.transaction(() => {
        mirror.putObject('o/r', 'issue', null, issue('I_2', 2));
        mirror.setState('o/r', 'issues', { cursor: 'c2' });
        throw new Error('the answer was malformed');
      }),
    ).toThrow('malformed');
    expect(mirror.snapshot(['o/r']).issues.map((i) => i.number)).toEqual([1]);
    expect(mirror.state('o/r', 'issues')).toEqual({ cursor: 'c1' });
    mirror.close();
  });

  it('GithubMirror.snapshot(repos) holds only the configured repositories and survives reopening', () => {
    const where = file();
    const mirror = GithubMirror.open(where);
    mirror.transaction(() => {
      mirror.putObject('o/r', 'issue', null, issue('I_1', 1));
      mirror.putObject('o/other', 'issue', null, issue('I_9', 9));
      mirror.replaceReactions('o/r', 'I_1', [
        { content: 'HEART', createdAt: '2026-10-03T00:00:00Z', user: null },
        {
          content: 'HEART',
          createdAt: '2026-10-03T00:00:00Z',
          user: { type: 'User', login: 'a', databaseId: 5, url: 'https://github.com/a' },
        },
      ]);
    });
    mirror.close();
    const reopened = GithubMirror.open(where);
    const snapshot = reopened.snapshot(['o/r']);
    expect(snapshot.issues.map((i) => i.id)).toEqual(['I_1']);
    expect(snapshot.reactions).toHaveLength(1); // the deleted account's reaction is not kept
    reopened.close();
  });

  it('GithubMirror pending pages come back oldest first until deleted', () => {
    const mirror = GithubMirror.open(file());
    mirror.setPending({
      repo: 'o/r',
      owner: 'I_1',
      connection: 'comments',
      cursor: 'a',
      since: null,
    });
    mirror.setPending({
      repo: 'o/r',
      owner: 'I_2',
      connection: 'reactions',
      cursor: 'b',
      since: null,
    });
    expect(mirror.nextPending('o/r')?.owner).toBe('I_1');
    mirror.deletePending('I_1', 'comments');
    expect(mirror.nextPending('o/r')?.owner).toBe('I_2');
    mirror.deletePending('I_2', 'reactions');
    expect(mirror.nextPending('o/r')).toBeUndefined();
    mirror.close();
  });

  it('GithubMirror.open(file) empties a cache written by another layout version', () => {
    const where = file();
    const mirror = GithubMirror.open(where);
    mirror.transaction(() => mirror.putObject('o/r', 'issue', null, issue('I_1', 1)));
    mirror.close();
    const db = new Database(where);
    db.prepare("UPDATE meta SET value = '0' WHERE key = 'schema'").run();
    db.close();
    const reopened = GithubMirror.open(where);
    expect(reopened.snapshot(['o/r']).issues).toEqual([]);
    reopened.close();
  });

  it('nextSince(watermark, serverTime) asks from the next second, or the same one if it is not over', () => {
    const watermark = '2026-10-02T10:00:00Z';
    expect(nextSince(watermark, Date.parse('2026-10-20T08:00:00Z'))).toBe('2026-10-02T10:00:01Z');
    expect(nextSince(watermark, Date.parse('2026-10-02T10:00:00.400Z'))).toBe(watermark);
    expect(nextSince(null, Date.parse('2026-10-20T08:00:00Z'))).toBeNull();
  });
});

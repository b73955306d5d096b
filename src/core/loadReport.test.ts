import { describe, expect, it } from 'vitest';
import { countItem, describeLoadReport, freshness, type KindTally } from './loadReport.js';

describe('core/loadReport', () => {
  it('freshness(before, after) tells new from changed from re-read', () => {
    expect(freshness(undefined, '{"a":1}')).toBe('new');
    expect(freshness('{"a":1}', '{"a":2}')).toBe('changed');
    expect(freshness('{"a":1}', '{"a":1}')).toBe('unchanged');
  });

  it('countItem(tallies, kind, how) keeps one tally per kind, in first-seen order', () => {
    const tallies = new Map<string, KindTally>();
    countItem(tallies, 'issues', 'new');
    countItem(tallies, 'comments', 'unchanged');
    countItem(tallies, 'issues', 'changed');
    expect([...tallies.values()]).toEqual([
      { kind: 'issues', new: 1, changed: 1, unchanged: 0 },
      { kind: 'comments', new: 0, changed: 0, unchanged: 1 },
    ]);
  });

  it('describeLoadReport(report) says in words what the structure says', () => {
    const lines = describeLoadReport({
      sources: [
        {
          source: 'lantern-labs/lamp',
          requests: 9,
          cost: 40,
          waits: { count: 1, seconds: 91 },
          retries: 2,
          pageShrinks: 1,
          fullRefresh: true,
          kinds: [
            { kind: 'issues', new: 2, changed: 1, unchanged: 4 },
            { kind: 'comments', new: 0, changed: 0, unchanged: 3 },
          ],
          reactions: { counted: { HEART: 2 }, notCounted: { EYES: 1, LAUGH: 0 } },
        },
        { source: 'chat oc_1', requests: 1, waits: { count: 0, seconds: 0 }, kinds: [] },
      ],
      tokenRenewals: 1,
    });
    expect(lines).toEqual([
      'lantern-labs/lamp: 9 requests (40 points); issues 2 new and 1 changed, 4 re-read unchanged; reactions that carry no cred: 1 EYES; 1 rate-limit wait (91 s), 2 retries, 1 smaller page; everything re-read (full refresh)',
      'chat oc_1: 1 request; nothing new',
      'access token renewed once during the load',
    ]);
  });
});

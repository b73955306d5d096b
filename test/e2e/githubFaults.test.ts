/**
 * GitHub's transient answers, against the stand-in: a 502 on the repository query is sent
 * again after a pause (not reported as a timeout), GitHub's HTTP 200 `data: null` "may be the
 * result of a timeout" answer halves the page, page sizes grow back after a passing fault, and
 * under CRED_NOW a rate limit's reset time is compared with the real clock. The load report
 * says all of it per repository.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  badGateway,
  isOperation,
  primaryRateLimit,
  queryTimeoutAnswer,
} from '../../src/replay/github/faults.js';
import { operationVariables } from '../../src/replay/github/githubStandIn.js';
import { githubPlugin } from '../../src/plugins/github/index.js';
import { closeGithubStandIn, harness, START_MS } from './githubHarness.js';

afterEach(closeGithubStandIn);

const sizesOf = (h: Awaited<ReturnType<typeof harness>>, operation: string, repo: string) =>
  h.standIn.requests
    .filter(isOperation(operation, (v) => v.name === repo))
    .map((r) => operationVariables(r).first);

describe('test/e2e/githubFaults', () => {
  it('a 502 on the repository query is sent again after a pause and the load goes on', async () => {
    const h = await harness();
    h.standIn.inject(isOperation('CredRepository'), badGateway(), 2);
    const summary = await h.load();
    expect(h.sleeps).toEqual([1000, 2000]);
    expect(h.progress).toContain(
      `github: GitHub answered 502 (CredRepository for lantern-labs/lamp): waiting 1 s, resuming at ${new Date(START_MS + 1000).toISOString()}`,
    );
    expect(h.progress.join('\n')).not.toMatch(/no answer within/);
    expect(summary.report?.sources[0]).toMatchObject({ retries: 2, pageShrinks: 0 });
    expect(summary.items).toMatchObject({ issues: 29, 'pull requests': 29 });
  });

  it('a 502 that persists stops the load saying so, without a timeoutSeconds hint', async () => {
    const h = await harness();
    h.standIn.inject(isOperation('CredRepository'), badGateway(), 10);
    const failure = await h.load().catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 'GITHUB_SERVER_ERROR',
      message: expect.stringContaining('GitHub answered 502, 4 times in a row'),
    });
    expect((failure as Error).message).not.toMatch(/within \d+ s/);
    expect(JSON.stringify(failure)).not.toMatch(/timeoutSeconds/);
  });

  it('GitHub\'s 200 answer "may be the result of a timeout" halves the page', async () => {
    const h = await harness();
    h.standIn.inject(isOperation('CredIssues'), queryTimeoutAnswer());
    const summary = await h.load();
    expect(sizesOf(h, 'CredIssues', 'lamp')).toEqual([25, 12, 12, 24]);
    expect(h.progress).toContain(
      'github: lantern-labs/lamp issues: GitHub could not finish the query in time; retrying with pages of 12',
    );
    expect(summary.items).toMatchObject({ issues: 29 });
    expect(summary.report?.sources[0]?.pageShrinks).toBe(1);
  });

  it('after two transient 502s page sizes grow back: the next repository pages at full size', async () => {
    const clean = await harness();
    const baseline = await clean.load();
    await closeGithubStandIn();
    const h = await harness();
    h.standIn.inject(isOperation('CredPulls'), badGateway(), 2);
    const summary = await h.load();
    expect(sizesOf(h, 'CredPulls', 'lamp')).toEqual([20, 10, 5, 5, 10, 10]);
    expect(sizesOf(h, 'CredPulls', 'wick')).toEqual([20]);
    expect(summary.requests - baseline.requests).toBeLessThanOrEqual(6);
  });

  it('under CRED_NOW the wait for a rate limit runs to the reset on the real clock', async () => {
    const h = await harness();
    const realNowMs = Date.now();
    const resetSeconds = Math.floor(realNowMs / 1000) + 2;
    h.standIn.inject(isOperation('CredPulls'), primaryRateLimit(resetSeconds));
    // The command's own clock (CRED_NOW) is weeks away from the real one.
    await githubPlugin.load!({ ...h.context(), wallMs: () => realNowMs });
    expect(h.sleeps).toHaveLength(1);
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(h.sleeps[0]).toBeLessThanOrEqual(4000);
  });

  it('the load report counts new, changed and re-read items and the reactions that carry no cred', async () => {
    const h = await harness();
    const first = await h.load();
    const lamp = first.report?.sources[0];
    expect(lamp).toMatchObject({
      source: 'lantern-labs/lamp',
      fullRefresh: true,
      waits: { count: 0, seconds: 0 },
    });
    expect(lamp?.cost).toBeGreaterThan(0);
    expect(lamp?.kinds.find((k) => k.kind === 'issues')).toEqual({
      kind: 'issues',
      new: 27,
      changed: 0,
      unchanged: 0,
    });
    expect(Object.keys(lamp?.reactions?.counted ?? {})).toContain('THUMBS_UP');
    expect(Object.keys(lamp?.reactions?.notCounted ?? {}).length).toBeGreaterThan(0);
    const issue = h.standIn.state.dataset.repositories[0]!.issues[0]!;
    issue.title = 'Retitled';
    issue.updatedAt = '2026-10-21T00:00:00Z';
    const second = await h.load();
    const issues = second.report?.sources[0]?.kinds.find((k) => k.kind === 'issues');
    expect(issues).toEqual({ kind: 'issues', new: 0, changed: 1, unchanged: 0 });
    expect(second.report?.sources[0]?.fullRefresh).toBe(false);
  });
});

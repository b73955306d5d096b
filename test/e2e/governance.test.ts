import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BudgetView } from '../../src/instance/governance/budget.js';
import type { DomainsReport } from '../../src/instance/governance/domains.js';
import type { PayoutReport } from '../../src/instance/payout/report.js';
import { cred } from './cli.js';
import { at, governanceInstance, readReport } from './governanceFixture.js';

const cents = (amount: string) => Math.round(Number(amount) * 100);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const PROPOSED = '2026-11-02T12:00:00Z';
const DURING_REVIEW = '2026-11-04T12:00:00Z';
const AFTER_REVIEW = '2026-11-10T12:00:00Z';

describe('test/e2e/governance', () => {
  it('cred domains rolls a child domain up into its parent; the domain split adds up exactly', async () => {
    const dir = await governanceInstance({
      split: { type: 'fixed', shares: { infra: 3, media: 1 } },
    });
    const scores = JSON.parse(readFileSync(path.join(dir, 'output', 'cred.json'), 'utf8')) as {
      weeks: string[];
      totalCred: number;
      identities: { name: string; totalCred: number }[];
    };
    // Every week of the example lies inside October, so October's cred is all cred.
    expect(scores.weeks.every((week) => week >= '2026-10-05' && week <= '2026-10-19')).toBe(true);
    const report = (await at(PROPOSED, dir, ['domains', '--month', '2026-10', '--json']))
      .json as DomainsReport;
    const domain = (id: string) => report.domains.find((d) => d.id === id)!;
    const [root, infra, backend, media] = ['root', 'infra', 'backend', 'media'].map(domain);
    expect(report.domains.map((d) => [d.id, d.depth])).toEqual([
      ['root', 0],
      ['infra', 1],
      ['backend', 2],
      ['media', 1],
    ]);
    // Roll-up: a domain's total is its own cred plus its children's totals.
    expect(backend!.totalCred).toBeCloseTo(backend!.ownCred, 9);
    expect(infra!.totalCred).toBeCloseTo(infra!.ownCred + backend!.totalCred, 9);
    expect(root!.totalCred).toBeCloseTo(root!.ownCred + infra!.totalCred + media!.totalCred, 9);
    expect(root!.totalCred).toBeCloseTo(scores.totalCred, 9);
    // mira works in backend only: her cred counts in backend and again in infra.
    const credIn = (d: typeof infra, name: string) =>
      d!.contributors.find((c) => c.name === name)?.cred ?? 0;
    expect(credIn(backend, 'mira')).toBeGreaterThan(0);
    expect(credIn(infra, 'mira')).toBeCloseTo(credIn(backend, 'mira'), 12);
    expect(credIn(infra, 'tomas')).toBeCloseTo(infra!.ownCred, 9);
    // Every contribution is in a folder of infra or media, so the root has no cred of its own,
    // and each identity's cred is split between the two exactly (flow decomposition).
    expect(root!.ownCred).toBeCloseTo(0, 12);
    for (const identity of scores.identities) {
      const parts = credIn(infra, identity.name) + credIn(media, identity.name);
      expect(Math.abs(parts - identity.totalCred)).toBeLessThan(1e-9 * scores.totalCred);
      expect(credIn(root, identity.name)).toBeCloseTo(identity.totalCred, 9);
    }

    await at(PROPOSED, dir, ['payout', '--month', '2026-10', '--revenue', '1000', '--finalize']);
    const final = readReport<PayoutReport>(dir, '2026-10').json;
    expect(final.status).toBe('final');
    expect(final.governance?.split).toEqual({
      type: 'fixed',
      domains: [
        { id: 'infra', weight: 3, amount: '750.00' },
        { id: 'media', weight: 1, amount: '250.00' },
      ],
    });
    expect(sum(final.lines.map((line) => cents(line.share)))).toBe(100_000);
    for (const part of final.governance!.split!.domains) {
      const inDomain = final.lines.flatMap((line) =>
        (line.domains ?? []).filter((d) => d.domain === part.id),
      );
      expect(sum(inDomain.map((d) => cents(d.share)))).toBe(cents(part.amount));
      // Within the domain, shares follow cred there (to the cent).
      const credTotal = sum(inDomain.map((d) => d.cred));
      for (const d of inDomain)
        expect(Math.abs(cents(d.share) - (cents(part.amount) * d.cred) / credTotal)).toBeLessThan(
          1,
        );
    }
    const mira = final.lines.find((line) => line.identity === 'mira')!;
    expect(mira.domains?.[0]?.cred).toBeCloseTo(credIn(infra, 'mira'), 9);
    expect((await cred(['ledger', 'verify', '-q'], dir)).code).toBe(0);
  });

  it('cred budget matches the stationary distribution computed by hand, whatever the order of votes', async () => {
    const damping = 0.2;
    const dir = await governanceInstance({
      split: { type: 'budget', domains: ['infra', 'media'], damping },
    });
    const ballots: [string, string][] = [
      ['mira', 'infra>media'],
      ['lin', 'media>infra'],
      ['tomas', 'infra>media'],
    ];
    for (const [voter, pair] of ballots)
      await at(DURING_REVIEW, dir, [
        'budget',
        'vote',
        '--month',
        '2026-10',
        '--voter',
        voter,
        pair,
      ]);
    for (const [voter, pair] of [...ballots].reverse())
      await at(DURING_REVIEW, dir, [
        'budget',
        'vote',
        '--month',
        '2026-11',
        '--voter',
        voter,
        pair,
      ]);
    const october = (await at(DURING_REVIEW, dir, ['budget', '--month', '2026-10', '--json']))
      .json as BudgetView;
    const november = (await at(DURING_REVIEW, dir, ['budget', '--month', '2026-11', '--json']))
      .json as BudgetView;
    // By hand, for two items (the walk always picks the other one): with Wi the cred preferring
    // infra and Wm media, P(media -> infra) = (1 - d) Wi / (Wi + Wm) + d/2 and
    // P(infra -> media) = (1 - d) Wm / (Wi + Wm) + d/2; these add up to 1, so
    // pi_infra = P(media -> infra) = (1 - d) Wi / (Wi + Wm) + d/2.
    const weight = (name: string) => october.voters.find((v) => v.name === name)!.weight;
    const forInfra = weight('mira') + weight('tomas');
    const forMedia = weight('lin');
    expect(forMedia).toBeGreaterThan(0);
    const byHand = ((1 - damping) * forInfra) / (forInfra + forMedia) + damping / 2;
    expect(Math.abs(october.items[0]!.share - byHand)).toBeLessThan(1e-9);
    expect(Math.abs(october.items[1]!.share - (1 - byHand))).toBeLessThan(1e-9);
    expect(november.items).toEqual(october.items);
    expect(november.voters).toEqual(october.voters);

    // The payout splits the pool by the budget, and finalizes by itself once review is over.
    await at(PROPOSED, dir, ['payout', '--month', '2026-10', '--revenue', '1000']);
    const waiting = await at(DURING_REVIEW, dir, ['payout', '--month', '2026-10', '--json']);
    expect((waiting.json as { action: string }).action).toBe('under-review');
    const done = await at(AFTER_REVIEW, dir, ['payout', '--month', '2026-10', '--json']);
    expect((done.json as { action: string }).action).toBe('finalized');
    const { json: report } = readReport<PayoutReport>(dir, '2026-10');
    const parts = report.governance!.split!.domains;
    expect(report.governance!.split!.type).toBe('budget');
    expect(parts[0]!.weight).toBeCloseTo(october.items[0]!.share, 12);
    expect(cents(parts[0]!.amount) + cents(parts[1]!.amount)).toBe(100_000);
    expect(Math.abs(cents(parts[0]!.amount) - 100_000 * byHand)).toBeLessThanOrEqual(0.5);
  });

  it('cred payout decides objections when review ends: one upheld by vote, one blocked by the funders', async () => {
    const dir = await governanceInstance({
      split: { type: 'fixed', shares: { infra: 3, media: 1 } },
      maintainers: ['mira'],
      funders: ['acme-fund'],
    });
    await at(PROPOSED, dir, ['payout', '--month', '2026-10', '--revenue', '1000']);
    const object = (by: string, line: string, reason: string) =>
      at(DURING_REVIEW, dir, [
        'payout',
        'object',
        '--month',
        '2026-10',
        '--by',
        by,
        '--line',
        line,
        '--reason',
        reason,
      ]);
    const vote = (k: number, voter: string, choice: 'uphold' | 'dismiss') =>
      at(DURING_REVIEW, dir, [
        'payout',
        'vote',
        '--month',
        '2026-10',
        '--objection',
        String(k),
        '--voter',
        voter,
        `--${choice}`,
      ]);
    // 1: lin objects to tomas's line; mira agrees: a cred majority upholds it.
    await object('lin', 'tomas', 'the server move happened in September');
    await vote(1, 'mira', 'uphold');
    // 2: tomas objects to lin's line; the contributors dismiss it, but the one funder (a whole
    // group) votes to uphold: a quarter of the funders blocks the line.
    await object('tomas', 'lin', 'the newsletter was paid by a sponsor');
    for (const voter of ['mira', 'lin', 'river-kim']) await vote(2, voter, 'dismiss');
    await vote(2, 'acme-fund', 'uphold');
    // A funder without cred may vote but not object; nobody may finalize before the review ends.
    const noCred = await cred(
      [
        'payout',
        'object',
        '--month',
        '2026-10',
        '--by',
        'acme-fund',
        '--weights',
        '--reason',
        'x',
        '--json',
      ],
      dir,
      { CRED_NOW: DURING_REVIEW },
    );
    expect(JSON.parse(noCred.stdout).error.code).toBe('no_cred');
    const early = await cred(['payout', '--month', '2026-10', '--finalize', '--json'], dir, {
      CRED_NOW: DURING_REVIEW,
    });
    expect(JSON.parse(early.stdout).error.code).toBe('PAYOUT_OBJECTIONS_OPEN');

    const done = await at(AFTER_REVIEW, dir, ['payout', '--month', '2026-10', '--json']);
    expect((done.json as { action: string }).action).toBe('finalized');
    const { json: report, markdown } = readReport<PayoutReport>(dir, '2026-10');
    const [upheld, blocked] = report.governance!.objections;
    expect(upheld).toMatchObject({ by: 'lin', line: 'tomas', status: 'upheld' });
    expect(upheld!.decision!.majority.uphold).toBeGreaterThan(upheld!.decision!.majority.dismiss);
    expect(blocked).toMatchObject({
      by: 'tomas',
      line: 'lin',
      status: 'blocked',
      decision: { outcome: 'blocked', blockedBy: ['funders'] },
    });
    expect(blocked!.decision!.majority.dismiss).toBeGreaterThan(blocked!.decision!.majority.uphold);
    expect(blocked!.decision!.groups.funders).toMatchObject({
      names: ['acme-fund'],
      equalWeights: true,
      weight: 1,
      uphold: 1,
    });
    expect(blocked!.votes).toContainEqual({ voter: 'acme-fund', vote: 'uphold' });
    // Both lines are removed; their shares stay in their domains: infra's 750.00 goes to mira,
    // media's 250.00 to river-kim, and everything still adds up to the pool.
    const line = (name: string) => report.lines.find((l) => l.identity === name)!;
    for (const name of ['tomas', 'lin']) {
      expect(line(name)).toMatchObject({ status: 'removed', share: '0.00', payment: '0.00' });
      expect(cents(line(name).proposedShare!)).toBeGreaterThan(0);
    }
    expect(line('mira')).toMatchObject({
      share: '750.00',
      allocated: '750.00',
      payment: '750.00',
      paid: '0.00',
      owedAfter: '750.00',
      status: 'allocated',
    });
    expect(line('river-kim')).toMatchObject({ share: '250.00', payment: '250.00' });
    expect(report.totals).toMatchObject({ shares: '1000.00', payments: '1000.00' });
    expect(markdown).toContain('### payout-2026-10-1-o1: upheld');
    expect(markdown).toContain('### payout-2026-10-1-o2: blocked');
    expect(markdown).toContain('| funders (acme-fund) | 1 | 1.00 (1 each) | 1.00 | 0.00 |');
    expect((await cred(['ledger', 'verify', '-q'], dir)).code).toBe(0);
  });

  it('cred payout leaves a proposal blocked when an objection to the weights is upheld', async () => {
    const dir = await governanceInstance({ maintainers: ['mira'], funders: ['acme-fund'] });
    await at(PROPOSED, dir, ['payout', '--month', '2026-10', '--revenue', '1000']);
    await at(DURING_REVIEW, dir, [
      'payout',
      'object',
      '--month',
      '2026-10',
      '--by',
      'mira',
      '--weights',
      '--reason',
      'posts weigh too much',
    ]);
    const result = await cred(['payout', '--month', '2026-10', '--json'], dir, {
      CRED_NOW: AFTER_REVIEW,
    });
    const json = JSON.parse(result.stdout) as { action: string; blocked: string };
    expect(json.action).toBe('blocked');
    expect(json.blocked).toContain('payout-2026-10-1-o1');
    const { json: report } = readReport<PayoutReport>(dir, '2026-10');
    expect(report.status).toBe('proposed');
    expect(report.governance?.objections[0]).toMatchObject({ line: null, status: 'upheld' });
    await at(AFTER_REVIEW, dir, [
      'payout',
      'withdraw',
      '--month',
      '2026-10',
      '--reason',
      'weights',
    ]);
    await at(AFTER_REVIEW, dir, [
      'payout',
      '--month',
      '2026-10',
      '--revenue',
      '1000',
      '--finalize',
    ]);
    expect(readReport<PayoutReport>(dir, '2026-10').json).toMatchObject({
      proposalId: 'payout-2026-10-2',
      status: 'final',
    });
  });
});

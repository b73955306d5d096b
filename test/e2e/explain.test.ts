import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isoWeekName } from '../../src/core/weeks.js';
import type { ExplainReport } from '../../src/instance/explain/explain.js';
import { cred, credJson } from './cli.js';
import { buildSiteFixture } from './siteFixture.js';

interface Scores {
  weeks: string[];
  identities: { id: string; name: string; totalCred: number; cred: number[] }[];
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('test/e2e/explain', () => {
  let dir: string;
  let scores: Scores;

  beforeAll(async () => {
    dir = await buildSiteFixture();
    scores = JSON.parse(readFileSync(path.join(dir, 'output', 'cred.json'), 'utf8'));
  });

  it('cred explain NAME --week W lists shares that add up to that week of output/cred.json', async () => {
    const ranked = [...scores.identities].sort((a, b) => b.totalCred - a.totalCred);
    for (const identity of ranked.slice(0, 3)) {
      const busiest = identity.cred.indexOf(Math.max(...identity.cred));
      const weeks = [busiest, Math.min(busiest + 1, scores.weeks.length - 1)];
      for (const week of weeks) {
        const name = isoWeekName(Date.parse(scores.weeks[week]!));
        const { code, json } = await credJson<ExplainReport>(
          ['explain', identity.name, '--week', name, '-q'],
          dir,
        );
        expect(code).toBe(0);
        const expected = identity.cred[week]!;
        expect(json.period).toBe(name);
        expect(json.cred).toBeCloseTo(expected, 9);
        expect(Math.abs(sum(json.sources.map((s) => s.cred)) - expected)).toBeLessThan(
          1e-9 * Math.max(1, expected),
        );
        expect(sum(json.sources.map((s) => s.share))).toBeCloseTo(1, 9);
        for (const source of json.sources) {
          expect(source.carried).toBe(source.entryWeek !== scores.weeks[week]);
          expect(sum(source.edges.map((e) => e.cred))).toBeCloseTo(source.cred, 9);
          expect(source.edges.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('cred explain NAME without --week explains all of its cred', async () => {
    const identity = scores.identities.find((i) => i.name === 'tomas')!;
    const { code, json } = await credJson<ExplainReport>(['explain', 'TOMAS', '-q'], dir);
    expect(code).toBe(0);
    expect(json.identity.id).toBe(identity.id);
    expect(json.period).toBe('all weeks');
    expect(sum(json.sources.map((s) => s.cred))).toBeCloseTo(identity.totalCred, 9);
    expect(json.sources.map((s) => s.description)).toContain(
      'Talk on funding open source at a regional conference',
    );
    const human = await cred(['explain', 'tomas', '--limit', '1', '-q'], dir);
    expect(human.stdout).toMatch(/tomas \(user, [0-9a-f]+\): \d+\.\d{4} cred in all weeks/);
    expect(human.stdout).toMatch(/shares add up to/);
    // The table describes one source and counts and sums the rest, as --json lists them.
    expect(json.sources.length).toBeGreaterThan(1);
    expect(human.stdout).toContain(`${json.sources.length - 1} more`);
    const [listed, total] = /shares add up to (\S+) of (\S+) cred/.exec(human.stdout)!.slice(1);
    expect(listed).toBe(total);
  });

  it.each([
    [['explain', 'nobody-here'], 'IDENTITY_NOT_FOUND', 3],
    [['explain', 'mira', '--week', '1999-W01'], 'WEEK_OUT_OF_RANGE', 2],
    [['explain', 'mira', '--week', 'last week'], 'WEEK_INVALID', 2],
  ])('cred %j fails with %s (exit %i)', async (args, code, exit) => {
    const result = await credJson<{ error: { code: string; suggestions: string[] } }>(args, dir);
    expect(result.code).toBe(exit);
    expect(result.json.error.code).toBe(code);
    expect(result.json.error.suggestions.length).toBeGreaterThan(0);
  });

  it('cred explain UNKNOWN fails before recomputing the flow', async () => {
    const result = await cred(['explain', 'nobody-here'], dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/no identity named "nobody-here"/);
    expect(result.stderr).not.toMatch(/recomputing/);
  });

  it('cred explain refuses to explain output/cred.json once the weights changed', async () => {
    const copy = await buildSiteFixture();
    const file = path.join(copy, 'weights', 'files.json');
    const weights = JSON.parse(readFileSync(file, 'utf8'));
    weights.nodes['files/contribution'] = 5;
    writeFileSync(file, JSON.stringify(weights));
    const result = await credJson<{ error: { code: string } }>(['explain', 'mira'], copy);
    expect(result.code).toBe(3);
    expect(result.json.error.code).toBe('SCORES_STALE');
  });

  it('cred explain starts from the state cred score saved, and explains the same without it', async () => {
    const saved = await cred(['explain', 'mira', '--json'], dir);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toMatch(/recomputing .*, from the state "cred score" saved/);
    const copy = await buildSiteFixture();
    rmSync(path.join(copy, 'output', 'credrank-state.bin'));
    const cold = await cred(['explain', 'mira', '--json'], copy);
    expect(cold.code).toBe(0);
    expect(cold.stderr).toMatch(/recomputing/);
    expect(cold.stderr).not.toMatch(/from the state/);
    const a = JSON.parse(saved.stdout) as ExplainReport;
    const b = JSON.parse(cold.stdout) as ExplainReport;
    expect(a.sources.map((s) => s.address)).toEqual(b.sources.map((s) => s.address));
    a.sources.forEach((source, k) =>
      expect(Math.abs(source.cred - b.sources[k]!.cred)).toBeLessThan(1e-9 * Math.max(1, a.cred)),
    );
  });
});

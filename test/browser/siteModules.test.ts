/** The explorer's pure modules (site/src), without a browser. */
import { describe, expect, it } from 'vitest';
import type { SiteLeaderboard, SiteWeights } from '../../src/instance/site/format.js';
import { formatNumber, formatPercent } from '../../site/src/format.js';
import {
  addAmounts,
  formatAmount,
  fromMinorUnits,
  isZero,
  minorUnits,
} from '../../site/src/ledger/money.js';
import {
  buildModel,
  parsePeriod,
  periodChoices,
  periodCred,
  rank,
  weeklyUnits,
} from '../../site/src/model.js';
import { href, parseRoute } from '../../site/src/route.js';
import {
  editedWeightFiles,
  editedWeights,
  editsFromText,
  editsToText,
  emptyEdits,
} from '../../site/src/weightsFile.js';

/** Three identities over four weeks from Monday 2026-01-26 (the first one mostly in January). */
const DATA = {
  firstWeek: '2026-01-26',
  weekCount: 4,
  quantum: 0.01,
  decimals: 1,
  plugins: [
    { name: 'files', title: 'Files' },
    { name: 'github', title: 'GitHub' },
  ],
  identityTypes: ['user', 'bot', 'organization', 'project'],
  identities: {
    id: ['a1', 'b2', 'c3'],
    name: ['octo-ana', 'river-kim', 'build-bot'],
    type: [0, 0, 1],
    plugins: [[0], [0, 1], [1]],
    cred: [[0, 700, 0, 0, 100], [1, 300, 300], []],
  },
  parts: { contributors: 64, weights: true, ledger: false },
} as unknown as SiteLeaderboard;

const WEIGHTS = {
  files: [{ file: 'weights/files.json', description: 'Hand-recorded work' }],
  nodes: [
    { key: 'files/contribution', plugin: 'files', name: '', file: 0, count: 3, weight: 1, mint: 3 },
    { key: 'github/pull', plugin: 'github', name: '', file: -1, count: 9, weight: 4, mint: 36 },
  ],
  edges: [
    {
      key: 'files/contributes',
      plugin: 'files',
      name: '',
      file: 0,
      count: 4,
      forwards: 0.5,
      backwards: 1,
      forwardsCred: 0,
      backwardsCred: 0,
    },
  ],
  unmatched: { nodes: 0, mint: 0, edges: 0 },
} as unknown as SiteWeights;

describe('site/src', () => {
  it('rank(model, filter) ranks by the period, filters by platform, type and name', () => {
    const model = buildModel(DATA);
    const all = { period: parsePeriod(null), plugin: -1, type: -1, query: '' };
    expect(Array.from(rank(model, all).order)).toEqual([0, 1, 2]);
    expect(rank(model, all).total).toBe(1400);
    expect(Array.from(rank(model, { ...all, plugin: 1 }).order)).toEqual([1, 2]);
    expect(Array.from(rank(model, { ...all, type: 1 }).order)).toEqual([2]);
    expect(Array.from(rank(model, { ...all, query: 'KIM' }).order)).toEqual([1]);
    expect(Array.from(rank(model, { ...all, query: 'c3' }).order)).toEqual([2]);
    // February: river-kim's two weeks are in it, octo-ana's last week too.
    const february = { ...all, period: parsePeriod('2026-02') };
    expect(Array.from(rank(model, february).order)).toEqual([1, 0, 2]);
    expect(Array.from(weeklyUnits(model, 1))).toEqual([0, 300, 300, 0]);
  });

  it('periodCred(model, period) prorates weeks by their days in the period', () => {
    const model = buildModel(DATA);
    // Week 0 (Jan 26 - Feb 1) has 6 days in January and 1 in February.
    const january = periodCred(model, parsePeriod('2026-01'));
    expect(january[0]).toBeCloseTo((700 * 6) / 7, 9);
    const february = periodCred(model, parsePeriod('2026-02'));
    expect(february[0]).toBeCloseTo(700 / 7 + 100, 9);
    expect(periodCred(model, parsePeriod('2026-W06'))[1]).toBe(300);
    expect(periodCred(model, parsePeriod('2026'))[0]).toBeCloseTo(800, 9);
    expect(parsePeriod('2026-13')).toEqual({ kind: 'all', name: 'all' });
    expect(periodChoices(model).month).toEqual(['2026-02', '2026-01']);
  });

  it('editedWeightFiles(weights, edits) writes each edit to the file that set the key', () => {
    const edits = emptyEdits();
    edits.nodes.set('files/contribution', 3);
    edits.nodes.set('github/pull', 4); // unchanged: no file
    edits.edges.set('files/contributes', { forwards: 0.5, backwards: 2 });
    const files = editedWeightFiles(WEIGHTS, edits);
    expect(files.map((f) => f.file)).toEqual(['weights/files.json']);
    expect(JSON.parse(files[0]!.text)).toEqual({
      type: 'cred/weights',
      version: 1,
      description: 'Hand-recorded work',
      nodes: { 'files/contribution': 3 },
      edges: { 'files/contributes': { forwards: 0.5, backwards: 2 } },
    });
    edits.nodes.set('github/pull', 8);
    const both = editedWeightFiles(WEIGHTS, edits);
    expect(both.map((f) => f.file)).toEqual(['weights/files.json', 'weights/github.json']);
    expect(JSON.parse(both[1]!.text).nodes).toEqual({ 'github/pull': 8 });
    expect(editedWeights(WEIGHTS, edits).nodes.get('github/pull')).toBe(8);
  });

  it('editedWeightFiles(weights, edits) keeps the knob sections of the file it rewrites', () => {
    const knobs = {
      containers: { 'files/contribution/events': 0.5 },
      reactions: { capPerWeek: 2, nodes: ['files/contribution'], edges: [] },
      budgets: { files: 10 },
    };
    const withKnobs = {
      ...WEIGHTS,
      files: [{ ...WEIGHTS.files[0]!, ...knobs }],
    } as SiteWeights;
    const edits = emptyEdits();
    edits.nodes.set('files/contribution', 3);
    const [file] = editedWeightFiles(withKnobs, edits);
    expect(JSON.parse(file!.text)).toMatchObject({ ...knobs, nodes: { 'files/contribution': 3 } });
  });

  it('formatAmount and addAmounts keep ledger amounts exact, as text and bigint', () => {
    expect(formatAmount('1234567.05')).toBe('1,234,567.05');
    expect(formatAmount('-1234')).toBe('-1,234');
    expect(minorUnits('12.34')).toBe(1234n);
    expect(fromMinorUnits(5n, 2)).toBe('0.05');
    expect(fromMinorUnits(-1234n, 0)).toBe('-1234');
    // 0.1 + 0.2 as floats would not give 0.3; 9007199254740993 is past float precision.
    expect(addAmounts('0.10', '0.20')).toBe('0.30');
    expect(addAmounts('90071992547409.93', '0.01')).toBe('90071992547409.94');
    expect(isZero('0.00')).toBe(true);
    expect(isZero('0.01')).toBe(false);
  });

  it('editsFromText(editsToText(edits)) round-trips and drops unknown keys and bad numbers', () => {
    const edits = emptyEdits();
    edits.nodes.set('github/pull', 2.5);
    edits.edges.set('files/contributes', { forwards: 0, backwards: 3 });
    const text = editsToText(edits);
    expect(editsFromText(text, WEIGHTS)).toEqual(edits);
    const bad = editsFromText('n:nope/x=1;n:github/pull=-1;e:files/contributes=1;x', WEIGHTS);
    expect(bad).toEqual(emptyEdits());
  });

  it('parseRoute(href(view, arg, params)) gives back the view, its argument and parameters', () => {
    const hash = href('contributor', 'a/1', { week: '2026-W06', empty: '' });
    expect(hash).toBe('#/contributor/a%2F1?week=2026-W06');
    const route = parseRoute(hash);
    expect(route.view).toBe('contributor');
    expect(route.arg).toBe('a/1');
    expect(route.params.get('week')).toBe('2026-W06');
    expect(parseRoute('').view).toBe('leaderboard');
  });

  it('formatNumber(value, decimals) groups thousands without a locale', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(-0.001, 2)).toBe('0.00');
    expect(formatNumber(-1234, 0)).toBe('-1,234');
    expect(formatPercent(1, 3)).toBe('33.3%');
    expect(formatPercent(1, 0)).toBe('–');
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCredRank } from '../../core/credrank/credRank.js';
import { identitiesFromProposals } from '../../core/identityIds.js';
import { declarationWeights } from '../../core/weights.js';
import { filesDeclaration } from './declaration.js';
import { contributionAddress, filesGraph, personAddress } from './graph.js';
import { filesIdentities } from './identities.js';
import { filesPlugin } from './index.js';
import { readContributionRecords, type ContributionRecord } from './records.js';

function instanceWith(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'cred-files-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, 'contributions', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

const record = (over: Partial<ContributionRecord> = {}): ContributionRecord => ({
  id: 'r1',
  title: 'A talk',
  timestampMs: Date.UTC(2026, 9, 7),
  type: 'talk',
  contributors: [{ name: 'mira', share: 1 }],
  references: [],
  file: 'contributions/x.yaml',
  ...over,
});

describe('plugins/files', () => {
  it('readContributionRecords(dir) reads YAML and JSON, single records and lists, in id order', () => {
    const root = instanceWith({
      'a.yaml': 'id: b\ntitle: B\ndate: 2026-10-01\ntype: talk\ncontributors: [mira]\n',
      'sub/c.json': JSON.stringify([
        {
          id: 'a',
          title: 'A',
          date: '2026-10-02T10:00:00Z',
          type: 'event',
          contributors: [{ name: 'lin', share: 3 }],
          weight: 2,
        },
      ]),
      'notes.txt': 'ignored',
      'empty.yaml': '',
    });
    const records = readContributionRecords(path.join(root, 'contributions'), root);
    expect(records.map((r) => r.id)).toEqual(['a', 'b']);
    expect(records[0]).toMatchObject({
      timestampMs: Date.UTC(2026, 9, 2, 10),
      weight: 2,
      contributors: [{ name: 'lin', share: 3 }],
      file: 'contributions/sub/c.json',
      folder: ['sub'],
    });
    expect(records[1]).toMatchObject({
      timestampMs: Date.UTC(2026, 9, 1),
      folder: [],
      contributors: [{ name: 'mira', share: 1 }],
    });
    expect(readContributionRecords(path.join(root, 'missing'), root)).toEqual([]);
  });

  it.each([
    [
      'a.yaml',
      'id: x\ntitle: X\ndate: 2026-02-30\ntype: talk\ncontributors: [mira]\n',
      'FILES_INVALID_RECORD',
      /a.yaml: record 1: field "date": "2026-02-30" is not a real date|not a real date/,
    ],
    [
      'a.yaml',
      'id: x\ntitle: X\ndate: 2026-10-01\ntype: talk\ncontributors: []\n',
      'FILES_INVALID_RECORD',
      /a.yaml: record 1: field "contributors": expected at least one contributor/,
    ],
    [
      'a.yaml',
      'id: x\ntitle: X\ndate: 2026-10-01\ntype: talk\ncontributors: [mira]\nauthor: me\n',
      'FILES_INVALID_RECORD',
      /unknown field "author"/,
    ],
    ['a.yaml', 'id: x\n  title: [\n', 'FILES_UNPARSABLE', /a.yaml: cannot be parsed/],
    ['a.json', '{"id": }', 'FILES_UNPARSABLE', /a.json: cannot be parsed/],
  ])(
    'readContributionRecords rejects a broken %s with the file, record and field',
    (name, text, code, message) => {
      const root = instanceWith({ [name]: text });
      expect(() => readContributionRecords(path.join(root, 'contributions'), root)).toThrow(
        expect.objectContaining({ code, message: expect.stringMatching(message) }),
      );
    },
  );

  it('readContributionRecords rejects an id used twice, naming both files', () => {
    const one = 'id: x\ntitle: X\ndate: 2026-10-01\ntype: talk\ncontributors: [mira]\n';
    const root = instanceWith({ 'a.yaml': one, 'b.yaml': one });
    expect(() => readContributionRecords(path.join(root, 'contributions'), root)).toThrow(
      /b.yaml: record id "x" is also used in contributions\/a.yaml/,
    );
  });

  it('filesGraph(records) gives contributors cred in proportion to their shares', () => {
    const graph = filesGraph([
      record({
        weight: 3,
        contributors: [
          { name: 'mira', share: 2 },
          { name: 'lin', share: 1 },
        ],
      }),
    ]);
    expect(graph.node(contributionAddress({ type: 'talk', id: 'r1' }))?.weight).toBe(3);
    const proposals = filesIdentities([
      record({
        contributors: [
          { name: 'mira', share: 2 },
          { name: 'lin', share: 1 },
        ],
      }),
    ]);
    expect(proposals.map((p) => p.alias)).toEqual([personAddress('lin'), personAddress('mira')]);
    const identities = identitiesFromProposals(proposals);
    const result = computeCredRank(graph, declarationWeights(filesDeclaration), identities);
    const credOf = (name: string) =>
      result.credByIdentity[identities.findIndex((i) => i.name === name)]!.reduce(
        (a, b) => a + b,
        0,
      );
    expect(credOf('mira') + credOf('lin')).toBeCloseTo(3, 9);
    expect(credOf('mira') / credOf('lin')).toBeCloseTo(2, 9);
  });

  it('filesGraph(records) turns references into edges to any node address', () => {
    const graph = filesGraph([record({ references: ['github/pull/o/r/1'] })]);
    const edges = [...graph.edges()].filter((e) => e.dst === 'github/pull/o/r/1');
    expect(edges).toHaveLength(1);
    expect(edges[0]?.src).toBe(contributionAddress({ type: 'talk', id: 'r1' }));
  });

  it('filesGraph(records) puts each record in the container of its folder', () => {
    const graph = filesGraph([
      record({ id: 'r1', folder: ['media', '2026'] }),
      record({ id: 'r2', folder: [] }),
      record({ id: 'r3' }),
    ]);
    const containerOf = (id: string) =>
      graph.node(contributionAddress({ type: 'talk', id }))?.container;
    expect(containerOf('r1')).toBe('files/folder/media/2026');
    expect(containerOf('r2')).toBe('files/folder');
    expect(containerOf('r3')).toBeUndefined();
  });

  it('filesPlugin.parseConfig(raw) defaults the folder and rejects unknown settings', () => {
    expect(filesPlugin.parseConfig({}, 'cred.json (plugins.files)')).toEqual({
      directory: 'contributions',
    });
    expect(() => filesPlugin.parseConfig({ dir: 'x' }, 'cred.json (plugins.files)')).toThrow(
      /unknown field "dir"/,
    );
  });
});

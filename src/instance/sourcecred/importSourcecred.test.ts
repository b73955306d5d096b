import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { everyAction, FORUM } from '../../ledger/sourcecred/testing/everyAction.js';
import { scNodeAddress } from '../../ledger/sourcecred/testing/sourcecredLibrary.js';
import { convertGrain, parseGrainRate } from '../../ledger/sourcecred/grain.js';
import { credIdFor } from '../../ledger/sourcecred/translate.js';
import { readContributionRecords } from '../../plugins/files/records.js';
import { IMPORT_REPORT, importSourcecred } from './importSourcecred.js';
import { openInstance, type Runtime } from '../instance.js';
import { ledgerBalances } from '../ledger/jobs.js';

const runtime: Runtime = {
  env: {},
  reporter: { progress: () => undefined, warn: () => undefined },
  nowMs: () => Date.UTC(2026, 11, 1),
  sleep: async () => undefined,
};

const write = (root: string, relative: string, value: unknown) => {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(
    path.join(root, relative),
    typeof value === 'string' ? value : JSON.stringify(value),
  );
};

/** A SourceCred instance folder around `ledgerText`, with every config file the importer reads. */
function scInstance(ledgerText: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'cred-sc-source-'));
  write(root, 'sourcecred.json', {
    bundledPlugins: [
      'sourcecred/github',
      'sourcecred/discourse',
      'sourcecred/discord',
      'sourcecred/initiatives',
    ],
  });
  write(root, 'config/plugins/sourcecred/github/config.json', {
    repositories: ['example-org/widgets'],
  });
  write(root, 'config/plugins/sourcecred/discourse/config.json', { serverUrl: `${FORUM}/` });
  write(root, 'config/weights.json', [
    { type: 'sourcecred/weights', version: '0.2.0' },
    {
      nodeWeights: {
        [scNodeAddress(['sourcecred', 'github', 'PULL'])]: 8,
        [scNodeAddress(['sourcecred', 'discord', 'REACTION'])]: 2,
        [scNodeAddress(['sourcecred', 'github', 'REPO', 'example-org', 'widgets'])]: 3,
      },
      edgeWeights: {
        [`E\0sourcecred\0discourse\0likes\0`]: { forwards: 2, backwards: 0 },
      },
    },
  ]);
  write(root, 'config/grain.json', {
    allocationPolicies: [{ policyType: 'RECENT', budget: '100', discount: 0.5 }],
  });
  write(root, 'config/currencyDetails.json', {
    currencyName: 'Grain',
    currencySuffix: 'g',
    decimalsToDisplay: 2,
  });
  write(root, 'config/plugins/sourcecred/initiatives/initiatives/docs.json', [
    { type: 'sourcecred/initiativeFile', version: '0.2.0' },
    {
      title: 'Write the docs',
      timestampIso: '2021-03-01T10:00:00.000Z',
      weight: { incomplete: 1, complete: 10 },
      completed: true,
      champions: ['https://github.com/alice'],
      contributions: {
        urls: [],
        entries: [
          {
            title: 'Guide',
            key: 'guide',
            contributors: ['https://github.com/bob'],
            timestampIso: '2021-03-02T10:00:00.000Z',
            weight: 3,
          },
        ],
      },
    },
  ]);
  write(root, 'config/dependencies.json', []);
  write(root, 'data/ledger.json', ledgerText);
  return root;
}

describe('instance/importSourcecred', () => {
  it("importSourcecred(instance folder) writes an instance whose balances are SourceCred's", async () => {
    const l = everyAction();
    const source = scInstance(l.serialize());
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'cred-sc-target-')), 'community');
    const result = await importSourcecred({ source, target }, runtime);
    expect(result.created).toBe(true);
    const instance = await openInstance(target, target);
    expect(instance.config.weekStart).toBe('sunday');
    expect(instance.config.plugins.github).toEqual({ repositories: ['example-org/widgets'] });
    expect(instance.config.plugins.discourse).toEqual({ serverUrl: FORUM });
    const balances = ledgerBalances(instance, runtime, true);
    const rate = parseGrainRate('1');
    for (const account of new Set(l.accounts())) {
      const row = balances.identities.find((r) => r.id === credIdFor(account.identity.id));
      expect(row?.paid).toBe(convertGrain(BigInt(account.paid), rate, 2).minor.toString());
      expect(row?.owed).toBe(convertGrain(BigInt(account.balance), rate, 2).minor.toString());
    }
    const weights = JSON.parse(readFileSync(path.join(target, 'weights/github.json'), 'utf8'));
    expect(weights.nodes['github/pull']).toBe(8);
    const discourse = JSON.parse(readFileSync(path.join(target, 'weights/discourse.json'), 'utf8'));
    expect(discourse.edges['discourse/likes']).toEqual({ forwards: 2, backwards: 0 });
    expect(result.weights.filter((row) => row.cred === null).map((row) => row.sourcecred)).toEqual([
      'sourcecred/discord/REACTION',
      'sourcecred/github/REPO/example-org/widgets',
    ]);
    const records = readContributionRecords(path.join(target, 'contributions'), target);
    expect(records.map((record) => [record.id, record.weight])).toEqual([
      ['initiative-docs', 10],
      ['initiative-docs-guide', 3],
    ]);
    const report = readFileSync(path.join(target, IMPORT_REPORT), 'utf8');
    expect(report).toContain(result.sha256);
    expect(result.aliasesByPlatform).toEqual({ discord: 1, discourse: 2, github: 1 });
    expect(result.notImported.map((item) => item.what)).toContain('config/dependencies.json');
  });

  it('importSourcecred(the same file twice) is refused and writes nothing', async () => {
    const source = scInstance(everyAction().serialize());
    const target = mkdtempSync(path.join(tmpdir(), 'cred-sc-twice-'));
    await importSourcecred({ source, target }, runtime);
    const before = readFileSync(path.join(target, 'data/ledger.jsonl'), 'utf8');
    await expect(importSourcecred({ source, target }, runtime)).rejects.toMatchObject({
      code: 'import_exists',
    });
    expect(readFileSync(path.join(target, 'data/ledger.jsonl'), 'utf8')).toBe(before);
  });

  it('importSourcecred(a truncated ledger) names the line and writes nothing', async () => {
    const text = everyAction().serialize();
    const source = scInstance(text.slice(0, text.length - 30));
    const target = mkdtempSync(path.join(tmpdir(), 'cred-sc-bad-'));
    const lines = text.trim().split('\n').length;
    await expect(importSourcecred({ source, target }, runtime)).rejects.toMatchObject({
      code: 'sourcecred_ledger_invalid',
      message: expect.stringContaining(`line ${lines} is cut off`),
    });
    expect(existsSync(path.join(target, 'cred.json'))).toBe(false);
    expect(existsSync(path.join(target, 'data'))).toBe(false);
  });
});

/**
 * Cross-platform identity, before the ledger merges accounts: an instance with the `files` and
 * `discourse` plugins where one person (river-kim) has an account on each. Built with the
 * instance layer (load, graphs, weights, proposals) and CredRank given an identity with both
 * aliases, as the ledger will give it; self-contained so it survives the ledger landing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { computeCredRank } from '../../src/core/credrank/credRank.js';
import type { Identity } from '../../src/core/identity.js';
import { identitiesFromProposals, identityIdFrom } from '../../src/core/identityIds.js';
import { SILENT_REPORTER } from '../../src/core/plugin.js';
import { totalCredOf } from '../../src/core/scores.js';
import {
  buildPluginGraphs,
  gatherIdentityProposals,
  unionGraph,
} from '../../src/instance/graphs.js';
import { initInstance } from '../../src/instance/init.js';
import { openInstance, type Runtime } from '../../src/instance/instance.js';
import { loadInstance } from '../../src/instance/load.js';
import { instanceWeights } from '../../src/instance/weights/weights.js';
import {
  startDiscourseStandIn,
  type DiscourseStandIn,
} from '../../src/replay/discourse/discourseStandIn.js';
import { fixtureForum } from '../../src/replay/discourse/testing/fixtureForum.js';
import { scratchDir } from './cli.js';

let standIn: DiscourseStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

const RUNTIME: Runtime = {
  env: {},
  reporter: SILENT_REPORTER,
  nowMs: () => Date.UTC(2026, 10, 2),
  sleep: async () => {},
};

const RECORDS = `- id: docs-sprint
  title: Led the October docs sprint
  date: 2026-10-14
  type: event
  contributors: [river-kim]
  weight: 3
- id: ledger-pr
  title: Wrote the ledger (the pull request the budget thread links)
  date: 2026-09-06
  type: code
  url: https://github.com/octo-org/cred-demo/pull/12
  contributors: [mira]
`;

describe('test/e2e/discourseIdentity', () => {
  it('one person with a files record and a forum account earns cred from both once the accounts are one identity', async () => {
    standIn = await startDiscourseStandIn(fixtureForum());
    const dir = path.join(scratchDir('cred-e2e-identity-'), 'community');
    initInstance(dir, { bare: true });
    mkdirSync(path.join(dir, 'contributions'), { recursive: true });
    writeFileSync(path.join(dir, 'contributions', 'events.yaml'), RECORDS);
    writeFileSync(
      path.join(dir, 'cred.json'),
      JSON.stringify({
        type: 'cred/instance',
        version: 1,
        name: 'community',
        currency: 'USD',
        plugins: { files: {}, discourse: { serverUrl: standIn.serverUrl } },
      }),
    );
    const instance = await openInstance(dir);
    await loadInstance(instance, RUNTIME);
    const graphs = await buildPluginGraphs(instance, RUNTIME);
    const graph = unionGraph(graphs);
    const weights = instanceWeights(instance);
    // The forum post linking the pull request now points at the record carrying its url.
    const linked = [...graph.edges()].filter(
      (e) => e.dst === 'files/contribution/code/ledger-pr' && e.src.startsWith('discourse/'),
    );
    expect(linked.map((e) => e.src)).toEqual(['discourse/post/governance/1002']);
    const separate = identitiesFromProposals(await gatherIdentityProposals(instance, RUNTIME));
    const aliases = ['files/person/river-kim', 'discourse/user/2'];
    const accounts = separate.filter((identity) => aliases.includes(identity.aliases[0]!));
    expect(accounts.map((identity) => identity.name).sort()).toEqual([
      'river-kim',
      'river-kim-files',
    ]);
    const river: Identity = {
      id: identityIdFrom('river-kim'),
      name: 'river-kim',
      type: 'user',
      aliases: accounts.flatMap((identity) => identity.aliases),
    };
    const merged = [...separate.filter((identity) => !accounts.includes(identity)), river];

    const credOf = (identities: readonly Identity[], id: string) => {
      const result = computeCredRank(graph, weights, identities);
      return totalCredOf(result.credByIdentity[identities.findIndex((i) => i.id === id)]!);
    };
    const fromFiles = credOf(
      separate,
      accounts.find((a) => a.aliases[0]!.startsWith('files/'))!.id,
    );
    const fromForum = credOf(
      separate,
      accounts.find((a) => a.aliases[0]!.startsWith('discourse/'))!.id,
    );
    const both = credOf(merged, river.id);
    expect(fromFiles).toBeGreaterThan(1);
    expect(fromForum).toBeGreaterThan(1);
    expect(both).toBeGreaterThan(Math.max(fromFiles, fromForum));
    expect(Math.abs(both - (fromFiles + fromForum)) / (fromFiles + fromForum)).toBeLessThan(0.05);

    const result = computeCredRank(graph, weights, merged);
    const total = result.credByIdentity.reduce((sum, weekly) => sum + totalCredOf(weekly), 0);
    expect(total).toBeCloseTo(result.totalMint, 6);
    // The forum's weeks (September) and the record's week (October) both pay river-kim.
    const weekly = result.credByIdentity[merged.indexOf(river)]!;
    const weekOf = (iso: string) =>
      result.weekStartsMs.findIndex(
        (start) => start <= Date.parse(iso) && Date.parse(iso) < start + 7 * 86_400_000,
      );
    expect(weekly[weekOf('2026-09-08T00:00:00Z')]).toBeGreaterThan(0.5);
    expect(weekly[weekOf('2026-10-14T00:00:00Z')]).toBeGreaterThan(1);
  });
});

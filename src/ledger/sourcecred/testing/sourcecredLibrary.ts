/**
 * SourceCred's own Ledger (the `sourcecred@0.11.2` bundle, a devDependency), for tests that
 * build SourceCred ledgers with SourceCred and check the importer against what it computes.
 * Test-only: nothing the CLI runs imports this file. The bundle requires `better-sqlite3`
 * lazily (only its GitHub, Discourse and Discord mirrors use it), so loading it needs no SQLite.
 */
import { createRequire } from 'node:module';

export interface ScAccountView {
  readonly identity: { readonly id: string; readonly name: string };
  readonly paid: string;
  readonly balance: string;
  readonly active: boolean;
}

export interface ScLedgerApi {
  createIdentity(type: string, name: string): string;
  renameIdentity(id: string, name: string): ScLedgerApi;
  changeIdentityType(id: string, type: string): ScLedgerApi;
  addAlias(id: string, alias: { address: string; description: string }): ScLedgerApi;
  mergeIdentities(opts: { base: string; target: string }): ScLedgerApi;
  activate(id: string): ScLedgerApi;
  deactivate(id: string): ScLedgerApi;
  distributeGrain(distribution: unknown): ScLedgerApi;
  transferGrain(opts: {
    from: string;
    to: string;
    amount: string;
    memo: string | null;
  }): ScLedgerApi;
  setPayoutAddress(
    id: string,
    address: string | null,
    chainId: string,
    token?: string,
  ): ScLedgerApi;
  enableIntegrationTracking(): ScLedgerApi;
  disableIntegrationTracking(): ScLedgerApi;
  markDistributionExecuted(id: string): ScLedgerApi;
  enableAccounting(): ScLedgerApi;
  disableAccounting(): ScLedgerApi;
  setExternalCurrency(chainId: string, token?: string): ScLedgerApi;
  removeExternalCurrency(): ScLedgerApi;
  account(id: string): ScAccountView;
  accounts(): readonly ScAccountView[];
  serialize(): string;
}

interface Bundle {
  sourcecred: {
    ledger: { ledger: { Ledger: { new (): ScLedgerApi; parse(text: string): ScLedgerApi } } };
    core: { graph: { NodeAddress: { fromParts(parts: readonly string[]): string } } };
  };
}

const bundle = createRequire(import.meta.url)('sourcecred/dist/server/api.js') as Bundle;

export const ScLedgerClass = bundle.sourcecred.ledger.ledger.Ledger;
export const scNodeAddress = (parts: readonly string[]): string =>
  bundle.sourcecred.core.graph.NodeAddress.fromParts(parts);

/** A SourceCred uuid (22 base64 characters) derived from `n`, for distribution ids. */
export function scUuid(n: number): string {
  return Buffer.from(String(n).padStart(16, '0')).toString('base64').slice(0, 22);
}

let next = 1;
/** A one-allocation IMMEDIATE distribution paying `amounts` (atto-grain strings). */
export function scDistribution(amounts: readonly (readonly [string, bigint])[], credMs: number) {
  const budget = amounts.reduce((sum, [, amount]) => sum + amount, 0n);
  return {
    id: scUuid(next++),
    credTimestamp: credMs,
    allocations: [
      {
        id: scUuid(next++),
        policy: { policyType: 'IMMEDIATE', budget: budget.toString(), numIntervalsLookback: 1 },
        receipts: amounts.map(([id, amount]) => ({ id, amount: amount.toString() })),
      },
    ],
  };
}

interface ScCommunity {
  readonly users: number;
  readonly nodes: readonly { parts: string[]; timestampMs: number | null }[];
  readonly edges: readonly { parts: string[]; src: string[]; dst: string[]; timestampMs: number }[];
}

/**
 * SourceCred's own CredRank (api.credrank.credrank) on a community with the weights of
 * core/testing/graphs.ts's TEST_WEIGHTS: each user's total cred and cred per week (by start).
 */
export async function scCredRank(
  community: ScCommunity,
): Promise<Map<string, { total: number; weeks: { startMs: number; cred: number }[] }>> {
  const sc = (bundle as unknown as { sourcecred: Record<string, any> }).sourcecred; // eslint-disable-line @typescript-eslint/no-explicit-any
  const { NodeAddress, EdgeAddress, Graph } = sc.core.graph;
  const graph = new Graph();
  for (const n of community.nodes)
    graph.addNode({
      address: NodeAddress.fromParts(n.parts),
      description: 'x',
      timestampMs: n.timestampMs,
    });
  for (const e of community.edges)
    graph.addEdge({
      address: EdgeAddress.fromParts(e.parts),
      src: NodeAddress.fromParts(e.src),
      dst: NodeAddress.fromParts(e.dst),
      timestampMs: e.timestampMs,
    });
  const weights = sc.core.weights.empty();
  weights.nodeWeights.set(NodeAddress.fromParts(['t', 'contribution']), 1);
  weights.nodeWeights.set(NodeAddress.fromParts(['t', 'user']), 0);
  weights.edgeWeights.set(EdgeAddress.fromParts(['t', 'authors']), { forwards: 0.5, backwards: 1 });
  weights.edgeWeights.set(EdgeAddress.fromParts(['t', 'reacts']), {
    forwards: 1,
    backwards: 1 / 16,
  });
  weights.edgeWeights.set(EdgeAddress.fromParts(['t', 'references']), {
    forwards: 1,
    backwards: 0,
  });
  const ledger = new ScLedgerClass();
  const names = new Map<string, string>();
  for (let u = 0; u < community.users; u++) {
    const id = ledger.createIdentity('USER', `u${u}`);
    names.set(id, `u${u}`);
    ledger.addAlias(id, {
      address: NodeAddress.fromParts(['t', 'user', `u${u}`]),
      description: 'x',
    });
  }
  const { credGraph } = await sc.api.credrank.credrank({
    pluginGraphs: [{ graph, weights }],
    ledger,
    dependencies: [],
    weightOverrides: sc.core.weights.empty(),
    personalAttributions: [],
  });
  const intervals = credGraph.intervals() as { startTimeMs: number }[];
  const result = new Map<string, { total: number; weeks: { startMs: number; cred: number }[] }>();
  for (const participant of credGraph.participants()) {
    const weeks = (participant.credPerInterval as number[]).map((cred, t) => ({
      startMs: intervals[t]!.startTimeMs,
      cred,
    }));
    result.set(names.get(participant.id)!, { total: participant.cred, weeks });
  }
  return result;
}

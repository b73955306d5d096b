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

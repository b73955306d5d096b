/**
 * A month's batch as a Safe Transaction Builder file, for a committee that holds the token (or
 * its minter role) in a Safe multisig: the signers import it in Safe{Wallet}'s Transaction
 * Builder, which bundles the calls into one multisend transaction that the Safe's threshold of
 * owners (2 of 3, say) must sign. Field names follow the builder's BatchFile model (version,
 * chainId as a string, createdAt in ms, meta, transactions with to, value, data,
 * contractMethod, contractInputsValues). `meta.checksum` is the builder's own: keccak-256 of
 * its key-sorted serialization of the file without the checksum and with `meta.name` null, so
 * the builder can tell an edited file. Only entries still pending are listed.
 */
import { keccak256, toUtf8Bytes } from 'ethers';
import { compareStrings } from '../../core/canonicalJson.js';
import { KTOKEN_INTERFACE } from './chain.js';
import type { KtokenBatch } from './records.js';

export interface SafeContractInput {
  readonly internalType: string;
  readonly name: string;
  readonly type: string;
}

export interface SafeBatchTransaction {
  readonly to: string;
  readonly value: string;
  readonly data: string;
  readonly contractMethod: {
    readonly inputs: readonly SafeContractInput[];
    readonly name: string;
    readonly payable: boolean;
  };
  readonly contractInputsValues: { readonly to: string; readonly amount: string };
}

export interface SafeBatchFile {
  readonly version: string;
  readonly chainId: string;
  readonly createdAt: number;
  readonly meta: {
    readonly name: string;
    readonly description: string;
    readonly createdFromSafeAddress: string;
    readonly checksum?: string;
  };
  readonly transactions: readonly SafeBatchTransaction[];
}

/**
 * The builder's serialization: objects as `{` + their sorted keys as a JSON array + each value
 * followed by a comma + `}`, arrays as their elements joined by commas, the rest as JSON
 * (undefined as null).
 */
export function safeBuilderSerialize(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(safeBuilderSerialize).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const values = keys.map(
      (key) => `${safeBuilderSerialize((value as Record<string, unknown>)[key])},`,
    );
    return `{${JSON.stringify(keys)}${values.join('')}}`;
  }
  return JSON.stringify(value === undefined ? null : value);
}

/** The checksum the Transaction Builder expects in `meta.checksum`. */
export function safeBatchChecksum(file: SafeBatchFile): string {
  const { checksum: _ignored, ...meta } = file.meta;
  return keccak256(toUtf8Bytes(safeBuilderSerialize({ ...file, meta: { ...meta, name: null } })));
}

const INPUTS: readonly SafeContractInput[] = [
  { internalType: 'address', name: 'to', type: 'address' },
  { internalType: 'uint256', name: 'amount', type: 'uint256' },
];

export function safeBatchFile(batch: KtokenBatch, symbol: string): SafeBatchFile {
  const pending = [...batch.entries.values()]
    .filter((entry) => entry.status === 'pending')
    .sort((a, b) => compareStrings(a.identityId, b.identityId));
  const transactions = pending.map((entry) => ({
    to: batch.token,
    value: '0',
    data: KTOKEN_INTERFACE.encodeFunctionData(batch.method, [entry.address, entry.amount]),
    contractMethod: { inputs: INPUTS, name: batch.method, payable: false },
    contractInputsValues: { to: entry.address, amount: entry.amount.toString() },
  }));
  const file: SafeBatchFile = {
    version: '1.0',
    chainId: String(batch.chainId),
    createdAt: batch.plannedMs,
    meta: {
      name: `KToken ${batch.month}`,
      description: `${batch.method} ${symbol} to ${pending.length} contributor(s) for ${batch.month} (cred batch ${batch.id})`,
      createdFromSafeAddress: batch.safe ?? '',
    },
    transactions,
  };
  return { ...file, meta: { ...file.meta, checksum: safeBatchChecksum(file) } };
}

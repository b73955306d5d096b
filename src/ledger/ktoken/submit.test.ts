import { AbiCoder, keccak256 } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityId } from '../../core/identity.js';
import type { LedgerStore } from '../store.js';
import { connectKtokenChain, type KtokenChain } from './chain.js';
import { planKtoken, type KtokenPlanSettings } from './plan.js';
import { submitBatch, type SubmitOptions } from './submit.js';
import { startTestEvm, type TestEvm } from './testing/evm.js';
import { monthEvents, storeWith, type Person } from './testing/ledger.js';

const PEOPLE: Person[] = [
  {
    id: 'id-ana',
    name: 'octo-ana',
    cred: 4,
    address: '0x1111111111111111111111111111111111111111',
  },
  {
    id: 'id-kim',
    name: 'river-kim',
    cred: 3,
    address: '0x2222222222222222222222222222222222222222',
  },
  {
    id: 'id-max',
    name: 'max-fern',
    cred: 2,
    address: '0x3333333333333333333333333333333333333333',
  },
  { id: 'id-lou', name: 'lou-sky', cred: 1, address: null },
];
const BATCH = 'ktoken-2026-10';
const EXPECTED: Record<string, bigint> = {
  '0x1111111111111111111111111111111111111111': 4000n,
  '0x2222222222222222222222222222222222222222': 3000n,
  '0x3333333333333333333333333333333333333333': 2000n,
};

const options: SubmitOptions = {
  chunkSize: 1,
  confirmations: 1,
  pollIntervalMs: 1,
  receiptTimeoutMs: 1_000,
  sleep: () => Promise.resolve(),
  nowMs: () => 0,
};

type Hook = (count: number, phase: 'before' | 'after') => Promise<void>;

/** Wraps a chain so that `hook` runs before and after each broadcast (1-based count). */
function aroundBroadcast(chain: KtokenChain, hook: Hook): KtokenChain {
  let count = 0;
  return {
    sender: chain.sender,
    latestBlock: () => chain.latestBlock(),
    nonce: (address, tag) => chain.nonce(address, tag),
    preflight: (transfers) => chain.preflight(transfers),
    sign: (transfers, nonce) => chain.sign(transfers, nonce),
    receipt: (hash) => chain.receipt(hash),
    close: () => chain.close(),
    async broadcast(raw) {
      count++;
      await hook(count, 'before');
      await chain.broadcast(raw);
      await hook(count, 'after');
    },
  };
}

/** A chain whose `n`th broadcast crashes before or after reaching the node. */
function crashingOn(chain: KtokenChain, n: number, when: 'before' | 'after'): KtokenChain {
  return aroundBroadcast(chain, async (count, phase) => {
    if (count === n && phase === when) throw new Error(`crash ${when} broadcasting`);
  });
}

describe('ledger/ktoken/submit', () => {
  let evm: TestEvm;
  let ownerKey: string;

  beforeAll(async () => {
    evm = await startTestEvm();
    ownerKey = (await evm.wallet('submit-owner')).privateKey;
  });
  afterAll(() => evm.close());

  /** A new token and a ledger with the month planned in mode direct at 1000 units per cred. */
  async function setup(
    method: 'mint' | 'transfer' = 'mint',
  ): Promise<{ store: LedgerStore; chain: KtokenChain; token: string }> {
    const owner = await evm.wallet('submit-owner');
    const supply = method === 'transfer' ? 9000n : 0n;
    const token = await evm.deploy('MintableToken', owner, [0, supply]);
    const settings: KtokenPlanSettings = {
      token,
      chainId: evm.chainId,
      decimals: 0,
      method,
      mode: 'direct',
      safe: null,
      amounts: { ratePerCred: '1000' },
    };
    const store = await storeWith(monthEvents(PEOPLE));
    const plan = planKtoken(store.read().state, '2026-10', settings);
    await store.append(() => [plan.event]);
    const chain = await connectKtokenChain(
      { rpcUrl: evm.url, chainId: evm.chainId, token, method, timeoutMs: 5_000 },
      ownerKey,
    );
    return { store, chain, token };
  }

  async function balances(token: string): Promise<Record<string, bigint>> {
    const result: Record<string, bigint> = {};
    for (const address of Object.keys(EXPECTED))
      result[address] = await evm.balanceOf(token, address);
    return result;
  }

  const sends = () => evm.calls.filter((method) => method === 'eth_sendRawTransaction').length;

  it('submitBatch(store, chain, batch, options) sends each recipient its amount once; a re-run sends nothing', async () => {
    const { store, chain, token } = await setup();
    const before = sends();
    const first = await submitBatch(store, chain, BATCH, options);
    expect(first.sent.map((s) => s.identityId).sort()).toEqual(['id-ana', 'id-kim', 'id-max']);
    expect(await balances(token)).toEqual(EXPECTED);
    expect(sends() - before).toBe(3);
    const lines = store.read().lineCount;
    const again = await submitBatch(store, chain, BATCH, options);
    expect(again).toEqual({ sent: [], recovered: [], failedAttempts: 0 });
    expect(sends() - before).toBe(3);
    expect(store.read().lineCount).toBe(lines);
    const batch = store.read().state.ktoken.batches.get(BATCH)!;
    expect([...batch.entries.values()].every((entry) => entry.status === 'sent')).toBe(true);
    expect(store.read().state.ktoken.owed.get('id-lou' as IdentityId)).toBe(1000n);
    chain.close();
  });

  it('submitBatch(...) after a crash between broadcast and record confirms the mined transaction and sends only the rest', async () => {
    const { store, chain, token } = await setup();
    await expect(submitBatch(store, crashingOn(chain, 2, 'after'), BATCH, options)).rejects.toThrow(
      /crash after broadcasting/,
    );
    const batch = store.read().state.ktoken.batches.get(BATCH)!;
    expect([...batch.attempts.values()].map((a) => a.status)).toEqual(['mined', 'signed']);
    const before = sends();
    const messages: string[] = [];
    const progress = (message: string) => void messages.push(message);
    const rerun = await submitBatch(store, chain, BATCH, { ...options, progress });
    expect(messages).toEqual([
      'ktoken: settling 1 transaction(s) an earlier run left open',
      'ktoken: sending transactions 1-1 of 1',
    ]);
    expect(rerun.recovered.map((s) => s.identityId)).toEqual(['id-kim']);
    expect(rerun.sent.map((s) => s.identityId)).toEqual(['id-max']);
    expect(sends() - before).toBe(1);
    expect(await balances(token)).toEqual(EXPECTED);
    chain.close();
  });

  it('submitBatch(...) after a crash between record and broadcast broadcasts the very same transaction', async () => {
    const { store, chain, token } = await setup();
    await expect(
      submitBatch(store, crashingOn(chain, 1, 'before'), BATCH, options),
    ).rejects.toThrow(/crash before broadcasting/);
    const [recorded] = store.read().state.ktoken.batches.get(BATCH)!.attempts.values();
    const rerun = await submitBatch(store, chain, BATCH, options);
    expect(rerun.recovered.map((s) => s.hash)).toEqual([recorded!.hash]);
    expect(rerun.sent).toHaveLength(2);
    expect(await balances(token)).toEqual(EXPECTED);
    chain.close();
  });

  it('submitBatch(...) marks an attempt whose nonce went to another transaction dropped, and sends again', async () => {
    const { store, chain, token } = await setup();
    await expect(
      submitBatch(store, crashingOn(chain, 1, 'before'), BATCH, options),
    ).rejects.toThrow();
    const owner = await evm.wallet('submit-owner');
    await (await owner.sendTransaction({ to: owner.address, value: 1n })).wait();
    const rerun = await submitBatch(store, chain, BATCH, options);
    expect(rerun.failedAttempts).toBe(1);
    expect(rerun.sent).toHaveLength(3);
    const statuses = [...store.read().state.ktoken.batches.get(BATCH)!.attempts.values()].map(
      (a) => a.status,
    );
    expect(statuses).toEqual(['dropped', 'mined', 'mined', 'mined']);
    expect(await balances(token)).toEqual(EXPECTED);
    chain.close();
  });

  it('submitBatch(...) interrupted by the node hanging up after it took a transaction completes the rest only', async () => {
    const { store, chain, token } = await setup();
    evm.inject('eth_sendRawTransaction', 'forward-then-hang-up');
    const error = await submitBatch(store, chain, BATCH, { ...options, chunkSize: 10 }).catch(
      (thrown: unknown) => thrown,
    );
    expect((error as { code?: string }).code).toBe('KTOKEN_RPC_UNREACHABLE');
    const rerun = await submitBatch(store, chain, BATCH, { ...options, chunkSize: 10 });
    expect(rerun.recovered.map((s) => s.identityId).sort()).toEqual(['id-ana', 'id-kim', 'id-max']);
    expect(rerun.sent).toEqual([]);
    expect(await balances(token)).toEqual(EXPECTED);
    chain.close();
  });

  it('submitBatch(...) records a transfer that reverted on chain, stops, and retries it on the next run', async () => {
    const { store, chain, token } = await setup('transfer');
    const owner = (await evm.wallet('submit-owner')).address;
    // The owner's balance slot (mapping at slot 1): the token's state changes under us.
    const slot = keccak256(AbiCoder.defaultAbiCoder().encode(['address', 'uint256'], [owner, 1]));
    const setBalance = (units: bigint) =>
      evm.provider.request({
        method: 'hardhat_setStorageAt',
        params: [token, slot, `0x${units.toString(16).padStart(64, '0')}`],
      });
    const draining = aroundBroadcast(chain, async (count, phase) => {
      if (count === 2 && phase === 'before') await setBalance(0n);
    });
    const error = await submitBatch(store, draining, BATCH, options).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('KTOKEN_TX_FAILED');
    await setBalance(5000n);
    const rerun = await submitBatch(store, chain, BATCH, options);
    expect(rerun.sent.map((s) => s.identityId)).toEqual(['id-kim', 'id-max']);
    const attempts = [...store.read().state.ktoken.batches.get(BATCH)!.attempts.values()];
    expect(attempts.map((a) => a.status)).toEqual(['mined', 'reverted', 'mined', 'mined']);
    expect(await balances(token)).toEqual(EXPECTED);
    chain.close();
  });

  it('submitBatch(...) leaves transactions not mined in time open, and confirms them on the next run', async () => {
    const { store, chain, token } = await setup();
    let clockMs = 0;
    const patient: SubmitOptions = {
      ...options,
      chunkSize: 10,
      pollIntervalMs: 10,
      receiptTimeoutMs: 50,
      nowMs: () => clockMs,
      sleep: async (ms) => void (clockMs += ms),
    };
    await evm.provider.request({ method: 'evm_setAutomine', params: [false] });
    const error = await submitBatch(store, chain, BATCH, patient)
      .catch((e: unknown) => e)
      .finally(() => evm.provider.request({ method: 'evm_setAutomine', params: [true] }));
    expect((error as { code?: string }).code).toBe('KTOKEN_NOT_MINED');
    expect(clockMs).toBe(50);
    await evm.provider.request({ method: 'evm_mine', params: [] });
    const before = sends();
    const rerun = await submitBatch(store, chain, BATCH, options);
    expect(rerun.recovered).toHaveLength(3);
    expect(sends() - before).toBe(0);
    expect(await balances(token)).toEqual(EXPECTED);
    chain.close();
  });

  it('submitBatch(...) that cannot pay for gas when broadcasting fails with KTOKEN_UNFUNDED and records nothing as sent', async () => {
    const { store, chain, token } = await setup();
    const owner = (await evm.wallet('submit-owner')).address;
    const broke = aroundBroadcast(chain, async (count, phase) => {
      if (count === 1 && phase === 'before')
        await evm.provider.request({ method: 'hardhat_setBalance', params: [owner, '0x0'] });
    });
    const error = await submitBatch(store, broke, BATCH, options).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('KTOKEN_UNFUNDED');
    expect(store.read().state.ktoken.sent.size).toBe(0);
    await evm.wallet('submit-owner');
    const rerun = await submitBatch(store, chain, BATCH, options);
    expect(rerun.recovered).toHaveLength(1);
    expect(rerun.sent).toHaveLength(2);
    expect(await balances(token)).toEqual(EXPECTED);
    chain.close();
  });
});

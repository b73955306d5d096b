import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayoutError } from '../../core/errors.js';
import { connectKtokenChain, type ChainSettings } from './chain.js';
import { parsePrivateKey, shownEndpoint } from './chainErrors.js';
import { startTestEvm, type TestEvm } from './testing/evm.js';

const RECIPIENT = '0x3333333333333333333333333333333333333333';

async function failure(promise: Promise<unknown>): Promise<PayoutError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PayoutError);
  return error as PayoutError;
}

describe('ledger/ktoken/chain', () => {
  let evm: TestEvm;
  let settings: ChainSettings;
  let ownerKey: string;
  let mintable: string;
  let preminted: string;

  beforeAll(async () => {
    evm = await startTestEvm();
    const owner = await evm.wallet('chain-owner');
    ownerKey = owner.privateKey;
    mintable = await evm.deploy('MintableToken', owner, [18, 1000n]);
    preminted = await evm.deploy('PremintedToken', owner, [500n]);
    settings = {
      rpcUrl: evm.url,
      chainId: evm.chainId,
      token: mintable,
      method: 'mint',
      timeoutMs: 5_000,
    };
  });
  afterAll(() => evm.close());

  it('connectKtokenChain(settings, key) signs without broadcasting; broadcast and receipt deliver', async () => {
    const chain = await connectKtokenChain(settings, ownerKey);
    try {
      await chain.preflight([{ to: RECIPIENT, amount: 7n }]);
      const nonce = await chain.nonce(chain.sender as string, 'pending');
      const [signed] = await chain.sign([{ to: RECIPIENT, amount: 7n }], nonce);
      expect(await chain.receipt(signed!.hash)).toBeNull();
      await chain.broadcast(signed!.raw);
      await chain.broadcast(signed!.raw);
      const receipt = await chain.receipt(signed!.hash);
      expect(receipt?.success).toBe(true);
      expect(receipt?.transfers).toEqual([
        { from: '0x0000000000000000000000000000000000000000', to: RECIPIENT, value: 7n },
      ]);
      expect(await evm.balanceOf(mintable, RECIPIENT)).toBe(7n);
    } finally {
      chain.close();
    }
  });

  it('connectKtokenChain(settings) fails with KTOKEN_RPC_UNREACHABLE on a closed port, naming only the origin', async () => {
    const error = await failure(
      connectKtokenChain({ ...settings, rpcUrl: 'http://127.0.0.1:9/v3/secret-api-key' }),
    );
    expect(error.code).toBe('KTOKEN_RPC_UNREACHABLE');
    expect(error.message).toContain('http://127.0.0.1:9/…');
    expect(error.message).not.toContain('secret-api-key');
  });

  it('connectKtokenChain(settings) fails with KTOKEN_WRONG_CHAIN when the node serves another chain', async () => {
    const error = await failure(connectKtokenChain({ ...settings, chainId: 11155111 }));
    expect(error.code).toBe('KTOKEN_WRONG_CHAIN');
    expect(error.message).toMatch(/serves chain 31337, not .* 11155111/);
  });

  it('chain.preflight(transfers) names a missing contract, a missing function and a reverting call', async () => {
    const cases: [Partial<ChainSettings>, string, string][] = [
      [{ token: RECIPIENT }, ownerKey, 'KTOKEN_NO_CONTRACT'],
      [{ token: preminted, method: 'mint' }, ownerKey, 'KTOKEN_NO_FUNCTION'],
      [
        { token: preminted, method: 'transfer' },
        (await evm.wallet('stranger')).privateKey,
        'KTOKEN_CALL_REVERTS',
      ],
      [{ token: preminted, method: 'transfer' }, ownerKey, 'KTOKEN_INSUFFICIENT_TOKENS'],
    ];
    for (const [change, key, code] of cases) {
      const chain = await connectKtokenChain({ ...settings, ...change }, key);
      const transfers = [
        { to: RECIPIENT, amount: 300n },
        { to: RECIPIENT, amount: 300n },
      ];
      const error = await failure(chain.preflight(transfers)).finally(() => chain.close());
      expect(error.code).toBe(code);
    }
  });

  it('chain.preflight(transfers) fails with KTOKEN_UNFUNDED for an account without gas money', async () => {
    const poor = await evm.wallet('poor-owner', 0n);
    const rich = await evm.wallet('rich-owner');
    const token = await evm.deploy('MintableToken', rich, [18, 0n]);
    const chain = await connectKtokenChain(
      { ...settings, token, method: 'transfer' },
      poor.privateKey,
    );
    await chain.preflight([]);
    const error = await failure(chain.preflight([{ to: RECIPIENT, amount: 0n }])).finally(() =>
      chain.close(),
    );
    expect(error.code).toBe('KTOKEN_UNFUNDED');
  });

  it('chain.preflight(transfers) reports a node error as KTOKEN_RPC_ERROR; without a key it only checks the method exists', async () => {
    const chain = await connectKtokenChain(settings, ownerKey);
    evm.inject('eth_getCode', 'error');
    const error = await failure(chain.preflight([{ to: RECIPIENT, amount: 1n }]));
    expect(error.code).toBe('KTOKEN_RPC_ERROR');
    expect(error.message).toContain('injected fault in eth_getCode');
    chain.close();
    const keyless = await connectKtokenChain({ ...settings, token: preminted, method: 'transfer' });
    await keyless.preflight([{ to: RECIPIENT, amount: 10n ** 30n }]);
    keyless.close();
    const noMint = await connectKtokenChain({ ...settings, token: preminted });
    const missing = await failure(noMint.preflight([{ to: RECIPIENT, amount: 1n }]));
    expect(missing.code).toBe('KTOKEN_NO_FUNCTION');
    noMint.close();
  });

  it('parsePrivateKey(text) accepts 64 hex digits and never echoes a bad key', () => {
    expect(parsePrivateKey(undefined)).toBeUndefined();
    expect(parsePrivateKey('ab'.repeat(32))).toBe(`0x${'ab'.repeat(32)}`);
    expect(() => parsePrivateKey('not-a-key-but-secret')).toThrow(/not a private key/);
    try {
      parsePrivateKey('not-a-key-but-secret');
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('secret');
    }
    expect(shownEndpoint('https://node.example/')).toBe('https://node.example');
    expect(shownEndpoint('nonsense')).toBe('(unparsable URL)');
  });
});

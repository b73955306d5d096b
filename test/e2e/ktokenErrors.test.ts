import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEvm, type TestEvm } from '../../src/ledger/ktoken/testing/evm.js';
import type { KtokenResult } from '../../src/instance/ktoken/ktoken.js';
import { credJson } from './cli.js';
import { copyWith, finalizedInstance, ledgerText, MONTH } from './ktokenHarness.js';

interface ErrorJson {
  error: { name: string; code: string; message: string; suggestions: string[] };
}

describe('test/e2e/ktokenErrors', () => {
  let evm: TestEvm;
  let template: string;
  let key: string;
  let token: string;

  beforeAll(async () => {
    [evm, template] = await Promise.all([startTestEvm(), finalizedInstance()]);
    const owner = await evm.wallet('e2e-errors-owner');
    key = owner.privateKey;
    token = await evm.deploy('MintableToken', owner, [18, 0n]);
  });
  afterAll(() => evm.close());

  const settings = (extra: Record<string, unknown> = {}) => ({
    token,
    chainId: evm.chainId,
    rpcUrl: evm.url,
    mode: 'direct',
    method: 'mint',
    amounts: { ratePerCred: '10' },
    ...extra,
  });

  /** Runs cred ktoken, expecting `code`; checks nothing was recorded or written. */
  async function fails(
    extra: Record<string, unknown>,
    code: string,
    env = { KTOKEN_PRIVATE_KEY: key },
  ) {
    const dir = copyWith(template, settings(extra));
    const before = ledgerText(dir);
    const run = await credJson<ErrorJson>(['ktoken', '--month', MONTH, '-q'], dir, env);
    expect(run.json.error?.code, run.stderr).toBe(code);
    expect(ledgerText(dir)).toBe(before);
    expect(existsSync(path.join(dir, 'output', 'ktoken'))).toBe(false);
    return run;
  }

  it('cred ktoken with a bad RPC URL exits 6 naming the endpoint (never its path), recording nothing', async () => {
    const run = await fails(
      { rpcUrl: 'http://127.0.0.1:9/v3/api-key-in-path' },
      'KTOKEN_RPC_UNREACHABLE',
    );
    expect(run.code).toBe(6);
    expect(run.json.error.message).not.toContain('api-key-in-path');
    expect(run.json.error.suggestions.join(' ')).toContain('Nothing was recorded as sent');
  });

  it('cred ktoken against a node of another chain fails with KTOKEN_WRONG_CHAIN, recording nothing', async () => {
    await fails({ chainId: 11155111 }, 'KTOKEN_WRONG_CHAIN');
  });

  it('cred ktoken from an account without the tokens or the gas money fails clearly, recording nothing', async () => {
    const poor = await evm.wallet('e2e-poor-owner', 0n);
    const rich = await evm.wallet('e2e-rich-deployer');
    const held = await evm.deploy('MintableToken', rich, [18, 10n ** 24n]);
    await fails({ token: held, method: 'transfer' }, 'KTOKEN_INSUFFICIENT_TOKENS', {
      KTOKEN_PRIVATE_KEY: poor.privateKey,
    });
    const owned = await evm.deploy('MintableToken', await evm.wallet('e2e-poor-owner'), [18, 0n]);
    await evm.provider.request({ method: 'hardhat_setBalance', params: [poor.address, '0x0'] });
    await fails({ token: owned }, 'KTOKEN_UNFUNDED', { KTOKEN_PRIVATE_KEY: poor.privateKey });
  });

  it('cred ktoken with a method the contract lacks fails with KTOKEN_NO_FUNCTION, recording nothing', async () => {
    const v3 = await evm.deploy('PremintedToken', await evm.wallet('e2e-errors-owner'), [
      10n ** 24n,
    ]);
    await fails({ token: v3, method: 'mint' }, 'KTOKEN_NO_FUNCTION');
  });

  it('cred ktoken without a key, or with a malformed one, fails with a config error that never echoes it', async () => {
    const missing = await fails({}, 'KTOKEN_KEY_MISSING', { KTOKEN_PRIVATE_KEY: '' });
    expect(missing.code).toBe(3);
    const secret = 'not-a-key-but-a-secret';
    const bad = await fails({}, 'KTOKEN_KEY_INVALID', { KTOKEN_PRIVATE_KEY: secret });
    expect(JSON.stringify(bad.json) + bad.stderr).not.toContain(secret);
  });

  it('cred ktoken --dry-run checks the chain without a key and writes nothing', async () => {
    const dir = copyWith(template, settings());
    const before = ledgerText(dir);
    const dry = await credJson<KtokenResult>(['ktoken', '--month', MONTH, '--dry-run', '-q'], dir, {
      KTOKEN_PRIVATE_KEY: '',
    });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json.action).toBe('dry-run');
    expect(dry.json.batch?.entries.map((e) => e.identity)).toEqual(['mira', 'tomas']);
    expect(ledgerText(dir)).toBe(before);
    expect(existsSync(path.join(dir, 'output', 'ktoken'))).toBe(false);
  });

  it('cred ktoken refuses to finish a batch under other settings than it was planned with', async () => {
    const dir = copyWith(template, settings({ mode: 'batch' }));
    expect((await credJson(['ktoken', '--month', MONTH, '-q'], dir)).code).toBe(0);
    const file = path.join(dir, 'cred.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...config, ktoken: settings({ mode: 'direct' }) }));
    const before = ledgerText(dir);
    const run = await credJson<ErrorJson>(['ktoken', '--month', MONTH, '-q'], dir, {
      KTOKEN_PRIVATE_KEY: key,
    });
    expect(run.json.error.code).toBe('KTOKEN_SETTINGS_CHANGED');
    expect(run.json.error.message).toContain('ktoken.mode');
    expect(ledgerText(dir)).toBe(before);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { defaultInstanceConfig } from '../config.js';
import { ktokenSettings } from './config.js';

const BASE = {
  token: '0x00000000000000000000000000000000000000aa',
  chainId: 11155111,
  amounts: { ratePerCred: '10' },
};
const settingsOf = (ktoken?: Record<string, unknown>) =>
  ktokenSettings({ ...defaultInstanceConfig('demo', 'USD'), ...(ktoken ? { ktoken } : {}) });

function refOf(ktoken?: Record<string, unknown>): string | undefined {
  try {
    settingsOf(ktoken);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).ref ?? (error as ConfigError).code;
  }
  return undefined;
}

describe('instance/ktokenConfig', () => {
  it('ktokenSettings(config) fills the defaults: batch files, transfer, 18 decimals, two approvers', () => {
    expect(settingsOf(BASE)).toMatchObject({
      mode: 'batch',
      method: 'transfer',
      decimals: 18,
      symbol: 'KTN',
      quotaApprovals: 2,
      safe: null,
      submit: { chunkSize: 10, confirmations: 1, pollIntervalMs: 4000, receiptTimeoutMs: 600_000 },
    });
  });

  it('ktokenSettings(config) names the field that is wrong or missing', () => {
    expect(refOf()).toBe('cred.json#ktoken');
    expect(refOf({ ...BASE, chainid: 1 })).toBe('cred.json (ktoken)#chainid');
    expect(refOf({ ...BASE, mode: 'safe' })).toBe('cred.json#ktoken.safe');
    expect(refOf({ ...BASE, mode: 'direct' })).toBe('cred.json#ktoken.rpcUrl');
    expect(refOf({ ...BASE, decimals: 0, amounts: { ratePerCred: '0.5' } })).toBe(
      'cred.json#ktoken.amounts.ratePerCred',
    );
    expect(refOf({ ...BASE, token: '0x52908400098527886e0F7030069857D2E4169EE7' })).toBe(
      'cred.json#ktoken.token',
    );
    expect(refOf({ ...BASE, rpcUrl: 'ftp://node.example' })).toBe('cred.json (ktoken)#rpcUrl');
  });

  it('ktokenSettings(config) checksums the token and Safe addresses', () => {
    const settings = settingsOf({
      ...BASE,
      token: '0x52908400098527886e0f7030069857d2e4169ee7',
      mode: 'safe',
      safe: '0x5afe00000000000000000000000000000000cafe',
    });
    expect(settings.token).toBe('0x52908400098527886E0F7030069857D2E4169EE7');
    expect(settings.safe).toBe('0x5AfE00000000000000000000000000000000cAfE');
  });
});

import { describe, expect, it } from 'vitest';
import {
  assert,
  ConfigError,
  CredError,
  InvariantError,
  LedgerError,
  PayoutError,
  PluginFetchError,
} from './errors.js';
import { CURRENCIES, isKnownCurrency, minorUnitDigits } from './currency.js';
import { SILENT_REPORTER } from './plugin.js';

describe('core/errors', () => {
  it('each error class keeps its code, name, suggestions and context', () => {
    const cause = new Error('socket closed');
    const fetchError = new PluginFetchError('GITHUB_HTTP', 'GitHub answered 502', {
      url: 'http://x/graphql',
      status: 502,
      cause,
      suggestions: ['Retry later.'],
    });
    expect(fetchError).toMatchObject({
      name: 'PluginFetchError',
      code: 'GITHUB_HTTP',
      url: 'http://x/graphql',
      status: 502,
      suggestions: ['Retry later.'],
    });
    expect(fetchError.cause).toBe(cause);
    expect(fetchError).toBeInstanceOf(CredError);
    expect(new ConfigError('C', 'm', { ref: 'cred.json#name' })).toMatchObject({
      name: 'ConfigError',
      ref: 'cred.json#name',
    });
    expect(new LedgerError('L', 'm').name).toBe('LedgerError');
    expect(new PayoutError('P', 'm').name).toBe('PayoutError');
    expect(new CredError('X', 'm')).toMatchObject({ suggestions: [], ref: undefined });
  });

  it('assert(condition) throws an InvariantError only when the condition fails', () => {
    expect(() => assert(1 + 1 === 2, 'arithmetic')).not.toThrow();
    expect(() => assert(false, 'broken promise')).toThrow(InvariantError);
    expect(() => assert(0, 'zero')).toThrow(
      expect.objectContaining({ code: 'INVARIANT', message: 'zero' }),
    );
  });

  it('currencies: Open Collective codes with their minor-unit digits', () => {
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('XYZ')).toBe(false);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('EUR')).toBe(2);
    expect(CURRENCIES.length).toBeGreaterThan(100);
    SILENT_REPORTER.progress('ignored');
    SILENT_REPORTER.warn('ignored');
  });
});

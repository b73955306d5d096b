import { describe, expect, it } from 'vitest';
import {
  assert,
  ConfigError,
  CredError,
  InvariantError,
  LedgerError,
  PayoutError,
  PluginFetchError,
  UsageError,
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

  it('instanceof knows an error of another copy of cred (a plugin) by its mark and name', () => {
    const foreignUsage = Object.assign(new Error('--month: not a month'), {
      name: 'UsageError',
      code: 'bad_month',
      suggestions: [],
      [Symbol.for('cred.CredError')]: true,
    });
    expect(foreignUsage instanceof CredError).toBe(true);
    expect(foreignUsage instanceof UsageError).toBe(true);
    expect(foreignUsage instanceof ConfigError).toBe(false);
    const unmarked = Object.assign(new Error('x'), { name: 'UsageError', code: 'c' });
    expect(unmarked instanceof CredError).toBe(false);
    expect(unmarked instanceof UsageError).toBe(false);
    expect(new UsageError('c', 'm') instanceof CredError).toBe(true);
    expect(new UsageError('c', 'm') instanceof ConfigError).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { formatMoney, toDecimal } from './money.js';

describe('ledger/money', () => {
  it('formatMoney(amount, currency) writes currency units, never cents', () => {
    expect(formatMoney(123456n, 'USD')).toBe('1234.56 USD');
    expect(formatMoney(5n, 'EUR')).toBe('0.05 EUR');
    expect(formatMoney(1234n, 'JPY')).toBe('1234 JPY');
    expect(formatMoney(-5n, 'USD')).toBe('-0.05 USD');
  });

  it('formatMoney(amount, undefined) names the unit when the currency is not known yet', () => {
    expect(formatMoney(1234n, undefined)).toBe('1234 minor units');
  });

  it('toDecimal(amount, digits) pads small amounts', () => {
    expect(toDecimal(7n, 3)).toBe('0.007');
  });
});

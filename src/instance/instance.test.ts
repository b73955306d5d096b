import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import { SILENT_REPORTER } from '../core/plugin.js';
import { clockFrom, processRuntime } from './instance.js';

describe('instance/instance', () => {
  it('clockFrom(env) starts at CRED_NOW and moves 1 ms per reading', () => {
    const now = clockFrom({ CRED_NOW: '2026-11-02T09:00:00Z' });
    const start = Date.UTC(2026, 10, 2, 9);
    expect([now(), now(), now()]).toEqual([start, start + 1, start + 2]);
    expect(clockFrom({ CRED_NOW: '2026-11-02T17:00:00+08:00' })()).toBe(start);
  });

  it('clockFrom(env) is the wall clock without CRED_NOW', () => {
    const before = Date.now();
    const reading = clockFrom({})();
    expect(reading).toBeGreaterThanOrEqual(before);
    expect(reading).toBeLessThanOrEqual(Date.now());
    expect(clockFrom({ CRED_NOW: ' ' })()).toBeGreaterThanOrEqual(before);
  });

  it('clockFrom(env) refuses a CRED_NOW that is not a date-time with a zone', () => {
    for (const value of ['yesterday', '2026-11-02', '2026-11-02T09:00:00']) {
      expect(() => clockFrom({ CRED_NOW: value })).toThrow(
        expect.objectContaining({ name: 'ConfigError', code: 'CRED_NOW_INVALID' }),
      );
    }
    expect(() => clockFrom({ CRED_NOW: 'soon' })).toThrow(ConfigError);
  });

  it('processRuntime(reporter, env) reads its clock from env', () => {
    const runtime = processRuntime(SILENT_REPORTER, { CRED_NOW: '2026-11-02T09:00:00Z' });
    expect(runtime.nowMs()).toBe(Date.UTC(2026, 10, 2, 9));
    expect(runtime.env.CRED_NOW).toBe('2026-11-02T09:00:00Z');
  });
});

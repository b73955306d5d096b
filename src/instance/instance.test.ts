import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import { SILENT_REPORTER } from '../core/plugin.js';
import { clockFrom, processRuntime } from './instance.js';

const START = Date.UTC(2026, 10, 2, 9);

describe('instance/instance', () => {
  it('clockFrom(env) starts at CRED_NOW and moves 1 ms per reading', () => {
    const { nowMs } = clockFrom({ CRED_NOW: '2026-11-02T09:00:00Z' });
    expect([nowMs(), nowMs(), nowMs()]).toEqual([START, START + 1, START + 2]);
    expect(clockFrom({ CRED_NOW: '2026-11-02T17:00:00+08:00' }).nowMs()).toBe(START);
  });

  it('clockFrom(env) with CRED_NOW moves the clock by each wait, which still takes real time', async () => {
    const { nowMs, sleep } = clockFrom({ CRED_NOW: '2026-11-02T09:00:00Z' });
    expect(nowMs()).toBe(START);
    const before = Date.now();
    await sleep(30);
    expect(Date.now() - before).toBeGreaterThanOrEqual(25);
    expect(nowMs()).toBe(START + 1 + 30);
  });

  it('clockFrom(env) with CRED_SKIP_WAITS=1 too: the clock moves, no real time passes', async () => {
    const { nowMs, sleep } = clockFrom({ CRED_NOW: '2026-11-02T09:00:00Z', CRED_SKIP_WAITS: '1' });
    expect(nowMs()).toBe(START);
    const before = Date.now();
    await sleep(3_600_000);
    expect(Date.now() - before).toBeLessThan(10_000);
    expect(nowMs()).toBe(START + 1 + 3_600_000);
    await sleep(-5);
    expect(nowMs()).toBe(START + 2 + 3_600_000);
  });

  it('clockFrom(env) with CRED_NOW gives the real clock for reset times, unless waits are skipped', () => {
    const { nowMs, wallMs } = clockFrom({ CRED_NOW: '2026-11-02T09:00:00Z' });
    const before = Date.now();
    expect(wallMs!()).toBeGreaterThanOrEqual(before);
    expect(nowMs()).toBe(START);
    const skipped = clockFrom({ CRED_NOW: '2026-11-02T09:00:00Z', CRED_SKIP_WAITS: '1' });
    expect(skipped.wallMs!()).toBe(START);
    expect(skipped.nowMs()).toBe(START + 1);
  });

  it('clockFrom(env) refuses CRED_SKIP_WAITS without CRED_NOW', () => {
    expect(() => clockFrom({ CRED_SKIP_WAITS: '1' })).toThrow(
      expect.objectContaining({ code: 'CRED_NOW_INVALID' }),
    );
  });

  it('clockFrom(env) is the wall clock without CRED_NOW', () => {
    const before = Date.now();
    const reading = clockFrom({}).nowMs();
    expect(reading).toBeGreaterThanOrEqual(before);
    expect(reading).toBeLessThanOrEqual(Date.now());
    expect(clockFrom({ CRED_NOW: ' ' }).nowMs()).toBeGreaterThanOrEqual(before);
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
    expect(runtime.nowMs()).toBe(START);
    expect(runtime.env.CRED_NOW).toBe('2026-11-02T09:00:00Z');
  });
});

import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer.js';

function clock() {
  const state = { nowMs: 1_000_000, sleeps: [] as number[] };
  return {
    state,
    nowMs: () => state.nowMs,
    sleep: async (ms: number) => {
      state.sleeps.push(ms);
      state.nowMs += ms;
    },
  };
}

describe('ledger/opencollective/pacer', () => {
  it('admit(kind) lets requests through until the per-minute budget is spent, then waits for the window', async () => {
    const c = clock();
    const pacer = new Pacer({ ...c, requestsPerMinute: 3, draftIntervalMs: 10_000 });
    for (let k = 0; k < 3; k++) await pacer.admit('query');
    expect(c.state.sleeps).toEqual([]);
    c.state.nowMs += 5_000;
    await pacer.admit('mutation');
    // The first request left the 61-second window 61 s after it was sent.
    expect(c.state.sleeps).toEqual([56_000]);
    expect(pacer.requestCount).toBe(4);
    expect(pacer.waits).toEqual([56_000]);
  });

  it('admit("draft") keeps draft invitations draftIntervalMs apart, whatever else is sent', async () => {
    const c = clock();
    const pacer = new Pacer({ ...c, requestsPerMinute: 100, draftIntervalMs: 10_500 });
    await pacer.admit('draft');
    await pacer.admit('query');
    c.state.nowMs += 2_000;
    await pacer.admit('draft');
    await pacer.admit('mutation');
    await pacer.admit('draft');
    expect(c.state.sleeps).toEqual([8_500, 10_500]);
  });

  it('wait(ms) sleeps whole milliseconds and records the wait', async () => {
    const c = clock();
    const pacer = new Pacer({ ...c, requestsPerMinute: 1, draftIntervalMs: 0, windowMs: 1000 });
    await pacer.wait(1.2);
    expect(c.state.sleeps).toEqual([2]);
    expect(pacer.waits).toEqual([2]);
  });
});

import { describe, expect, it } from 'vitest';
import { applyEvent } from '../apply.js';
import type { ReceiptView } from './chain.js';
import { matchTransfers } from './confirm.js';
import { planKtoken } from './plan.js';
import { applyAll, monthEvents, PEOPLE } from './testing/ledger.js';

const ANA = '0x1111111111111111111111111111111111111111';
const KIM = '0x2222222222222222222222222222222222222222';
const SAFE = '0x5afe00000000000000000000000000000000cafe';
const hash = (n: number) => `0x${String(n).padStart(64, '0')}`;

function receipt(n: number, transfers: [string, bigint][], success = true): ReceiptView {
  return {
    hash: hash(n),
    success,
    blockNumber: n,
    transfers: transfers.map(([to, value]) => ({ from: SAFE, to, value })),
  };
}

describe('ledger/ktoken/confirm', () => {
  const state = applyAll(monthEvents(PEOPLE));
  const { event } = planKtoken(state, '2026-10', {
    token: '0x00000000000000000000000000000000000000aa',
    chainId: 31337,
    decimals: 0,
    method: 'transfer',
    mode: 'safe',
    safe: SAFE,
    amounts: { ratePerCred: '10' },
  });
  const planned = applyEvent(state, event, 5);
  const batch = planned.ktoken.batches.get('ktoken-2026-10')!;

  it('matchTransfers(batch, receipts) matches each Transfer to one pending entry by address and amount', () => {
    const multisend = receipt(1, [
      [ANA, 60n],
      [KIM, 30n],
      [KIM, 30n],
      [ANA, 1n],
    ]);
    const match = matchTransfers(batch, [multisend, receipt(2, [[KIM, 30n]], false)]);
    expect(match.events.map((e) => [e.identityId, e.hash, e.blockNumber])).toEqual([
      ['id-ana', hash(1), 1],
      ['id-kim', hash(1), 1],
    ]);
    expect(match.unmatched.map((u) => [u.to, u.value])).toEqual([
      [KIM, 30n],
      [ANA, 1n],
    ]);
    const confirmed = match.events.reduce((s, e) => applyEvent(s, e, 6), planned);
    const again = matchTransfers(confirmed.ktoken.batches.get(batch.id)!, [multisend]);
    expect(again.events).toEqual([]);
    expect(again.alreadyRecorded).toBe(2);
  });
});

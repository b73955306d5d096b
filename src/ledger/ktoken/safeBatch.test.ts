import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { applyEvent } from '../apply.js';
import { KTOKEN_INTERFACE } from './chain.js';
import { planKtoken } from './plan.js';
import type { KtokenBatch } from './records.js';
import { safeBatchChecksum, safeBatchFile, safeBuilderSerialize } from './safeBatch.js';
import { applyAll, monthEvents, PEOPLE } from './testing/ledger.js';

const SCHEMA = JSON.parse(
  readFileSync(
    new URL('../../../test/fixtures/ktoken/safe-transaction-builder.schema.json', import.meta.url),
    'utf8',
  ),
);
const TOKEN = '0x00000000000000000000000000000000000000Aa';
const SAFE = '0x5aFE00000000000000000000000000000000CAFE';

function safeBatch(): KtokenBatch {
  const state = applyAll(monthEvents(PEOPLE));
  const { event } = planKtoken(state, '2026-10', {
    token: TOKEN,
    chainId: 11155111,
    decimals: 18,
    method: 'transfer',
    mode: 'safe',
    safe: SAFE,
    amounts: { ratePerCred: '2.5' },
  });
  return applyEvent(state, event, 1_790_000_000_000).ktoken.batches.get('ktoken-2026-10')!;
}

describe('ledger/ktoken/safeBatch', () => {
  const batch = safeBatch();
  const file = safeBatchFile(batch, 'KTN');

  it('safeBatchFile(batch) validates against the Transaction Builder batch schema', () => {
    const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(
      SCHEMA,
    );
    const valid = validate(JSON.parse(JSON.stringify(file)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(validate({ ...file, chainId: 11155111 })).toBe(false);
    const [first] = file.transactions;
    expect(validate({ ...file, transactions: [{ ...first, to: 'mira' }] })).toBe(false);
    expect(validate({ ...file, transactions: [{ to: TOKEN, value: '0' }] })).toBe(false);
    expect(file).toMatchObject({
      version: '1.0',
      chainId: '11155111',
      createdAt: 1_790_000_000_000,
    });
    expect(file.meta.createdFromSafeAddress).toBe(SAFE);
  });

  it('safeBatchFile(batch) calls the token once per pending entry with exactly its amount', () => {
    const decoded = file.transactions.map((tx) => {
      expect(tx.to).toBe(TOKEN);
      const call = KTOKEN_INTERFACE.parseTransaction({ data: tx.data });
      expect(call?.name).toBe('transfer');
      expect(tx.contractInputsValues).toEqual({
        to: call?.args[0],
        amount: (call?.args[1] as bigint).toString(),
      });
      return [call?.args[0] as string, call?.args[1] as bigint] as const;
    });
    const entries = [...batch.entries.values()];
    expect(decoded).toEqual(entries.map((entry) => [entry.address, entry.amount]));
    const total = decoded.reduce((sum, [, amount]) => sum + amount, 0n);
    expect(total).toBe(entries.reduce((sum, entry) => sum + entry.amount, 0n));
    expect(total).toBe(15n * 10n ** 18n + 75n * 10n ** 17n);
  });

  it('safeBatchChecksum(file) ignores the name and key order but not an edited amount', () => {
    expect(file.meta.checksum).toBe(safeBatchChecksum(file));
    const renamed = { ...file, meta: { ...file.meta, name: 'Renamed by a signer' } };
    expect(safeBatchChecksum(renamed)).toBe(file.meta.checksum);
    const [first, ...rest] = file.transactions;
    const edited = {
      ...file,
      transactions: [
        { ...first!, contractInputsValues: { ...first!.contractInputsValues, amount: '1' } },
        ...rest,
      ],
    };
    expect(safeBatchChecksum(edited)).not.toBe(file.meta.checksum);
    expect(safeBuilderSerialize({ b: [1, undefined], a: 'x' })).toBe('{["a","b"]"x",[1,null],}');
  });

  it('safeBatchFile(batch) lists only what is still pending', () => {
    const sent = batch.entries.first()!;
    const partly = {
      ...batch,
      entries: batch.entries.set(sent.identityId, { ...sent, status: 'sent' as const }),
    };
    expect(safeBatchFile(partly, 'KTN').transactions).toHaveLength(batch.entries.size - 1);
  });
});

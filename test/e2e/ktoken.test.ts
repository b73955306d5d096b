import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchReport } from '../../src/ledger/ktoken/batchFiles.js';
import type { KtokenHealth } from '../../src/ledger/ktoken/health.js';
import { safeBatchChecksum, type SafeBatchFile } from '../../src/ledger/ktoken/safeBatch.js';
import { startTestEvm, type TestEvm } from '../../src/ledger/ktoken/testing/evm.js';
import type { KtokenResult } from '../../src/instance/ktoken/ktoken.js';
import { LedgerStore } from '../../src/ledger/store.js';
import { cred, credJson, PROJECT } from './cli.js';
import { copyWith, finalizedInstance, ledgerText, MIRA, MONTH, TOMAS } from './ktokenHarness.js';

const SCHEMA = JSON.parse(
  readFileSync(
    path.join(PROJECT, 'test/fixtures/ktoken/safe-transaction-builder.schema.json'),
    'utf8',
  ),
);

describe('test/e2e/ktoken', () => {
  let evm: TestEvm;
  let template: string;
  let key: string;

  beforeAll(async () => {
    [evm, template] = await Promise.all([startTestEvm(), finalizedInstance()]);
    key = (await evm.wallet('e2e-owner')).privateKey;
  });
  afterAll(() => evm.close());

  async function mintableToken(): Promise<string> {
    return evm.deploy('MintableToken', await evm.wallet('e2e-owner'), [18, 0n]);
  }

  const direct = (token: string, extra: Record<string, unknown> = {}) => ({
    token,
    chainId: evm.chainId,
    rpcUrl: evm.url,
    symbol: 'FXT',
    mode: 'direct',
    method: 'mint',
    amounts: { ratePerCred: '10' },
    chunkSize: 1,
    pollSeconds: 0.01,
    ...extra,
  });
  const sends = () => evm.calls.filter((m) => m === 'eth_sendRawTransaction').length;
  const amountOf = (batch: BatchReport, address: string) =>
    BigInt(batch.entries.find((e) => e.address === address)?.amountBaseUnits ?? -1);

  it('cred ktoken --month M sends each recipient its tokens; a re-run sends nothing', async () => {
    const token = await mintableToken();
    const dir = copyWith(template, direct(token));
    const before = sends();
    const run = await credJson<KtokenResult>(['ktoken', '--month', MONTH, '-q'], dir, {
      KTOKEN_PRIVATE_KEY: key,
    });
    expect(run.code, run.stderr).toBe(0);
    const batch = run.json.batch!;
    expect(run.json.action).toBe('planned');
    expect(run.json.sent.map((s) => s.identity).sort()).toEqual(['mira', 'tomas']);
    expect(await evm.balanceOf(token, MIRA)).toBe(amountOf(batch, MIRA));
    expect(await evm.balanceOf(token, TOMAS)).toBe(amountOf(batch, TOMAS));
    expect(amountOf(batch, MIRA)).toBeGreaterThan(0n);
    expect(batch.kept.map((k) => [k.identity, k.reason])).toEqual([['lin', 'no Ethereum address']]);
    expect(sends() - before).toBe(2);
    const ledger = ledgerText(dir);
    const again = await credJson<KtokenResult>(['ktoken', '--month', MONTH, '-q'], dir, {
      KTOKEN_PRIVATE_KEY: key,
    });
    expect(again.json.action).toBe('complete');
    expect(sends() - before).toBe(2);
    expect(ledgerText(dir)).toBe(ledger);
    expect(
      new LedgerStore(path.join(dir, 'data/ledger.jsonl'), Date.now).read(true).torn,
    ).toBeNull();
    const written = ['data', 'output'].flatMap((sub) =>
      readdirSync(path.join(dir, sub), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8')),
    );
    expect(written.some((text) => text.includes(key.slice(2)))).toBe(false);
  });

  it('cred ktoken interrupted after a transaction reached the node completes the rest only', async () => {
    const token = await mintableToken();
    const dir = copyWith(template, direct(token));
    evm.inject('eth_sendRawTransaction', 'forward-then-hang-up', 1, 1);
    const before = sends();
    const cut = await credJson<{ error: { code: string } }>(
      ['ktoken', '--month', MONTH, '-q'],
      dir,
      {
        KTOKEN_PRIVATE_KEY: key,
      },
    );
    expect(cut.code).toBe(6);
    expect(cut.json.error.code).toBe('KTOKEN_RPC_UNREACHABLE');
    const rerun = await credJson<KtokenResult>(['ktoken', '--month', MONTH, '-q'], dir, {
      KTOKEN_PRIVATE_KEY: key,
    });
    expect(rerun.json.action).toBe('continued');
    expect(rerun.json.recovered).toHaveLength(1);
    expect(rerun.json.sent).toEqual([]);
    expect(sends() - before).toBe(2);
    const batch = rerun.json.batch!;
    expect(await evm.balanceOf(token, MIRA)).toBe(amountOf(batch, MIRA));
    expect(await evm.balanceOf(token, TOMAS)).toBe(amountOf(batch, TOMAS));
  });

  it('cred ktoken in mode safe writes a Transaction Builder file the schema accepts; cred ktoken confirm records the executed transfers', async () => {
    const owner = await evm.wallet('e2e-owner');
    const token = await mintableToken();
    const safe = '0x5afe00000000000000000000000000000000cafe';
    const dir = copyWith(template, {
      token,
      chainId: evm.chainId,
      rpcUrl: evm.url,
      mode: 'safe',
      safe,
      method: 'mint',
      amounts: { quota: true },
    });
    const quota = [
      'ktoken',
      'quota',
      '--month',
      MONTH,
      '--amount',
      '1000',
      '--approved-by',
      'signer-a',
      '--approved-by',
      'signer-b',
    ];
    expect((await cred([...quota, '-q'], dir)).code).toBe(0);
    const run = await credJson<KtokenResult>(['ktoken', '--month', MONTH, '-q'], dir);
    expect(run.code, run.stderr).toBe(0);
    const file = JSON.parse(
      readFileSync(path.join(dir, 'output/ktoken/2026-10-safe.json'), 'utf8'),
    ) as SafeBatchFile;
    const validate = new Ajv({ strictRequired: false }).compile(SCHEMA);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(file.meta.checksum).toBe(safeBatchChecksum(file));
    expect(file.transactions).toHaveLength(2);
    // The committee's Safe executes the calls (here: the token's owner sends them).
    const hashes: string[] = [];
    for (const tx of file.transactions) {
      const sent = await owner.sendTransaction({ to: tx.to, data: tx.data });
      await sent.wait();
      hashes.push(sent.hash);
    }
    const confirm = await credJson<{ confirmed: unknown[] }>(
      ['ktoken', 'confirm', '--month', MONTH, ...hashes.flatMap((h) => ['--tx', h]), '-q'],
      dir,
    );
    expect(confirm.code, confirm.stderr).toBe(0);
    expect(confirm.json.confirmed).toHaveLength(2);
    expect(existsSync(path.join(dir, 'output/ktoken/2026-10-safe.json'))).toBe(false);
    const health = JSON.parse(
      readFileSync(path.join(dir, 'output/ktoken/2026-10-health.json'), 'utf8'),
    ) as KtokenHealth;
    const { figures } = health;
    expect(figures.approved).toBe('1000');
    expect(Number(figures.sent) + Number(figures.kept)).toBeCloseTo(1000, 9);
    expect(figures.pending).toBe('0');
    expect(health.notes.join(' ')).toContain('approved by signer-a, signer-b');
  });

  it('cred ktoken in mode batch writes the CSV and JSON to send by hand, without a chain', async () => {
    const dir = copyWith(template, {
      token: '0x00000000000000000000000000000000000000aa',
      chainId: 11155111,
      amounts: { ratePerCred: '10' },
    });
    const run = await credJson<KtokenResult>(['ktoken', '--month', MONTH, '-q'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.action).toBe('planned');
    const csv = readFileSync(path.join(dir, 'output/ktoken/2026-10.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(csv[0]).toBe('name,address,amount,amount_base_units');
    expect(csv.slice(1).map((row) => row.split(',').slice(0, 2))).toEqual([
      ['mira', MIRA],
      ['tomas', TOMAS],
    ]);
    const json = JSON.parse(readFileSync(path.join(dir, 'output/ktoken/2026-10.json'), 'utf8'));
    expect(json).toMatchObject({ type: 'cred/ktoken-batch', version: 1, mode: 'batch' });
    const health = await credJson<{ health: KtokenHealth; files: string[] }>(
      ['ktoken', 'health', '--month', MONTH, '-q'],
      dir,
    );
    expect(health.json.health.figures).toMatchObject({ approved: null, sent: '0' });
    expect(health.json.files.map((file) => path.basename(file))).toEqual([
      '2026-10.json',
      '2026-10.csv',
      '2026-10-health.json',
      '2026-10-health.md',
    ]);
  });
});

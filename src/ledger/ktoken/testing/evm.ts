/**
 * An in-process EVM for KToken tests: hardhat 2's EDR network (HARDHAT_CONFIG points at
 * test/fixtures/ktoken/hardhat.config.cjs), served on a loopback JSON-RPC port so that cred's
 * real ethers client (and the built CLI, in another process) talks to it over HTTP. The
 * fixture tokens are compiled by solc-js from test/fixtures/ktoken/FixtureTokens.sol, once per
 * source (the artifact is cached in the system's temporary folder, keyed by a hash of the
 * source and compiler). Faults can be injected per JSON-RPC method: answer an error instead,
 * or forward the call and then hang up (the node acted, the client never heard back).
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserProvider, ContractFactory, id, Wallet, type InterfaceAbi } from 'ethers';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/ktoken/', import.meta.url));
const require = createRequire(import.meta.url);

export interface Artifact {
  readonly abi: InterfaceAbi;
  readonly bytecode: string;
}

/** Compiles the fixture tokens (or reads the cached artifacts). */
export function fixtureArtifacts(): Record<'MintableToken' | 'PremintedToken', Artifact> {
  const source = readFileSync(path.join(FIXTURES, 'FixtureTokens.sol'), 'utf8');
  const solc = require('solc') as { compile(input: string): string; version(): string };
  const key = createHash('sha256').update(`${solc.version()}\n${source}`).digest('hex');
  // Kept between test runs: the run's own temporary folder is removed at its end.
  const cacheDir = process.env.CRED_TEST_CACHE_DIR ?? tmpdir();
  const cached = path.join(cacheDir, `cred-ktoken-fixtures-${key.slice(0, 16)}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8'));
  const input = {
    language: 'Solidity',
    sources: { 'FixtureTokens.sol': { content: source } },
    settings: {
      evmVersion: 'cancun',
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === 'error');
  if (errors.length > 0) throw new Error(`solc: ${JSON.stringify(errors)}`);
  const contracts = output.contracts['FixtureTokens.sol'];
  const artifacts = Object.fromEntries(
    ['MintableToken', 'PremintedToken'].map((name) => [
      name,
      { abi: contracts[name].abi, bytecode: `0x${contracts[name].evm.bytecode.object}` },
    ]),
  );
  const temporary = `${cached}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(artifacts));
  renameSync(temporary, cached);
  return artifacts as Record<'MintableToken' | 'PremintedToken', Artifact>;
}

interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

type Fault = 'error' | 'forward-then-hang-up';

interface RpcCall {
  readonly id: unknown;
  readonly method: string;
  readonly params?: unknown[];
}

export interface TestEvm {
  readonly url: string;
  readonly chainId: number;
  readonly provider: Eip1193;
  /** Every JSON-RPC method called over HTTP, in order. */
  readonly calls: string[];
  /** After `skip` calls of `method` pass, the next `times` meet `fault`. */
  inject(method: string, fault: Fault, times?: number, skip?: number): void;
  /** A funded wallet (or unfunded, with `ether` 0) from a seed phrase; no real key. */
  wallet(seed: string, ether?: bigint): Promise<Wallet>;
  deploy(name: 'MintableToken' | 'PremintedToken', owner: Wallet, args: unknown[]): Promise<string>;
  balanceOf(token: string, address: string): Promise<bigint>;
  close(): Promise<void>;
}

let hardhatProvider: Eip1193 | undefined;

function inProcessNetwork(): Eip1193 {
  if (hardhatProvider === undefined) {
    process.env.HARDHAT_CONFIG = path.join(FIXTURES, 'hardhat.config.cjs');
    const hre = require('hardhat') as { network: { provider: Eip1193 } };
    hardhatProvider = hre.network.provider;
  }
  return hardhatProvider;
}

async function answer(network: Eip1193, call: RpcCall): Promise<unknown> {
  try {
    const result = await network.request({ method: call.method, params: call.params ?? [] });
    return { jsonrpc: '2.0', id: call.id, result: result ?? null };
  } catch (error) {
    const { code, message, data } = error as { code?: number; message: string; data?: unknown };
    return { jsonrpc: '2.0', id: call.id, error: { code: code ?? -32603, message, data } };
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the network (once per process) and a JSON-RPC bridge to it on 127.0.0.1. */
export async function startTestEvm(): Promise<TestEvm> {
  const network = inProcessNetwork();
  const calls: string[] = [];
  const faults: { method: string; fault: Fault; remaining: number; skip: number }[] = [];
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = JSON.parse(await readBody(request)) as RpcCall | RpcCall[];
    const batch = Array.isArray(body) ? body : [body];
    let hangUp = false;
    const answers: unknown[] = [];
    for (const call of batch) {
      calls.push(call.method);
      let fault = faults.find((f) => f.method === call.method && f.remaining > 0);
      if (fault !== undefined && fault.skip > 0) {
        fault.skip--;
        fault = undefined;
      }
      if (fault !== undefined) fault.remaining--;
      if (fault?.fault === 'error') {
        const error = { code: -32000, message: `injected fault in ${call.method}` };
        answers.push({ jsonrpc: '2.0', id: call.id, error });
        continue;
      }
      answers.push(await answer(network, call));
      if (fault?.fault === 'forward-then-hang-up') hangUp = true;
    }
    if (hangUp) return void response.socket?.destroy();
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(Array.isArray(body) ? answers : answers[0]));
  };
  const server = createServer((request, response) => void handle(request, response));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ethers = new BrowserProvider(network, undefined, { cacheTimeout: -1 });
  const chainId = Number(await network.request({ method: 'eth_chainId' }));
  const artifacts = fixtureArtifacts();
  return {
    url,
    chainId,
    provider: network,
    calls,
    inject: (method, fault, times = 1, skip = 0) =>
      faults.push({ method, fault, remaining: times, skip }),
    async wallet(seed, ether = 10n) {
      const wallet = new Wallet(id(`cred-test-wallet/${seed}`), ethers);
      const wei = `0x${(ether * 10n ** 18n).toString(16)}`;
      await network.request({ method: 'hardhat_setBalance', params: [wallet.address, wei] });
      return wallet;
    },
    async deploy(name, owner, args) {
      const { abi, bytecode } = artifacts[name];
      const contract = await new ContractFactory(abi, bytecode, owner).deploy(...args);
      await contract.waitForDeployment();
      return contract.getAddress();
    },
    async balanceOf(token, address) {
      const data = `0x70a08231${address.slice(2).toLowerCase().padStart(64, '0')}`;
      return BigInt((await ethers.call({ to: token, data })) as string);
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

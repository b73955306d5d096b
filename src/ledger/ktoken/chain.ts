/**
 * The chain side of KToken, through ethers 6 over JSON-RPC: checking before anything is
 * recorded that the endpoint answers, is the configured chain, holds a contract answering the
 * configured method, and that the sender has the tokens (for `transfer`) and the gas; signing
 * transactions without broadcasting them (so the ledger can record them first); broadcasting;
 * and reading receipts with the token's Transfer logs. Errors name the endpoint by its origin
 * only (an RPC URL often carries an API key in its path) and never the private key.
 */
import {
  FetchRequest,
  formatEther,
  Interface,
  JsonRpcProvider,
  Network,
  Transaction,
  Wallet,
  type TransactionReceipt,
} from 'ethers';
import { chainErrors, rpcFailure } from './chainErrors.js';
import type { KtokenMethod } from './records.js';

export const KTOKEN_ABI = [
  'function transfer(address to, uint256 amount) returns (bool)',
  'function mint(address to, uint256 amount)',
  'function balanceOf(address owner) view returns (uint256)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
];
export const KTOKEN_INTERFACE = new Interface(KTOKEN_ABI);

export interface ChainSettings {
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly token: string;
  readonly method: KtokenMethod;
  /** Per request. */
  readonly timeoutMs: number;
}

export interface TokenTransfer {
  readonly from: string;
  readonly to: string;
  readonly value: bigint;
}

export interface ReceiptView {
  readonly hash: string;
  readonly success: boolean;
  readonly blockNumber: number;
  /** Transfer events the token emitted in this transaction. */
  readonly transfers: readonly TokenTransfer[];
}

export interface SignedTransfer {
  readonly hash: string;
  readonly raw: string;
  readonly from: string;
  readonly nonce: number;
}

export interface TransferRequest {
  readonly to: string;
  readonly amount: bigint;
}

/** What the submission protocol needs from a chain; tests wrap it to inject crashes. */
export interface KtokenChain {
  /** The sending account, when a key was given. */
  readonly sender: string | null;
  latestBlock(): Promise<number>;
  nonce(address: string, tag: 'latest' | 'pending'): Promise<number>;
  /**
   * Throws a clear PayoutError when sending `transfers` cannot work (without a sender: when
   * there is no contract or it lacks the method); records nothing.
   */
  preflight(transfers: readonly TransferRequest[]): Promise<void>;
  sign(transfers: readonly TransferRequest[], firstNonce: number): Promise<SignedTransfer[]>;
  broadcast(raw: string): Promise<void>;
  receipt(hash: string): Promise<ReceiptView | null>;
  close(): void;
}

function transfersOf(receipt: TransactionReceipt, token: string): TokenTransfer[] {
  const transfers: TokenTransfer[] = [];
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== token.toLowerCase()) continue;
    const parsed = KTOKEN_INTERFACE.parseLog({ topics: [...log.topics], data: log.data });
    if (parsed?.name !== 'Transfer') continue;
    transfers.push({
      from: parsed.args[0] as string,
      to: parsed.args[1] as string,
      value: parsed.args[2] as bigint,
    });
  }
  return transfers;
}

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/**
 * Whether the bytecode holds the method's 4-byte selector (as a dispatcher's PUSH4). A proxy
 * holds its implementation's selectors elsewhere, so this only explains a bare revert.
 */
function hasSelector(code: string, method: KtokenMethod): boolean {
  const selector = KTOKEN_INTERFACE.getFunction(method)?.selector ?? '0x';
  return code.toLowerCase().includes(`63${selector.slice(2)}`);
}

function noFunction(token: string, method: KtokenMethod) {
  return chainErrors.noFunction(
    token,
    KTOKEN_INTERFACE.getFunction(method)?.format('sighash') ?? method,
  );
}

/** Connects to `settings.rpcUrl` and checks its chain id; `privateKey` makes it a sender. */
export async function connectKtokenChain(
  settings: ChainSettings,
  privateKey?: string,
): Promise<KtokenChain> {
  const request = new FetchRequest(settings.rpcUrl);
  request.timeout = settings.timeoutMs;
  const provider = new JsonRpcProvider(request, Network.from(settings.chainId), {
    staticNetwork: true,
    cacheTimeout: -1,
  });
  const call = async <T>(doing: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw rpcFailure(error, settings.rpcUrl, doing);
    }
  };
  try {
    const answered = Number(
      await call('asking the chain id', () => provider.send('eth_chainId', [])),
    );
    if (answered !== settings.chainId)
      throw chainErrors.wrongChain(settings.rpcUrl, answered, settings.chainId);
  } catch (error) {
    provider.destroy();
    throw error;
  }
  const wallet = privateKey === undefined ? null : new Wallet(privateKey, provider);
  return new EthersChain(settings, provider, wallet, call);
}

type Call = <T>(doing: string, run: () => Promise<T>) => Promise<T>;

class EthersChain implements KtokenChain {
  readonly sender: string | null;

  constructor(
    private readonly settings: ChainSettings,
    private readonly provider: JsonRpcProvider,
    private readonly wallet: Wallet | null,
    private readonly call: Call,
  ) {
    this.sender = wallet?.address ?? null;
  }

  latestBlock(): Promise<number> {
    return this.call('reading the block number', () => this.provider.getBlockNumber());
  }

  nonce(address: string, tag: 'latest' | 'pending'): Promise<number> {
    return this.call('reading the account nonce', () =>
      this.provider.getTransactionCount(address, tag),
    );
  }

  private data(transfer: TransferRequest): string {
    return KTOKEN_INTERFACE.encodeFunctionData(this.settings.method, [
      transfer.to,
      transfer.amount,
    ]);
  }

  private requireWallet(): Wallet {
    if (this.wallet === null) throw chainErrors.keyMissing();
    return this.wallet;
  }

  async preflight(transfers: readonly TransferRequest[]): Promise<void> {
    const { token, method } = this.settings;
    const code = await this.call('reading the token contract', () => this.provider.getCode(token));
    if (code === '0x') throw chainErrors.noContract(token, this.settings.chainId);
    const first = transfers[0];
    if (first === undefined) return;
    // Without a key (a dry run) only the method's existence can be checked, from anyone.
    const from = this.sender ?? ZERO_ADDRESS;
    // Amount 0: whether the sender may call it at all, apart from what it holds.
    const reason = await this.probe(code, from, { to: first.to, amount: 0n });
    if (this.sender === null) return;
    if (reason !== null) throw chainErrors.callReverts(method, from, token, reason);
    if (method === 'transfer') await this.checkTokens(from, transfers);
    await this.checkGas(from, first, transfers.length);
  }

  /**
   * Calls the method from `from` without sending. A revert with data (a reason) means the
   * function exists and refuses; a bare revert is read as a missing function when the
   * bytecode lacks its selector. Returns the revert reason, or null when the call succeeds.
   */
  private async probe(
    code: string,
    from: string,
    transfer: TransferRequest,
  ): Promise<string | null> {
    const { token, method } = this.settings;
    try {
      await this.provider.call({ from, to: token, data: this.data(transfer) });
      return null;
    } catch (error) {
      if ((error as { code?: string }).code !== 'CALL_EXCEPTION')
        throw rpcFailure(error, this.settings.rpcUrl, `trying ${method}`);
      const data = (error as { data?: string | null }).data ?? '0x';
      if (data === '0x' && !hasSelector(code, method)) throw noFunction(token, method);
      return (error as { reason?: string | null }).reason ?? 'no reason given';
    }
  }

  private async checkTokens(from: string, transfers: readonly TransferRequest[]): Promise<void> {
    const total = transfers.reduce((sum, t) => sum + t.amount, 0n);
    const data = KTOKEN_INTERFACE.encodeFunctionData('balanceOf', [from]);
    const answer = await this.call("reading the sender's token balance", () =>
      this.provider.call({ to: this.settings.token, data }),
    );
    const balance = BigInt(answer === '0x' ? 0 : answer);
    if (balance < total) throw chainErrors.insufficientTokens(from, balance, total);
  }

  private async checkGas(from: string, transfer: TransferRequest, count: number): Promise<void> {
    const gas = await this.call('estimating gas', () =>
      this.provider.estimateGas({ from, to: this.settings.token, data: this.data(transfer) }),
    );
    const fee = await this.call('reading gas prices', () => this.provider.getFeeData());
    const price = fee.maxFeePerGas ?? fee.gasPrice ?? 0n;
    const needed = ((gas * 12n) / 10n) * price * BigInt(count);
    const balance = await this.call("reading the sender's balance", () =>
      this.provider.getBalance(from),
    );
    if (balance < needed)
      throw chainErrors.unfunded(from, formatEther(balance), count, formatEther(needed));
  }

  async sign(transfers: readonly TransferRequest[], firstNonce: number): Promise<SignedTransfer[]> {
    const wallet = this.requireWallet();
    const fee = await this.call('reading gas prices', () => this.provider.getFeeData());
    const pricing =
      fee.maxFeePerGas !== null
        ? {
            type: 2,
            maxFeePerGas: fee.maxFeePerGas,
            maxPriorityFeePerGas: fee.maxPriorityFeePerGas,
          }
        : { type: 0, gasPrice: fee.gasPrice };
    const signed: SignedTransfer[] = [];
    for (const [index, transfer] of transfers.entries()) {
      const data = this.data(transfer);
      const gas = await this.call('estimating gas', () =>
        this.provider.estimateGas({ from: wallet.address, to: this.settings.token, data }),
      );
      const nonce = firstNonce + index;
      const raw = await wallet.signTransaction({
        ...pricing,
        to: this.settings.token,
        data,
        nonce,
        gasLimit: (gas * 12n) / 10n,
        chainId: this.settings.chainId,
        value: 0n,
      });
      signed.push({ hash: Transaction.from(raw).hash as string, raw, from: wallet.address, nonce });
    }
    return signed;
  }

  async broadcast(raw: string): Promise<void> {
    try {
      await this.provider.send('eth_sendRawTransaction', [raw]);
    } catch (error) {
      const message = String((error as Error).message ?? '');
      // Broadcasting again a transaction the node has (or has mined) is not a failure.
      if (
        /already known|known transaction|already imported|nonce too low|nonce has already been used/i.test(
          message,
        )
      )
        return;
      throw rpcFailure(error, this.settings.rpcUrl, 'broadcasting a transaction');
    }
  }

  async receipt(hash: string): Promise<ReceiptView | null> {
    const receipt = await this.call('reading a receipt', () =>
      this.provider.getTransactionReceipt(hash),
    );
    if (receipt === null) return null;
    return {
      hash,
      success: receipt.status === 1,
      blockNumber: receipt.blockNumber,
      transfers: transfersOf(receipt, this.settings.token),
    };
  }

  close(): void {
    this.provider.destroy();
  }
}

/**
 * What can go wrong on the chain side of KToken, as PayoutErrors with stable codes: the
 * endpoint is unreachable or fails, serves another chain, the token address holds no contract
 * or one without the configured method, the sender lacks the tokens, the gas or the key. Each
 * says where and what, and that nothing was recorded as sent. The endpoint is shown by its
 * origin only: an RPC URL often carries an API key in its path. The private key never appears.
 */
import { ConfigError, PayoutError } from '../../core/errors.js';

export const NOTHING_SENT = 'Nothing was recorded as sent; fix it and run the same command again.';

const UNREACHABLE =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|TIMEOUT|NETWORK_ERROR)$/;

/** The endpoint as errors show it: its origin, never its path (which may hold an API key). */
export function shownEndpoint(rpcUrl: string): string {
  try {
    const url = new URL(rpcUrl);
    return url.pathname === '/' && url.search === '' ? url.origin : `${url.origin}/…`;
  } catch {
    return '(unparsable URL)';
  }
}

function chainError(code: string, message: string, fix: string, ref?: string): PayoutError {
  return new PayoutError(code, message, {
    suggestions: [fix, NOTHING_SENT],
    ...(ref === undefined ? {} : { ref: `cred.json#${ref}` }),
  });
}

/** Turns an ethers or socket failure into a PayoutError that says where and what. */
export function rpcFailure(error: unknown, rpcUrl: string, doing: string): PayoutError {
  const code = String((error as { code?: unknown }).code ?? '');
  const where = shownEndpoint(rpcUrl);
  if (UNREACHABLE.test(code)) {
    return chainError(
      'KTOKEN_RPC_UNREACHABLE',
      `could not reach the KToken RPC endpoint ${where} (${code}) while ${doing}`,
      'Check ktoken.rpcUrl in cred.json and that the node is up.',
      'ktoken.rpcUrl',
    );
  }
  const text = String((error as Error).message ?? '');
  // Nodes word it differently: geth "insufficient funds", hardhat "doesn't have enough funds".
  if (code === 'INSUFFICIENT_FUNDS' || /insufficient funds|have enough funds/i.test(text)) {
    return chainError(
      'KTOKEN_UNFUNDED',
      `the sending account cannot pay for gas (${where}, while ${doing})`,
      "Send some of the chain's native currency to the account of KTOKEN_PRIVATE_KEY.",
    );
  }
  const {
    info,
    error: rpc,
    shortMessage,
  } = error as {
    info?: { error?: { message?: string } };
    error?: { message?: string };
    shortMessage?: string;
  };
  // The node's own words when ethers has them (its summary can be "could not coalesce error").
  const detail = rpc?.message ?? info?.error?.message ?? shortMessage ?? text;
  return chainError(
    'KTOKEN_RPC_ERROR',
    `the KToken RPC endpoint ${where} failed while ${doing}: ${detail}`,
    'Check the endpoint and the transaction; run again once it answers.',
    'ktoken.rpcUrl',
  );
}

export const chainErrors = {
  wrongChain: (rpcUrl: string, answered: number, configured: number) =>
    chainError(
      'KTOKEN_WRONG_CHAIN',
      `the KToken RPC endpoint ${shownEndpoint(rpcUrl)} serves chain ${answered}, not the configured ktoken.chainId ${configured}`,
      "Point ktoken.rpcUrl at a node of the token's chain, or fix ktoken.chainId.",
      'ktoken.chainId',
    ),
  noContract: (token: string, chainId: number) =>
    chainError(
      'KTOKEN_NO_CONTRACT',
      `there is no contract at ktoken.token ${token} on chain ${chainId}`,
      'Check ktoken.token and ktoken.chainId in cred.json.',
      'ktoken.token',
    ),
  noFunction: (token: string, signature: string) =>
    chainError(
      'KTOKEN_NO_FUNCTION',
      `the contract at ${token} has no ${signature} function`,
      'Set ktoken.method to what the token offers ("transfer" for KToken V3, which has no mint).',
      'ktoken.method',
    ),
  callReverts: (method: string, from: string, token: string, reason: string) =>
    chainError(
      'KTOKEN_CALL_REVERTS',
      `${method} from ${from} reverts on ${token}: ${reason}`,
      `Use the key of the account the token lets ${method} (its owner or minter).`,
    ),
  insufficientTokens: (from: string, balance: bigint, total: bigint) =>
    chainError(
      'KTOKEN_INSUFFICIENT_TOKENS',
      `${from} holds ${balance} of the token's smallest units, less than the ${total} to send`,
      'Top up the sending account with tokens, or send with "mint".',
    ),
  unfunded: (from: string, balance: string, count: number, needed: string) =>
    chainError(
      'KTOKEN_UNFUNDED',
      `the sending account ${from} holds ${balance} of the chain's native currency; ${count} transaction(s) need about ${needed} for gas`,
      "Send the chain's native currency to that account for gas.",
    ),
  keyMissing: () =>
    new ConfigError(
      'KTOKEN_KEY_MISSING',
      'direct sending needs KTOKEN_PRIVATE_KEY in the environment',
      {
        suggestions: [
          'Set KTOKEN_PRIVATE_KEY to the key of the token owner (or minter), or use mode "batch" or "safe".',
        ],
      },
    ),
};

/** The key from KTOKEN_PRIVATE_KEY, 0x-prefixed; undefined when unset. Never echoes it. */
export function parsePrivateKey(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  const key = text.trim();
  if (!/^(0x)?[0-9a-fA-F]{64}$/.test(key)) {
    throw new ConfigError(
      'KTOKEN_KEY_INVALID',
      'KTOKEN_PRIVATE_KEY is not a private key (expected 64 hex digits, optionally after 0x)',
      {
        suggestions: [
          'Set KTOKEN_PRIVATE_KEY to the hex private key of the account that sends the tokens.',
        ],
      },
    );
  }
  return key.startsWith('0x') ? key : `0x${key}`;
}

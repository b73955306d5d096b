/**
 * The `ktoken` section of cred.json: which token on which chain, how many decimals, how a
 * month's batch is sent (`batch` files for manual sending, a `safe` Transaction Builder file
 * for the committee's multisig, or `direct` submission with ethers), the contract method
 * (`transfer` from a pre-minted owner, as KToken V3, or `mint`), and how amounts are set (a
 * fixed rate per unit of cred, or a split of the cycle's approved quota). The private key is
 * never a setting: it comes only from KTOKEN_PRIVATE_KEY.
 */
import * as z from 'zod';
import { ConfigError } from '../../core/errors.js';
import { parseWithSchema } from '../../core/validation.js';
import { ETHEREUM_ADDRESS } from '../../ledger/events.js';
import { checksummedAddress, type KtokenPlanSettings } from '../../ledger/ktoken/plan.js';
import type { SubmitOptions } from '../../ledger/ktoken/submit.js';
import { parseTokens } from '../../ledger/ktoken/units.js';
import type { InstanceConfig } from '../config.js';

const address = z.string().regex(ETHEREUM_ADDRESS, { message: 'expected 0x and 40 hex digits' });

const ktokenSchema = z.strictObject({
  token: address,
  chainId: z.number().int().positive(),
  /** Needed to send directly and to confirm transactions; read-only use otherwise. */
  rpcUrl: z.url({ protocol: /^https?$/ }).optional(),
  decimals: z.number().int().min(0).max(36).default(18),
  symbol: z.string().min(1).max(12).default('KTN'),
  mode: z.enum(['batch', 'safe', 'direct']).default('batch'),
  method: z.enum(['transfer', 'mint']).default('transfer'),
  amounts: z.union([
    z.strictObject({
      ratePerCred: z
        .string()
        .regex(/^\d+(\.\d+)?$/, { message: 'expected a decimal like "10" or "2.5"' }),
    }),
    z.strictObject({ quota: z.literal(true) }),
  ]),
  /** The Safe that holds the tokens (or the minter role), for mode "safe". */
  safe: address.optional(),
  /** Approvers a quota needs (the committee's multisig threshold). */
  quotaApprovals: z.number().int().min(1).max(50).default(2),
  confirmations: z.number().int().min(1).max(100).default(1),
  /** Transactions signed and broadcast together, then confirmed, when sending directly. */
  chunkSize: z.number().int().min(1).max(100).default(10),
  pollSeconds: z.number().positive().max(600).default(4),
  receiptTimeoutSeconds: z.number().positive().max(86_400).default(600),
  requestTimeoutSeconds: z.number().positive().max(600).default(30),
});

export type KtokenConfig = z.infer<typeof ktokenSchema>;

export interface KtokenSettings extends KtokenPlanSettings {
  readonly symbol: string;
  readonly rpcUrl: string | undefined;
  readonly quotaApprovals: number;
  readonly requestTimeoutMs: number;
  readonly submit: Omit<SubmitOptions, 'sleep' | 'nowMs'>;
}

const FIX = 'Fix "{field}" in cred.json (docs/formats.md, "KToken"; docs/ktoken.md).';

function invalid(field: string, problem: string, fix: string): ConfigError {
  return new ConfigError('CONFIG_INVALID', `cred.json: field "ktoken.${field}": ${problem}`, {
    ref: `cred.json#ktoken.${field}`,
    suggestions: [fix],
  });
}

function checksummed(field: 'token' | 'safe', text: string): string {
  const address = checksummedAddress(text);
  if (address === null)
    throw invalid(
      field,
      `"${text}" fails its EIP-55 checksum (a mistyped letter?)`,
      'Copy the address again, or write it all in lower case.',
    );
  return address;
}

/** Checks that need more than one field, or more than a pattern. */
function checkFields(parsed: KtokenConfig): { token: string; safe: string | null } {
  if (
    'ratePerCred' in parsed.amounts &&
    parseTokens(parsed.amounts.ratePerCred, parsed.decimals) === undefined
  )
    throw invalid(
      'amounts.ratePerCred',
      `"${parsed.amounts.ratePerCred}" has more decimals than the token (${parsed.decimals})`,
      "Round the rate to the token's decimals.",
    );
  if (parsed.mode === 'safe' && parsed.safe === undefined)
    throw invalid(
      'safe',
      'mode "safe" needs the address of the Safe that sends',
      'Add "safe": "0x..." (the committee\'s Safe).',
    );
  if (parsed.mode === 'direct' && parsed.rpcUrl === undefined)
    throw invalid(
      'rpcUrl',
      'mode "direct" needs a JSON-RPC endpoint',
      'Add "rpcUrl": "https://..." (a node of the token\'s chain).',
    );
  return {
    token: checksummed('token', parsed.token),
    safe: parsed.safe === undefined ? null : checksummed('safe', parsed.safe),
  };
}

export function ktokenSettings(config: InstanceConfig): KtokenSettings {
  if (config.ktoken === undefined) {
    throw new ConfigError('KTOKEN_NOT_CONFIGURED', 'cred.json has no "ktoken" section', {
      ref: 'cred.json#ktoken',
      suggestions: [
        'Add e.g. "ktoken": { "token": "0x...", "chainId": 11155111, "amounts": { "ratePerCred": "10" } } (docs/ktoken.md).',
      ],
    });
  }
  const parsed = parseWithSchema(
    ktokenSchema,
    config.ktoken,
    'cred.json (ktoken)',
    'CONFIG_INVALID',
    FIX.replace('{field}', 'ktoken.{field}'),
  );
  const { token, safe } = checkFields(parsed);
  return {
    token,
    chainId: parsed.chainId,
    decimals: parsed.decimals,
    symbol: parsed.symbol,
    method: parsed.method,
    mode: parsed.mode,
    safe,
    amounts: parsed.amounts,
    rpcUrl: parsed.rpcUrl,
    quotaApprovals: parsed.quotaApprovals,
    requestTimeoutMs: parsed.requestTimeoutSeconds * 1000,
    submit: {
      chunkSize: parsed.chunkSize,
      confirmations: parsed.confirmations,
      pollIntervalMs: parsed.pollSeconds * 1000,
      receiptTimeoutMs: parsed.receiptTimeoutSeconds * 1000,
    },
  };
}

/**
 * Planning a month's KToken batch from its finalized payout. The tokens follow the money: each
 * identity's amount is its share of the final payout (after objections, with a domain split as
 * split) over the eligible shares, times the month's tokens, with largest-remainder rounding so
 * the amounts add up exactly. The month's tokens are the cycle's approved quota, or a fixed rate
 * per unit of the eligible identities' monthly cred (cred taken to 9 decimals, the total rounded
 * to the token's smallest unit). Excluded, inactive and removed lines get nothing. Every
 * recipient is then sent all it is owed (earlier months kept for lack of an address included);
 * identities without a usable address are listed and keep their tokens owed. Pure: the same
 * ledger gives the same batch.
 */
import { getAddress } from 'ethers';
import { compareStrings } from '../../core/canonicalJson.js';
import { PayoutError } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import { parseDecimalAmount, splitByIntegers, WEIGHT_SCALE } from '../../core/split.js';
import type { EventOf, KtokenBasis, KtokenLineJson } from '../events.js';
import { tokensDue } from '../handlers/ktoken.js';
import { activePayout, amountOf, type LedgerState, type PayoutRecord } from '../state.js';
import { ultimateOwner } from '../views.js';
import { batchIdFor, type KtokenMethod, type KtokenMode, type TokenUnits } from './records.js';

export interface KtokenPlanSettings {
  readonly token: string;
  readonly chainId: number;
  readonly decimals: number;
  readonly method: KtokenMethod;
  readonly mode: KtokenMode;
  readonly safe: string | null;
  readonly amounts: { readonly ratePerCred: string } | { readonly quota: true };
}

export type KeptReason =
  | 'no Ethereum address'
  | 'Ethereum address fails its checksum'
  | 'inactive'
  | 'awaiting the next batch';

export interface KeptTokens {
  readonly identityId: IdentityId;
  readonly name: string;
  /** Owed after this batch: earlier months plus this one. */
  readonly amount: TokenUnits;
  readonly reason: KeptReason;
}

export interface KtokenPlan {
  readonly event: EventOf<'ktoken.plan'>;
  readonly kept: readonly KeptTokens[];
}

/**
 * The checksummed form of an address, or null when there is none or its mixed case fails the
 * EIP-55 checksum (a typo that would send tokens to nobody).
 */
export function checksummedAddress(address: string | null): string | null {
  if (address === null) return null;
  try {
    return getAddress(address);
  } catch {
    return null;
  }
}

export function finalPayout(state: LedgerState, month: string): PayoutRecord {
  const payout = activePayout(state, month);
  if (payout?.status !== 'final') {
    throw new PayoutError(
      'KTOKEN_MONTH_NOT_FINAL',
      `${month} has ${payout === undefined ? 'no payout' : 'a payout under review'}: KToken distributes a finalized month`,
      { suggestions: [`Finalize the month first ("cred payout --month ${month} --finalize").`] },
    );
  }
  return payout;
}

interface MonthLine {
  cred: number;
  /** The final payout's share (minor units of money): tokens are split like the money. */
  share: bigint;
  status: KtokenLineJson['status'];
  reason?: string;
}

/** The month's lines by identity now (merges since the payout applied), with their status. */
export function monthLines(state: LedgerState, payout: PayoutRecord): Map<IdentityId, MonthLine> {
  const lines = new Map<IdentityId, MonthLine>();
  for (const line of payout.proposal.lines) {
    const own = line.identityId as IdentityId;
    const owner = ultimateOwner(state, own);
    const current: MonthLine = lines.get(owner) ?? { cred: 0, share: 0n, status: 'eligible' };
    const next: MonthLine = {
      ...current,
      cred: current.cred + line.cred,
      share: current.share + amountOf(payout.shares, own),
    };
    // Only the identity's own line decides its status: a line merged in later adds cred.
    if ((line.status === 'excluded' || line.status === 'inactive') && owner === own) {
      next.status = line.status;
      next.reason = line.reason;
    }
    lines.set(owner, next);
  }
  // A line an upheld (or blocked) objection removed gets no money, so no tokens either.
  for (const objection of state.objections.values()) {
    if (objection.proposalId !== payout.id || objection.line === null) continue;
    if (objection.status !== 'upheld' && objection.status !== 'blocked') continue;
    const owner = ultimateOwner(state, objection.line);
    const line = lines.get(owner);
    if (line !== undefined && owner === objection.line)
      lines.set(owner, {
        ...line,
        status: 'excluded',
        reason: `removed by objection ${objection.id} (${objection.status})`,
      });
  }
  for (const [id, line] of lines) {
    if (state.identities.get(id)?.active !== true)
      lines.set(id, { ...line, status: 'inactive', reason: 'not active for payouts' });
    else if (line.status === 'eligible' && line.cred <= 0 && line.share <= 0n) lines.delete(id);
  }
  return lines;
}

/**
 * The month's tokens, split like the final payout's money: each eligible identity gets the
 * same fraction of the tokens as of the money (its share over the eligible shares), by largest
 * remainders. The total is the approved quota, or the rate times the eligible identities' cred.
 */
function amountsFor(
  state: LedgerState,
  month: string,
  settings: KtokenPlanSettings,
  eligible: ReadonlyMap<IdentityId, MonthLine>,
): { basis: KtokenBasis; amounts: Map<IdentityId, TokenUnits> } {
  const { basis, total } = tokenTotal(state, month, settings, eligible);
  const weights = [...eligible].map(([key, line]) => ({ key, weight: line.share }));
  if (total > 0n && weights.every((part) => part.weight === 0n))
    throw new PayoutError(
      'KTOKEN_NO_CRED',
      `${month}: no eligible identity has a share of the payout`,
    );
  const split = splitByIntegers(total, weights);
  return {
    basis,
    amounts: new Map([...split].map(([key, amount]) => [key as IdentityId, amount])),
  };
}

function tokenTotal(
  state: LedgerState,
  month: string,
  settings: KtokenPlanSettings,
  eligible: ReadonlyMap<IdentityId, MonthLine>,
): { basis: KtokenBasis; total: TokenUnits } {
  if ('ratePerCred' in settings.amounts) {
    const rate = parseDecimalAmount(settings.amounts.ratePerCred, settings.decimals);
    if (rate === undefined)
      throw new PayoutError(
        'KTOKEN_BAD_RATE',
        `ratePerCred "${settings.amounts.ratePerCred}" is not an amount with at most ${settings.decimals} decimals`,
      );
    const scale = BigInt(WEIGHT_SCALE);
    let cred = 0n;
    for (const line of eligible.values()) cred += BigInt(Math.round(line.cred * WEIGHT_SCALE));
    return {
      basis: { type: 'rate', ratePerCred: settings.amounts.ratePerCred },
      total: (cred * rate + scale / 2n) / scale,
    };
  }
  const quota = state.ktoken.quotas.get(month);
  if (quota === undefined)
    throw new PayoutError('KTOKEN_NO_QUOTA', `no KToken quota was approved for ${month}`, {
      suggestions: [
        `Record the committee's approval: "cred ktoken quota --month ${month} --amount N --approved-by A --approved-by B".`,
      ],
    });
  if (eligible.size === 0)
    throw new PayoutError('KTOKEN_NO_CRED', `${month}: no eligible identity has cred`);
  return { basis: { type: 'quota', quota: quota.amount.toString() }, total: quota.amount };
}

export function planKtoken(
  state: LedgerState,
  month: string,
  settings: KtokenPlanSettings,
): KtokenPlan {
  const payout = finalPayout(state, month);
  const lines = monthLines(state, payout);
  const eligible = new Map([...lines].filter(([, line]) => line.status === 'eligible'));
  const { basis, amounts } = amountsFor(state, month, settings, eligible);
  const entries: EventOf<'ktoken.plan'>['entries'] = [];
  const kept: KeptTokens[] = [];
  for (const [id, amount] of tokensDue(state, amounts)) {
    const identity = state.identities.get(id);
    if (identity === undefined) continue;
    const address = checksummedAddress(identity.ethereum);
    const reason: KeptReason | null = !identity.active
      ? 'inactive'
      : identity.ethereum === null
        ? 'no Ethereum address'
        : address === null
          ? 'Ethereum address fails its checksum'
          : null;
    if (reason === null)
      entries.push({ identityId: id, address: address as string, amount: amount.toString() });
    else kept.push({ identityId: id, name: identity.name, amount, reason });
  }
  const byId = <T extends { identityId: string }>(a: T, b: T) =>
    compareStrings(a.identityId, b.identityId);
  const event: EventOf<'ktoken.plan'> = {
    type: 'ktoken.plan',
    batchId: batchIdFor(month),
    month,
    payoutId: payout.id,
    chainId: settings.chainId,
    token: settings.token,
    decimals: settings.decimals,
    method: settings.method,
    mode: settings.mode,
    safe: settings.safe,
    basis,
    lines: [...lines]
      .map(([identityId, line]) => ({
        identityId,
        cred: line.cred,
        amount: (amounts.get(identityId) ?? 0n).toString(),
        status: line.status,
        ...(line.reason === undefined ? {} : { reason: line.reason }),
      }))
      .sort(byId),
    entries: entries.sort(byId),
  };
  return { event, kept: kept.sort(byId) };
}

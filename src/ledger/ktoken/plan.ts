/**
 * Planning a month's KToken batch from its finalized payout. Each identity's amount comes from
 * its monthly cred as the payout recorded it: either a fixed rate of tokens per unit of cred
 * (cred taken to 9 decimals, each amount rounded to the nearest smallest unit of the token) or
 * the cycle's approved quota split by cred with largest-remainder rounding, so the amounts add
 * up to the quota exactly. Excluded and inactive identities get nothing, as for money. Every
 * recipient is then sent all it is owed (earlier months kept for lack of an address included);
 * identities without a usable address are listed and keep their tokens owed. Pure: the same
 * ledger gives the same batch.
 */
import { getAddress } from 'ethers';
import { compareStrings } from '../../core/canonicalJson.js';
import { PayoutError } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import { parseDecimalAmount, splitExactly, WEIGHT_SCALE } from '../../core/split.js';
import type { EventOf, KtokenBasis, KtokenLineJson } from '../events.js';
import { tokensDue } from '../handlers/ktoken.js';
import { activePayout, type LedgerState, type PayoutRecord } from '../state.js';
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
  status: KtokenLineJson['status'];
  reason?: string;
}

/** The month's lines by identity now (merges since the payout applied), with their status. */
export function monthLines(state: LedgerState, payout: PayoutRecord): Map<IdentityId, MonthLine> {
  const lines = new Map<IdentityId, MonthLine>();
  for (const line of payout.proposal.lines) {
    const own = line.identityId as IdentityId;
    const owner = ultimateOwner(state, own);
    const current: MonthLine = lines.get(owner) ?? { cred: 0, status: 'eligible' };
    const next: MonthLine = { ...current, cred: current.cred + line.cred };
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
    else if (line.status === 'eligible' && line.cred <= 0) lines.delete(id);
  }
  return lines;
}

function amountsFor(
  state: LedgerState,
  month: string,
  settings: KtokenPlanSettings,
  eligible: ReadonlyMap<IdentityId, number>,
): { basis: KtokenBasis; amounts: Map<IdentityId, TokenUnits> } {
  if ('ratePerCred' in settings.amounts) {
    const rate = parseDecimalAmount(settings.amounts.ratePerCred, settings.decimals);
    if (rate === undefined)
      throw new PayoutError(
        'KTOKEN_BAD_RATE',
        `ratePerCred "${settings.amounts.ratePerCred}" is not an amount with at most ${settings.decimals} decimals`,
      );
    const scale = BigInt(WEIGHT_SCALE);
    const amounts = new Map<IdentityId, TokenUnits>();
    for (const [id, cred] of eligible)
      amounts.set(id, (BigInt(Math.round(cred * WEIGHT_SCALE)) * rate + scale / 2n) / scale);
    return { basis: { type: 'rate', ratePerCred: settings.amounts.ratePerCred }, amounts };
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
  const split = splitExactly(
    quota.amount,
    [...eligible].map(([key, weight]) => ({ key, weight })),
  );
  return {
    basis: { type: 'quota', quota: quota.amount.toString() },
    amounts: new Map([...split].map(([key, amount]) => [key as IdentityId, amount])),
  };
}

export function planKtoken(
  state: LedgerState,
  month: string,
  settings: KtokenPlanSettings,
): KtokenPlan {
  const payout = finalPayout(state, month);
  const lines = monthLines(state, payout);
  const eligible = new Map(
    [...lines].filter(([, line]) => line.status === 'eligible').map(([id, l]) => [id, l.cred]),
  );
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

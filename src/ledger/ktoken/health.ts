/**
 * A month's distribution health, for the committee that approves quotas: how much of what was
 * approved reached people (sent, awaiting confirmation, kept for lack of an address), whether
 * the tokens are concentrated in one person (top share, Gini coefficient) or in one moment of
 * the cycle (the share of the month's cred earned in its busiest week), and which other cycles
 * have a quota not yet fully distributed. Figures only; `healthNotes` words them.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import type { IdentityId } from '../../core/identity.js';
import { isoWeekName, parseMonth, weekFractionWithin } from '../../core/weeks.js';
import type { LedgerState } from '../state.js';
import { keptRows, type KeptRow } from './batchFiles.js';
import { healthNotes } from './healthNotes.js';
import { batchIdFor, sumTokens, type KtokenBatch, type TokenUnits } from './records.js';
import { formatTokens } from './units.js';

export const KTOKEN_HEALTH_FORMAT = { type: 'cred/ktoken-health', version: 1 } as const;

export interface CycleFigures {
  readonly cycle: string;
  /** Amounts in tokens ("12.5"), exact. */
  readonly approved: string | null;
  readonly planned: string;
  readonly sent: string;
  readonly pending: string;
  readonly kept: string;
  /** Approved (or, without a quota, planned) and not yet sent. */
  readonly undistributed: string;
}

export interface KtokenHealth {
  readonly type: 'cred/ktoken-health';
  readonly version: 1;
  readonly month: string;
  readonly symbol: string;
  readonly decimals: number;
  readonly quota: {
    readonly approvedBy: readonly string[];
    readonly reference: string | null;
  } | null;
  readonly figures: CycleFigures;
  readonly recipients: number;
  readonly top: { readonly identity: string; readonly share: number } | null;
  readonly gini: number | null;
  readonly weeks: readonly { readonly week: string; readonly share: number }[];
  readonly busiestWeek: { readonly week: string; readonly share: number } | null;
  readonly openCycles: readonly CycleFigures[];
  readonly kept: readonly KeptRow[];
  /** The figures in plain words (healthNotes.ts). */
  readonly notes: readonly string[];
}

/** Gini coefficient of non-negative amounts: 0 all equal, (n-1)/n one holds everything. */
export function gini(amounts: readonly number[]): number | null {
  const sorted = amounts.filter((a) => a > 0).sort((a, b) => a - b);
  const total = sorted.reduce((sum, a) => sum + a, 0);
  if (sorted.length === 0 || total === 0) return null;
  const n = sorted.length;
  const weighted = sorted.reduce((sum, a, i) => sum + (i + 1) * a, 0);
  return Math.max(0, (2 * weighted) / (n * total) - (n + 1) / n);
}

/** A cycle's figures: its lines' amounts by what became of them, against its quota. */
function cycleFigures(state: LedgerState, cycle: string, decimals: number): CycleFigures {
  const batch = state.ktoken.batches.get(batchIdFor(cycle));
  const quota = state.ktoken.quotas.get(cycle);
  let planned = 0n;
  let sent = 0n;
  let pending = 0n;
  for (const line of batch?.lines ?? []) {
    const amount = BigInt(line.amount);
    const entry = batch?.entries.get(line.identityId as IdentityId);
    planned += amount;
    if (entry?.status === 'sent') sent += amount;
    else if (entry !== undefined) pending += amount;
  }
  const target = quota?.amount ?? planned;
  const tokens = (units: TokenUnits) => formatTokens(units, batch?.decimals ?? decimals);
  return {
    cycle,
    approved: quota === undefined ? null : tokens(quota.amount),
    planned: tokens(planned),
    sent: tokens(sent),
    pending: tokens(pending),
    kept: tokens(planned - sent - pending),
    undistributed: tokens(target > sent ? target - sent : 0n),
  };
}

function weekShares(state: LedgerState, month: string, ids: ReadonlySet<string>) {
  const range = parseMonth(month);
  const weeks: { week: string; cred: number }[] = [];
  if (range === undefined) return [];
  for (const [week, values] of state.weeklyCred) {
    const startMs = Date.parse(`${week}T00:00:00Z`);
    const fraction = weekFractionWithin(startMs, range.startMs, range.endMs);
    if (fraction === 0) continue;
    let cred = 0;
    for (const [id, value] of values) if (ids.has(id)) cred += value * fraction;
    weeks.push({ week: isoWeekName(startMs), cred });
  }
  const total = weeks.reduce((sum, w) => sum + w.cred, 0);
  if (total <= 0) return [];
  return weeks
    .map(({ week, cred }) => ({ week, share: cred / total }))
    .sort((a, b) => compareStrings(a.week, b.week));
}

function concentration(state: LedgerState, batch: KtokenBatch | undefined) {
  const amounts = (batch?.lines ?? [])
    .map((line) => ({ id: line.identityId, amount: BigInt(line.amount) }))
    .filter((line) => line.amount > 0n)
    .sort((a, b) =>
      a.amount === b.amount ? compareStrings(a.id, b.id) : a.amount > b.amount ? -1 : 1,
    );
  const total: TokenUnits = sumTokens(amounts.map((a) => a.amount));
  const first = amounts[0];
  const share = (amount: bigint) => Number((amount * 1_000_000n) / (total || 1n)) / 1_000_000;
  return {
    ids: new Set(amounts.map((a) => a.id)),
    recipients: amounts.length,
    top:
      first === undefined
        ? null
        : {
            identity: state.identities.get(first.id as IdentityId)?.name ?? first.id,
            share: share(first.amount),
          },
    // Exact amounts: shares cut to 6 decimals would drop small recipients (Gini is scale-free).
    gini: gini(amounts.map((a) => Number(a.amount))),
  };
}

export function ktokenHealth(
  state: LedgerState,
  month: string,
  token: { readonly decimals: number; readonly symbol: string },
): KtokenHealth {
  const decimals = state.ktoken.batches.get(batchIdFor(month))?.decimals ?? token.decimals;
  const batch = state.ktoken.batches.get(batchIdFor(month));
  const quota = state.ktoken.quotas.get(month);
  const spread = concentration(state, batch);
  const weeks = weekShares(state, month, spread.ids);
  const busiest = weeks.reduce<{ week: string; share: number } | null>(
    (best, week) => (best === null || week.share > best.share ? week : best),
    null,
  );
  const cycles = new Set<string>([
    ...state.ktoken.quotas.keys(),
    ...[...state.ktoken.batches.values()].map((b) => b.month),
  ]);
  const openCycles = [...cycles]
    .filter((cycle) => cycle !== month)
    .map((cycle) => cycleFigures(state, cycle, decimals))
    .filter((figures) => figures.undistributed !== '0')
    .sort((a, b) => compareStrings(a.cycle, b.cycle));
  const health = {
    ...KTOKEN_HEALTH_FORMAT,
    month,
    symbol: token.symbol,
    decimals,
    quota:
      quota === undefined ? null : { approvedBy: quota.approvedBy, reference: quota.reference },
    figures: cycleFigures(state, month, decimals),
    recipients: spread.recipients,
    top: spread.top,
    gini: spread.gini,
    weeks,
    busiestWeek: busiest,
    openCycles,
    kept: keptRows(state, decimals),
  };
  return { ...health, notes: healthNotes(health) };
}

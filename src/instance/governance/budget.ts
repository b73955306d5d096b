/**
 * The budget box on an instance: `cred budget vote` records a member's pairwise ballot for a
 * month in the ledger (replacing their earlier one, and recording the completed weeks' cred
 * first), `cred budget` shows the split the month's ballots give, each weighted by the voter's
 * lifetime cred in the ledger. With
 * `governance.split.type: "budget"`, the payout job splits the month's pool among the domains
 * by this split. The split is computed from the ledger alone, so anyone can check it.
 */
import { computeBudgetBox, type BudgetPair, type PairTally } from '../../core/budgetBox.js';
import { compareStrings } from '../../core/canonicalJson.js';
import { ConfigError, PayoutError } from '../../core/errors.js';
import type { LedgerEvent } from '../../ledger/events.js';
import { activePayout, type LedgerState } from '../../ledger/state.js';
import { voteWeights } from '../../ledger/tally.js';
import { findIdentity } from '../../ledger/views.js';
import { budgetItems, governanceSettings, type GovernanceSettings } from './config.js';
import type { Instance, Runtime } from '../instance.js';
import { ledgerStore, readLedgerForViewing } from '../ledgerStore.js';
import { freshScores } from '../score/freshScores.js';
import { monthOf } from '../month.js';
import { weeklyCredEvent } from '../payout/input.js';

export const DEFAULT_DAMPING = 0.1;

export interface BudgetView {
  readonly month: string;
  readonly damping: number;
  /** Each item with its share of the budget (adding up to 1), in the order of cred.json. */
  readonly items: readonly { id: string; name: string; share: number }[];
  readonly voters: readonly { id: string; name: string; weight: number; pairs: number }[];
  readonly pairs: readonly PairTally[];
}

export interface BudgetVoteResult {
  readonly event: LedgerEvent;
  readonly voter: string;
  readonly budget: BudgetView;
}

function itemsOf(settings: GovernanceSettings): string[] {
  const items = budgetItems(settings);
  if (items.length < 2)
    throw new ConfigError('BUDGET_NO_ITEMS', 'the budget box needs at least two domains', {
      ref: 'cred.json#governance',
      suggestions: [
        'Declare domains in governance.domains (or list them in governance.split.domains).',
      ],
    });
  return items;
}

/** The month's split from the ballots in `state`. */
export function budgetView(
  state: LedgerState,
  settings: GovernanceSettings,
  month: string,
): BudgetView {
  const items = itemsOf(settings);
  const known = new Set(items);
  const damping = settings.split?.type === 'budget' ? settings.split.damping : DEFAULT_DAMPING;
  const weights = voteWeights(state);
  const ballots = [...(state.budgetBallots.get(month) ?? [])]
    .map(([voter, pairs]) => ({
      voter,
      weight: weights.get(voter) ?? 0,
      // A ballot may name items cred.json no longer lists: those pairs are left out.
      pairs: pairs.filter((pair) => known.has(pair.prefer) && known.has(pair.over)),
    }))
    .sort((a, b) => compareStrings(a.voter, b.voter));
  const result = computeBudgetBox(items, ballots, damping);
  const { tree } = settings;
  return {
    month,
    damping,
    items: items.map((id, k) => ({
      id,
      name: tree.names[tree.ids.indexOf(id)] ?? id,
      share: result.shares[k] ?? 0,
    })),
    voters: ballots.map(({ voter, weight, pairs }) => ({
      id: voter,
      name: state.identities.get(voter)?.name ?? voter,
      weight,
      pairs: pairs.length,
    })),
    pairs: result.pairs,
  };
}

export function showBudget(instance: Instance, runtime: Runtime, monthName: string): BudgetView {
  const month = monthOf(monthName);
  const settings = governanceSettings(instance.config);
  return budgetView(readLedgerForViewing(instance, runtime).state, settings, month.name);
}

/** "infra>media": infra mattered more than media. */
export function parsePair(text: string, items: readonly string[]): BudgetPair {
  const match = /^\s*([a-z0-9][a-z0-9-]*)\s*>\s*([a-z0-9][a-z0-9-]*)\s*$/.exec(text);
  const unknown = match?.slice(1, 3).find((item) => !items.includes(item as string));
  if (match === null || unknown !== undefined)
    throw new ConfigError(
      'BUDGET_BAD_PAIR',
      match === null
        ? `"${text}" is not a pair: expected "winner>loser"`
        : `"${unknown}" is not one of the budget's items`,
      { suggestions: [`Compare two of ${items.join(', ')}, e.g. "${items[0]}>${items[1]}".`] },
    );
  return { prefer: match[1] as string, over: match[2] as string };
}

/**
 * A month's budget box closes when its payout is proposed: the proposal fixed the split, so a
 * later ballot would show a split that was never used.
 */
function checkBallotsOpen(state: LedgerState, month: string): void {
  const payout = activePayout(state, month);
  if (payout === undefined) return;
  const next = nextMonth(month);
  throw new PayoutError(
    'BUDGET_VOTE_CLOSED',
    `budget vote for ${month}: its payout ${payout.id} is already ${payout.status}, so its split is fixed; a vote now would show a split that was never used`,
    {
      suggestions: [
        `Vote for the next month instead: --month ${next}.`,
        ...(payout.status === 'proposed'
          ? [
              `Or withdraw the proposal first ("cred payout withdraw --month ${month} --reason ...").`,
            ]
          : []),
      ],
    },
  );
}

function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

export async function recordBudgetVote(
  instance: Instance,
  runtime: Runtime,
  options: { readonly month: string; readonly voter: string; readonly pairs: readonly string[] },
): Promise<BudgetVoteResult> {
  const month = monthOf(options.month);
  checkBallotsOpen(readLedgerForViewing(instance, runtime).state, month.name);
  const settings = governanceSettings(instance.config);
  const items = itemsOf(settings);
  const pairs = options.pairs.map((text) => parsePair(text, items));
  // Ballots weigh by the cred the ledger records: record the current weeks' first, as a
  // payout proposal does, so a member can vote before the month's payout is proposed.
  const { scores } = await freshScores(instance, runtime);
  let event: LedgerEvent | undefined;
  let voter = options.voter;
  const { state } = await ledgerStore(instance, runtime).append((current) => {
    checkBallotsOpen(current, month.name);
    const identity = findIdentity(current, options.voter);
    voter = identity.name;
    event = { type: 'budget.vote', month: month.name, voter: identity.id, pairs };
    return [...weeklyCredEvent(current, scores, runtime.nowMs()), event];
  });
  return { event: event as LedgerEvent, voter, budget: budgetView(state, settings, month.name) };
}

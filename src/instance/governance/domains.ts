/**
 * `cred domains [--month M]`: cred per domain, with each domain's own cred (from the
 * containers it claims) and its total (its children's added, Colony's roll-up), and who earned
 * it. Cred is attributed to domains by CredRank's flow decomposition (core/domainCred.ts), so
 * it needs the stationary flow: like `cred explain`, it recomputes it from the outputs of
 * `cred score`, after checking that they are current. The payout job uses the same weekly cred
 * per domain to split a month's pool among domains.
 */
import { compareStrings } from '../../core/canonicalJson.js';
import {
  baseNodeDomains,
  computeDomainCred,
  rolledUpWeekly,
  type DomainCred,
} from '../../core/domainCred.js';
import { ConfigError } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import { weekFractionWithin } from '../../core/weeks.js';
import type { WeeklyCred } from '../../ledger/payout/monthlyCred.js';
import type { LedgerState } from '../../ledger/state.js';
import type { ScoresFile } from '../score/credOutput.js';
import { loadScoredInstance, type ScoredInstance } from '../explain/scores.js';
import { governanceSettings, type GovernanceSettings } from './config.js';
import type { Instance, Runtime } from '../instance.js';
import { monthOf } from '../month.js';

export interface DomainRow {
  readonly id: string;
  readonly name: string;
  readonly parent: string | null;
  readonly depth: number;
  /** Cred from the containers this domain claims itself. */
  readonly ownCred: number;
  /** Own cred plus every descendant's. */
  readonly totalCred: number;
  /** Identities with cred in the domain (descendants included), most first. */
  readonly contributors: readonly { id: string; name: string; cred: number }[];
}

export interface DomainsReport {
  readonly month: string | null;
  /** All cred in the period: the root's total. */
  readonly totalCred: number;
  readonly domains: readonly DomainRow[];
}

interface DomainWeekly {
  readonly scored: ScoredInstance;
  readonly cred: DomainCred;
  /** Weekly cred per identity in every domain, descendants included: [identity][domain][week]. */
  readonly weekly: readonly (readonly Float64Array[])[];
}

function domainWeekly(scored: ScoredInstance, settings: GovernanceSettings): DomainWeekly {
  const { tree } = settings;
  const cred = computeDomainCred(
    scored.result,
    baseNodeDomains(scored.result, scored.graph, tree),
    tree.ids.length,
  );
  return { scored, cred, weekly: scored.identities.map((_, i) => rolledUpWeekly(cred, tree, i)) };
}

function unsupported(): ConfigError {
  return new ConfigError('DOMAINS_UNSUPPORTED', 'cred per domain needs CredRank', {
    suggestions: ['Set cred.algorithm to "credrank" in cred.json and run "cred score".'],
  });
}

async function scoredFor(
  instance: Instance,
  runtime: Runtime,
  scores?: ScoresFile,
): Promise<ScoredInstance> {
  const algorithm = scores?.algorithm ?? instance.config.cred.algorithm;
  if (algorithm !== 'credrank') throw unsupported();
  return loadScoredInstance(instance, runtime, scores === undefined ? {} : { scores });
}

export async function domainsReport(
  instance: Instance,
  runtime: Runtime,
  options: { readonly month?: string },
): Promise<DomainsReport> {
  const settings = governanceSettings(instance.config);
  const month = options.month === undefined ? undefined : monthOf(options.month);
  const { scored, cred, weekly } = domainWeekly(await scoredFor(instance, runtime), settings);
  const weeks = scored.result.weekStartsMs;
  const fractions = weeks.map((start) =>
    month === undefined ? 1 : weekFractionWithin(start, month.startMs, month.endMs),
  );
  const inPeriod = (values: ArrayLike<number>, offset = 0) => {
    let total = 0;
    for (let t = 0; t < weeks.length; t++)
      total += (values[offset + t] as number) * (fractions[t] as number);
    return total;
  };
  const { tree } = settings;
  const domains = tree.ids.map((id, d): DomainRow => {
    const contributors = scored.identities
      .map((identity, i) => ({
        id: identity.id,
        name: identity.name,
        cred: inPeriod(weekly[i]![d]!),
      }))
      .filter((row) => row.cred > 0)
      .sort((a, b) => b.cred - a.cred || compareStrings(a.id, b.id));
    let ownCred = 0;
    for (const own of cred.own) if (own !== null) ownCred += inPeriod(own, d * weeks.length);
    return {
      id,
      name: tree.names[d]!,
      parent: d === 0 ? null : tree.ids[tree.parent[d]!]!,
      depth: tree.depth[d]!,
      ownCred,
      totalCred: contributors.reduce((sum, row) => sum + row.cred, 0),
      contributors,
    };
  });
  return { month: month?.name ?? null, totalCred: domains[0]?.totalCred ?? 0, domains };
}

/**
 * For a payout: each split domain's weekly cred per ledger identity (descendants included),
 * or undefined when cred.json splits by cred alone.
 */
export async function splitWeeklyCred(
  instance: Instance,
  runtime: Runtime,
  scores: ScoresFile,
): Promise<((state: LedgerState) => Map<string, WeeklyCred>) | undefined> {
  const settings = governanceSettings(instance.config);
  if (settings.split === undefined) return undefined;
  const { scored, weekly } = domainWeekly(await scoredFor(instance, runtime, scores), settings);
  const weekStartsMs = scored.result.weekStartsMs;
  return (state) => {
    const result = new Map<string, WeeklyCred>();
    settings.tree.ids.forEach((domain, d) => {
      const byIdentity = new Map<IdentityId, readonly number[]>();
      scored.identities.forEach((identity, i) => {
        const record = state.identities.get(identity.id);
        if (record !== undefined && record.mergedInto === null)
          byIdentity.set(record.id, [...weekly[i]![d]!]);
      });
      result.set(domain, { weekStartsMs, byIdentity });
    });
    return result;
  };
}

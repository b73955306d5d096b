/**
 * The JSON that `cred site` emits into output/site/data/ and the explorer reads (docs/formats.md,
 * "Explorer data"). The front end imports these types (type-only), so the two sides cannot
 * disagree about a field. Everything is canonical JSON and columnar where a field repeats per
 * identity, so 10,000 contributors over five years stay small.
 *
 * Cred in these files is an integer number of `quantum` units (10^-6 of the total mint's order
 * of magnitude). Weekly values are rounded by error diffusion: the running sum of an identity's
 * weeks is rounded, and each week stores the difference, so the cred of any period (a sum of
 * consecutive weeks) is within one quantum of the exact value, however many weeks it spans.
 */
import type { EdgeWeight } from '../../core/plugin.js';
import type { WeightsJson } from '../../core/weights.js';

export const SITE_FORMATS = {
  index: { type: 'cred/site-index', version: 1 },
  names: { type: 'cred/site-names', version: 1 },
  leaderboard: { type: 'cred/site-leaderboard', version: 1 },
  contributors: { type: 'cred/site-contributors', version: 2 },
  weights: { type: 'cred/site-weights', version: 1 },
  whatif: { type: 'cred/site-whatif', version: 1 },
} as const;

/** data/leaderboard.json: everything the leaderboard needs, in one request. */
export interface SiteLeaderboard {
  readonly type: 'cred/site-leaderboard';
  readonly version: 1;
  readonly instance: { readonly name: string; readonly currency: string };
  readonly algorithm: string;
  readonly parameters: Readonly<Record<string, number | string>>;
  readonly convergence: {
    readonly iterations: number;
    readonly residual: number;
    readonly converged: boolean;
  };
  /** `sha256:` of output/cred.credscores' bytes, and the input digests it names. */
  readonly credDigest: string;
  readonly inputs: { readonly graphDigest: string; readonly weightsDigest: string };
  /** Monday (YYYY-MM-DD) of week 0; weeks are contiguous. */
  readonly firstWeek: string | null;
  readonly weekCount: number;
  /** Cred per unit in every integer of these files. */
  readonly quantum: number;
  /** Decimals to show cred with (the quantum keeps one more digit exact). */
  readonly decimals: number;
  readonly totalMint: number;
  readonly plugins: readonly { readonly name: string; readonly title: string }[];
  readonly identityTypes: readonly string[];
  /** Columns, one entry per identity, identities sorted by id. */
  readonly identities: {
    readonly id: readonly string[];
    readonly name: readonly string[];
    /** Index into identityTypes. */
    readonly type: readonly number[];
    /** Indices into plugins: the platforms the identity has accounts on. */
    readonly plugins: readonly (readonly number[])[];
    /** Weekly cred: [first week, units of that week, units of the next, ...]; [] for none. */
    readonly cred: readonly (readonly number[])[];
  };
  /**
   * Identities the ledger excludes from a payout: [index, month, reason], the latest month of
   * each (absent without a ledger), so the leaderboard marks them without loading the ledger.
   */
  readonly excluded?: readonly (readonly [number, string, string])[];
  /** Which optional parts exist: contributor files, weights.json + whatif.json, the ledger. */
  readonly parts: {
    /**
     * Identities per file of data/contributors/<n>.json (identity i is in file i / this,
     * rounded down); 0 when there are none.
     */
    readonly contributors: number;
    readonly weights: boolean;
    /**
     * Whether data/ledger.json exists (the instance keeps a ledger): the Ledger view and the
     * payouts of the Contributor view (src/instance/site/ledgerFormat.ts).
     */
    readonly ledger: boolean;
  };
}

/** What every view shows in its header and footer: the leaderboard file's fields but its columns. */
export type SiteSummary = Omit<SiteLeaderboard, 'type' | 'version' | 'identities' | 'excluded'>;

/**
 * data/index.json: the small file every view reads first (index.html preloads it), so each
 * view fetches its own data at once: the summary, where each identity's contributor file is,
 * and the all-time top, which the leaderboard shows while data/leaderboard.json (a few MB to
 * parse at 10,000 contributors) loads.
 */
export interface SiteIndex {
  readonly type: 'cred/site-index';
  readonly version: 1;
  readonly summary: SiteSummary;
  /** Identities on the leaderboard. */
  readonly identities: number;
  /** All time: identities with cred, and the units of all of them together. */
  readonly earning: number;
  readonly totalUnits: number;
  /**
   * The id of the first identity of each data/contributors/<n>.json (identities are sorted by
   * id), so a contributor page finds its file without any list of identities.
   */
  readonly contributorFiles: readonly string[];
  /**
   * The leaderboard's first rows for all time (most cred first, ties by name then id): the
   * columns of data/leaderboard.json for those identities, plus their leaderboard index.
   */
  readonly top: SiteLeaderboard['identities'] & { readonly index: readonly number[] };
  /** data/leaderboard.json's `excluded` (absent without a ledger that excludes someone). */
  readonly excluded?: SiteLeaderboard['excluded'];
}

/**
 * data/names.json: data/leaderboard.json's columns but weekly cred (a tenth of its size), for
 * the views that name other identities (contributor pages, the ledger views).
 */
export interface SiteNames {
  readonly type: 'cred/site-names';
  readonly version: 1;
  readonly identities: Omit<SiteLeaderboard['identities'], 'cred'>;
}

/** A source of cred in a contributor file. */
export interface SiteSource {
  readonly description: string;
  readonly plugin: string;
  readonly url?: string;
  readonly timestampMs: number | null;
  /** For a person (rather than a contribution): the identity's leaderboard index. */
  readonly identity?: number;
  /** Relations of the edges that carried its flow ("is the work of"). */
  readonly via: readonly string[];
}

/** [source index, entry week, units]. */
export type SiteShare = readonly [number, number, number];

/**
 * data/contributors/<n>.json: the contributor pages of identities n * size .. (n + 1) * size - 1
 * in leaderboard order (those with cred). Grouping them keeps 10,000 contributors in a few
 * hundred files that compress well, and a page costs one small request.
 */
export interface SiteContributorGroup {
  readonly type: 'cred/site-contributors';
  readonly version: 2;
  readonly contributors: readonly SiteContributor[];
}

/** One identity's sources of cred and collaborators. */
export interface SiteContributor {
  readonly id: string;
  readonly name: string;
  readonly identityType: string;
  readonly aliases: readonly string[];
  /** Weekly cred, as data/leaderboard.json's `cred` column has it: the page needs no other file. */
  readonly cred: readonly number[];
  /** Place on the all-time leaderboard (1 for the most cred; ties by name, then id). */
  readonly rank: number;
  /** Units per plugin of the sources; adds up to the identity's total units. */
  readonly credByPlugin: Readonly<Record<string, number>>;
  /**
   * Units per kind of source (a declared node type's plural name, "People" for cred from other
   * identities); adds up to the identity's total units.
   */
  readonly credByKind: Readonly<Record<string, number>>;
  /**
   * Per week with visible cred, its units by plugin and by kind (in the order of `plugins` and
   * `kinds`); each adds up to the week's units. For stacked weekly charts.
   */
  readonly weekly: {
    readonly plugins: readonly string[];
    readonly kinds: readonly string[];
    readonly weeks: readonly (readonly [number, readonly number[], readonly number[]])[];
  };
  readonly sources: readonly SiteSource[];
  /** All weeks: the largest sources ([source, units]) and the units of the rest. */
  readonly total: {
    readonly shares: readonly (readonly [number, number])[];
    readonly rest: number;
  };
  /**
   * Per week with visible cred: [week, shares, rest]; shares + rest = that week's units. Weeks
   * whose cred shows as 0 are left out, and so are shares that would show as 0 (in rest).
   */
  readonly weeks: readonly (readonly [number, readonly SiteShare[], number])[];
  /** [identity's leaderboard index, contributions shared], most shared first. */
  readonly collaborators: readonly (readonly [number, number])[];
  /** Reactions given and received (src/instance/site/reactions.ts); absent when none. */
  readonly reactions?: SiteReactions;
}

/** An identity's reactions: top partners as [leaderboard index, reactions], and totals. */
export interface SiteReactions {
  readonly given: readonly (readonly [number, number])[];
  readonly received: readonly (readonly [number, number])[];
  readonly givenTotal: number;
  readonly receivedTotal: number;
  /**
   * Set when the identity is in a reciprocal cluster: the accounts that react to it and to which
   * it reacts (leaderboard indices), and the reactions it gave to and received from them.
   */
  readonly cluster?: {
    readonly members: readonly number[];
    readonly given: number;
    readonly received: number;
  };
}

export interface SiteWeightKey {
  readonly key: string;
  readonly plugin: string;
  /** The declared type's name(s), or '' for a narrower key. */
  readonly name: string;
  /** Index into files, or -1 for a plugin's declared default. */
  readonly file: number;
  readonly count: number;
}

/** data/weights.json: the weights in force, what each key minted and carried. */
export interface SiteWeights {
  readonly type: 'cred/site-weights';
  readonly version: 1;
  /** The instance's weight files: description and knob sections as the file has them. */
  readonly files: readonly ({
    readonly file: string;
    readonly description?: string;
  } & Pick<WeightsJson, 'budgets' | 'containers' | 'reactions'>)[];
  readonly nodes: readonly (SiteWeightKey & { readonly weight: number; readonly mint: number })[];
  readonly edges: readonly (SiteWeightKey &
    EdgeWeight & { readonly forwardsCred: number; readonly backwardsCred: number })[];
  /** Nodes and edges no key matches (they weigh 1 and {1, 1}). */
  readonly unmatched: { readonly nodes: number; readonly mint: number; readonly edges: number };
}

/**
 * data/whatif.json: the graph reduced to what weights act on, for rerunning CredRank in the
 * browser. Nodes and edges name the most specific key that matches them (index, -1 for none)
 * among all keys a weight file matches addresses with (weights, budgets, reaction prefixes);
 * endpoints are node indices (>= 0) or -(identity + 1), identities in leaderboard order.
 */
export interface SiteWhatIf {
  readonly type: 'cred/site-whatif';
  readonly version: 1;
  readonly parameters: Readonly<Record<string, number | string>>;
  readonly firstWeekMs: number;
  readonly weekCount: number;
  readonly nodeKeys: readonly string[];
  readonly edgeKeys: readonly string[];
  readonly nodes: {
    readonly key: readonly number[];
    /** [node, intrinsic weight] where it is not 1. */
    readonly weight: readonly (readonly [number, number])[];
    /** With container multipliers: their keys, and [node, key index] for nodes under one. */
    readonly containerKeys?: readonly string[];
    readonly container?: readonly (readonly [number, number])[];
    /** With budgets or a reaction cap: [node, week] of the timed nodes they can touch. */
    readonly week?: readonly (readonly [number, number])[];
  };
  /** Edges sorted by src; `src` is delta-coded (each entry minus the previous one). */
  readonly edges: {
    readonly key: readonly number[];
    readonly src: readonly number[];
    readonly dst: readonly number[];
    readonly week: readonly number[];
    readonly weight: readonly (readonly [number, number])[];
  };
  /** The anti-gaming knobs in force (absent when no weight file sets one), as a file has them. */
  readonly knobs?: Pick<WeightsJson, 'budgets' | 'containers' | 'reactions'>;
}

/**
 * The ledger's part of the explorer data (docs/formats.md, "Explorer data"): what `cred site`
 * emits when the instance has data/ledger.jsonl, for the Ledger view (funders) and the payout
 * part of the Contributor view. The front end imports these types (type-only).
 *
 * Amounts are exact: decimal strings in the currency's units ("12.34"), with the currency code
 * alongside, as in the payout reports. Cred is in the leaderboard's integer `quantum` units.
 * Identities are referred to by leaderboard index; an identity the leaderboard does not list
 * (merged into another, or not scored) is `leaderboard size + k` for the k-th of `others`.
 *
 * Nothing here is loaded by the leaderboard: data/ledger.json when the Ledger or a Contributor
 * view opens, a proposal's lines when its month is opened, a group of identities' payout
 * histories with a contributor page.
 */

export const SITE_LEDGER_FORMATS = {
  ledger: { type: 'cred/site-ledger', version: 1 },
  payout: { type: 'cred/site-payout', version: 1 },
  accounts: { type: 'cred/site-accounts', version: 1 },
} as const;

/** The published report of a month (copied into the site's payouts/), as it was written. */
export interface SitePublishedReport {
  /** Paths relative to the site's root. */
  readonly json: string;
  readonly md: string | null;
  readonly proposalId: string;
  readonly status: string;
  /** The ledger's length and head hash printed in the report when it was written. */
  readonly lines: number;
  readonly headHash: string;
}

/** One payout proposal, as the Ledger view lists it. */
export interface SitePayoutSummary {
  readonly id: string;
  readonly month: string;
  readonly status: string;
  readonly currency: string;
  readonly revenue: string;
  readonly ratio: string;
  readonly pool: string;
  readonly minimum: string;
  readonly policy: Readonly<Record<string, unknown>>;
  /** ISO time the review period ends (or ended). */
  readonly reviewEnds: string;
  readonly inputs: {
    readonly algorithm: string;
    readonly graphDigest: string;
    readonly weightsDigest: string;
  };
  readonly totals: {
    /** Units of the cred that shared the pool (excluded and inactive identities left out). */
    readonly cred: number;
    readonly shares: string;
    /** Allocated by the final plan (the same as `allocated`). */
    readonly payments: string;
    /** Not allocated this month (below the minimum). */
    readonly carried: string;
    /** What happened, as the month's report says it (docs/formats.md). */
    readonly allocated: string;
    readonly filed: string;
    readonly paid: string;
    /**
     * What the ledger still owes for this month and before (the report's `owedAfter`). Not the
     * lines' `owedAfter` column below, which is what is carried (site format 1 kept its name).
     */
    readonly owedAfter: string;
  };
  readonly lineCount: number;
  /** Lines with a payment. */
  readonly paidCount: number;
  /** Expenses filed for this payout, by status. */
  readonly expenses: Readonly<Record<string, number>>;
  /** The month's published report when it is this proposal's; null otherwise. */
  readonly report: SitePublishedReport | null;
  /** data/ledger/<id>.json: the lines. */
  readonly file: string;
}

/** data/ledger.json: the ledger at a glance. */
export interface SiteLedger {
  readonly type: 'cred/site-ledger';
  readonly version: 1;
  readonly currency: string;
  /** The ledger file as `cred site` read it; the browser verifies data/ledger.jsonl itself. */
  readonly chain: {
    readonly file: string;
    readonly lines: number;
    readonly headHash: string;
    /** Line number of an incomplete final line (ignored), or null. */
    readonly tornLine: number | null;
  };
  /** All time: distributed, paid, and still owed (not yet filed) or pending (filed). */
  readonly totals: {
    readonly distributed: string;
    readonly paid: string;
    readonly owed: string;
    readonly pending: string;
  };
  /** Proposals, oldest month first (a month's withdrawn proposals before its active one). */
  readonly payouts: readonly SitePayoutSummary[];
  readonly others: { readonly id: readonly string[]; readonly name: readonly string[] };
  /** Columns, one row per identity with a balance, a payment or cred in the ledger. */
  readonly balances: {
    readonly identity: readonly number[];
    readonly owed: readonly string[];
    readonly pending: readonly string[];
    readonly paid: readonly string[];
    /** Units of the cred recorded in the ledger (merged identities' included). */
    readonly lifetimeCred: readonly number[];
  };
  readonly exclusions: readonly {
    readonly month: string;
    readonly identity: number;
    readonly reason: string;
  }[];
  /** Expenses of distributions that are not payouts (grain.distribute events). */
  readonly otherExpenses: readonly (SiteExpense & {
    readonly identity: number;
    readonly distribution: string;
  })[];
  /** Identities per data/ledger/accounts/<n>.json (identity ref r is in file r / this). */
  readonly accountsPerFile: number;
}

export interface SiteExpense {
  readonly reference: string;
  readonly amount: string;
  readonly status: string;
  readonly platform: string;
  readonly externalId: string | null;
}

/** data/ledger/<proposal id>.json: every line of a proposal, as its report has them. */
export interface SitePayout {
  readonly type: 'cred/site-payout';
  readonly version: 1;
  readonly id: string;
  readonly month: string;
  readonly currency: string;
  /** Columns, in the report's order. */
  readonly lines: {
    readonly identity: readonly number[];
    readonly cred: readonly number[];
    readonly share: readonly string[];
    readonly owedBefore: readonly string[];
    readonly payment: readonly string[];
    /** Carried to later months: owed before + share - payment. */
    readonly owedAfter: readonly string[];
    readonly status: readonly string[];
    /** [line, reason] where the line has one. */
    readonly reason: readonly (readonly [number, string])[];
  };
  /** [line, expense] for each expense filed for a line's identity under this payout. */
  readonly expenses: readonly (readonly [number, SiteExpense])[];
}

/**
 * One identity's line of one payout, in its history: [payout (index into SiteLedger.payouts),
 * cred units, share, owed before, payment, owed after, status, reason or null, expenses].
 */
export type SiteAccountLine = readonly [
  number,
  number,
  string,
  string,
  string,
  string,
  string,
  string | null,
  readonly SiteExpense[],
];

/**
 * data/ledger/accounts/<n>.json: payout histories of identities n * size .. (n + 1) * size - 1
 * (by identity ref): the lines that moved money (a share, a balance, a payment), were excluded
 * or had expenses.
 */
export interface SiteAccounts {
  readonly type: 'cred/site-accounts';
  readonly version: 1;
  readonly accounts: readonly {
    readonly identity: number;
    readonly lines: readonly SiteAccountLine[];
  }[];
}

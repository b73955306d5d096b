/** Messages between the Weights view and the what-if worker. */
import type { EdgeWeight } from '../../../src/core/plugin.js';

export interface WhatIfRequest {
  readonly id: number;
  /** Absolute URL of data/whatif.json. */
  readonly url: string;
  readonly identityCount: number;
  readonly nodes: readonly (readonly [string, number])[];
  readonly edges: readonly (readonly [string, EdgeWeight])[];
  /** Share of each week inside a period (a month): the worker also returns its cred. */
  readonly fractions?: Float64Array;
}

export type WhatIfResponse =
  | {
      readonly id: number;
      /** Cred of each identity over all weeks, in leaderboard order. */
      readonly totals: Float64Array;
      /** With `fractions`: cred of each identity in that period. */
      readonly periodTotals?: Float64Array;
      readonly iterations: number;
      readonly converged: boolean;
      readonly ms: number;
    }
  | { readonly id: number; readonly error: string };

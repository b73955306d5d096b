/**
 * OpenRank parameters and the two named presets (docs/decisions/0302-openrank.md):
 *
 * - `ktoken`, the default: the model the KToken document describes (reference part C): issue 1,
 *   PR 5, developer and project 1; reactions multiply a contribution's initial value (👍 2×,
 *   ❤️ 3×, 🚀 4×, at most 9×); an inactive Issue/PR keeps 50% a month, an inactive developer
 *   85%; values below 0.1 are cleared to zero.
 * - `open-digger`: open-digger's project OpenRank documentation (reference C2): issue 2, PR 3 /
 *   merged 5, 0.8 a month for every node type, below 0.1 reset to zero.
 *
 * Both keep the documented retention (0.15 developers and projects, 0.8 Issues/PRs) and the
 * 90/10 split of a contribution's outflow between its developers and its project. A preset's
 * initial values for issues and PRs live in its weight file (templates/openrank/<preset>/);
 * everything else is here, and every value is a setting of cred.json's `cred.openrank`.
 */
import { CredError } from '../errors.js';

/** One value per kind of OpenRank node. */
export interface PerNodeKind {
  readonly developer: number;
  readonly contribution: number;
  readonly container: number;
}

/** How the reactions on a contribution combine into the multiplier of its initial value. */
export type ReactionCombine = 'kinds' | 'each';

export const REACTION_COMBINES: readonly ReactionCombine[] = ['kinds', 'each'];

export interface ReactionParams {
  /**
   * `kinds`: the multiplier is the sum of the factors of the distinct kinds of reaction a
   * contribution received (👍 alone 2×, 👍 + ❤️ 5×, all three 9×); `each`: the sum over every
   * reaction (two 👍 4×). Either way at least 1 and at most `ceiling`.
   */
  readonly combine: ReactionCombine;
  readonly ceiling: number;
}

export interface OpenRankParams {
  /** Share of a node's value that comes from its own initial (or inherited) value. */
  readonly retention: PerNodeKind;
  /** Initial value of a developer or container with no history (contributions: their mint). */
  readonly initialValue: { readonly developer: number; readonly container: number };
  /** Share of a contribution's outflow that goes to its container ("belong" edge). */
  readonly belongRatio: number;
  /** Factor on an inactive node's value for each month without activity, per node kind. */
  readonly attenuationPerMonth: PerNodeKind;
  /** An inherited value below this is cleared to zero (the node keeps no value, not its default). */
  readonly minimumValue: number;
  /** Months of history a node may inherit from (null: no limit but the minimum value). */
  readonly historyMonths: number | null;
  readonly reactions: ReactionParams;
  /**
   * Edge prefixes whose source is part of its destination (a comment of its issue): a part is
   * not a contribution of its own; who acts on it acts on the whole.
   */
  readonly partOf: readonly string[];
  /** Edge prefixes whose destination is part of its source (a topic contains its posts). */
  readonly contains: readonly string[];
  /** Stop when the L1 change of one step, relative to the month's total value, is below this. */
  readonly tolerance: number;
  readonly maxIterations: number;
}

export type OpenRankPresetName = 'ktoken' | 'open-digger';

export const OPENRANK_PRESET_NAMES: readonly OpenRankPresetName[] = ['ktoken', 'open-digger'];

const DOCUMENTED_RETENTION = { developer: 0.15, contribution: 0.8, container: 0.15 };
const SOLVER = { tolerance: 1e-10, maxIterations: 1000 };

/** The KToken document's model: the default of `"algorithm": "openrank"`. */
export const KTOKEN_OPENRANK_PARAMS: OpenRankParams = deepFreeze({
  retention: DOCUMENTED_RETENTION,
  initialValue: { developer: 1, container: 1 },
  belongRatio: 0.1,
  attenuationPerMonth: { developer: 0.85, contribution: 0.5, container: 0.85 },
  minimumValue: 0.1,
  historyMonths: null,
  reactions: { combine: 'kinds', ceiling: 9 },
  partOf: ['github/has-parent'],
  contains: ['discourse/contains-post'],
  ...SOLVER,
});

/** open-digger's project OpenRank documentation. */
export const OPEN_DIGGER_OPENRANK_PARAMS: OpenRankParams = deepFreeze({
  ...KTOKEN_OPENRANK_PARAMS,
  attenuationPerMonth: { developer: 0.8, contribution: 0.8, container: 0.8 },
});

export const OPENRANK_PRESETS: Readonly<Record<OpenRankPresetName, OpenRankParams>> = {
  ktoken: KTOKEN_OPENRANK_PARAMS,
  'open-digger': OPEN_DIGGER_OPENRANK_PARAMS,
};

export const DEFAULT_OPENRANK_PARAMS: OpenRankParams = KTOKEN_OPENRANK_PARAMS;

/** The parameters as one flat record, for the `parameters` of output/cred.json. */
export function flatOpenRankParams(params: OpenRankParams): Record<string, number | string> {
  const kinds = (name: string, values: PerNodeKind) => ({
    [`${name}.developer`]: values.developer,
    [`${name}.contribution`]: values.contribution,
    [`${name}.container`]: values.container,
  });
  return {
    ...kinds('retention', params.retention),
    'initialValue.developer': params.initialValue.developer,
    'initialValue.container': params.initialValue.container,
    belongRatio: params.belongRatio,
    ...kinds('attenuationPerMonth', params.attenuationPerMonth),
    minimumValue: params.minimumValue,
    historyMonths: params.historyMonths ?? 'none',
    'reactions.combine': params.reactions.combine,
    'reactions.ceiling': params.reactions.ceiling,
    partOf: params.partOf.join(' '),
    contains: params.contains.join(' '),
    tolerance: params.tolerance,
    maxIterations: params.maxIterations,
  };
}

export function checkOpenRankParams(params: OpenRankParams): void {
  const fail = (field: string, expected: string, value: unknown): never => {
    const path = field === 'tolerance' || field === 'maxIterations' ? field : `openrank.${field}`;
    throw new CredError(
      'OPENRANK_BAD_PARAM',
      `cred.${path} must be ${expected}, got ${String(value)}`,
      { suggestions: [`Fix cred.${path} in cred.json, or remove it to use the preset's value.`] },
    );
  };
  for (const [name, value] of Object.entries(params.retention)) {
    if (!(value > 0 && value <= 1)) fail(`retention.${name}`, 'in (0, 1]', value);
  }
  for (const [name, value] of Object.entries(params.initialValue)) {
    if (!(value >= 0 && Number.isFinite(value))) fail(`initialValue.${name}`, '>= 0', value);
  }
  if (!(params.belongRatio >= 0 && params.belongRatio <= 1)) {
    fail('belongRatio', 'in [0, 1]', params.belongRatio);
  }
  for (const [name, value] of Object.entries(params.attenuationPerMonth)) {
    if (!(value >= 0 && value <= 1)) fail(`attenuationPerMonth.${name}`, 'in [0, 1]', value);
  }
  if (!(params.minimumValue >= 0)) fail('minimumValue', '>= 0', params.minimumValue);
  if (!REACTION_COMBINES.includes(params.reactions.combine)) {
    fail('reactions.combine', `one of ${REACTION_COMBINES.join(', ')}`, params.reactions.combine);
  }
  const { ceiling } = params.reactions;
  if (!(ceiling >= 1 && Number.isFinite(ceiling))) fail('reactions.ceiling', '>= 1', ceiling);
  const history = params.historyMonths;
  if (history !== null && !(Number.isInteger(history) && history > 0)) {
    fail('historyMonths', 'a positive integer or null', history);
  }
  if (!(params.tolerance > 0)) fail('tolerance', '> 0', params.tolerance);
  if (!(Number.isInteger(params.maxIterations) && params.maxIterations > 0)) {
    fail('maxIterations', 'a positive integer', params.maxIterations);
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  }
  return Object.freeze(value);
}

/**
 * OpenRank parameters. Defaults are the documented project-internal model (X-lab's community
 * OpenRank, reference/opencollective-ktoken.md C2): developers and containers keep 0.15 of
 * their inherited or initial value and contributions 0.8; a contribution passes 0.1 of its
 * value to its container and 0.9 to the developers active on it; inactive nodes lose 20% a
 * month and are forgotten below 0.1. open-digger's running code (C3) differs (retention 0.15
 * everywhere, background 0.05, attenuation 0.85 over 3 months); every value is a setting, so a
 * community can select either (docs/decisions/0302-openrank.md).
 */
import { CredError } from '../errors.js';

export interface OpenRankParams {
  /** Share of a node's value that comes from its own initial (or inherited) value. */
  readonly retention: {
    readonly developer: number;
    readonly contribution: number;
    readonly container: number;
  };
  /** Initial value of a developer or container with no history (contributions: their mint). */
  readonly initialValue: { readonly developer: number; readonly container: number };
  /** Share of a contribution's outflow that goes to its container ("belong" edge). */
  readonly belongRatio: number;
  /** Factor applied to an inactive node's value for each month without activity. */
  readonly attenuationPerMonth: number;
  /** An attenuated value below this is forgotten: the node starts again from its default. */
  readonly minimumValue: number;
  /** Months of history a node may inherit from (null: no limit but the minimum value). */
  readonly historyMonths: number | null;
  /** A reaction of weight w multiplies a contribution's value by (1 + reactionFactor * w). */
  readonly reactionFactor: number;
  /** Stop when the L1 change of one step, relative to the month's total value, is below this. */
  readonly tolerance: number;
  readonly maxIterations: number;
}

export const DEFAULT_OPENRANK_PARAMS: OpenRankParams = Object.freeze({
  retention: Object.freeze({ developer: 0.15, contribution: 0.8, container: 0.15 }),
  initialValue: Object.freeze({ developer: 1, container: 1 }),
  belongRatio: 0.1,
  attenuationPerMonth: 0.8,
  minimumValue: 0.1,
  historyMonths: null,
  reactionFactor: 0.1,
  tolerance: 1e-10,
  maxIterations: 1000,
});

/** The parameters as one flat record, for the `parameters` of output/cred.json. */
export function flatOpenRankParams(params: OpenRankParams): Record<string, number | string> {
  return {
    'retention.developer': params.retention.developer,
    'retention.contribution': params.retention.contribution,
    'retention.container': params.retention.container,
    'initialValue.developer': params.initialValue.developer,
    'initialValue.container': params.initialValue.container,
    belongRatio: params.belongRatio,
    attenuationPerMonth: params.attenuationPerMonth,
    minimumValue: params.minimumValue,
    historyMonths: params.historyMonths ?? 'none',
    reactionFactor: params.reactionFactor,
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
      { suggestions: [`Fix cred.${path} in cred.json, or remove it to use the default.`] },
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
  if (!(params.attenuationPerMonth >= 0 && params.attenuationPerMonth <= 1)) {
    fail('attenuationPerMonth', 'in [0, 1]', params.attenuationPerMonth);
  }
  if (!(params.minimumValue >= 0)) fail('minimumValue', '>= 0', params.minimumValue);
  if (!(params.reactionFactor >= 0)) fail('reactionFactor', '>= 0', params.reactionFactor);
  const history = params.historyMonths;
  if (history !== null && !(Number.isInteger(history) && history > 0)) {
    fail('historyMonths', 'a positive integer or null', history);
  }
  if (!(params.tolerance > 0)) fail('tolerance', '> 0', params.tolerance);
  if (!(Number.isInteger(params.maxIterations) && params.maxIterations > 0)) {
    fail('maxIterations', 'a positive integer', params.maxIterations);
  }
}

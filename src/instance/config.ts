/**
 * cred.json: the instance's settings. Parsed strictly: an unknown field is an error naming the
 * file, the field and the fix, because a misspelt setting that is silently ignored is how a
 * collective pays the wrong people. Each plugin validates its own section (`plugins.<name>`).
 */
import * as z from 'zod';
import { isKnownCurrency } from '../core/currency.js';
import { DEFAULT_CREDRANK_PARAMS } from '../core/credrank/params.js';
import {
  OPENRANK_PRESET_NAMES,
  OPENRANK_PRESETS,
  REACTION_COMBINES,
  type OpenRankParams,
  type OpenRankPresetName,
  type ReactionCombine,
} from '../core/openrank/params.js';
import { parseWithSchema } from '../core/validation.js';
import { WEEK_STARTS } from '../core/weeks.js';

export const INSTANCE_FORMAT = { type: 'cred/instance', version: 1 } as const;

export const PLUGIN_NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

const share = z.number().min(0).max(1);
const retention = z.number().gt(0).max(1);
const nonNegative = z.number().finite().nonnegative();

const perKind = (value: z.ZodNumber) =>
  z.strictObject({
    developer: value.optional(),
    contribution: value.optional(),
    container: value.optional(),
  });

const edgePrefixes = z.array(
  z.string().regex(/^[a-z0-9-]+(\/[^/]+)+$/, 'expected an edge prefix such as "github/has-parent"'),
);

/**
 * `cred.openrank`: a preset and the fields that differ from it (docs/formats.md, decision
 * 0302). `attenuationPerMonth` is one factor for every node kind, or one per kind.
 */
const openRankSettingsSchema = z.strictObject({
  preset: z
    .enum(OPENRANK_PRESET_NAMES as [OpenRankPresetName, ...OpenRankPresetName[]], {
      message: `expected one of ${OPENRANK_PRESET_NAMES.map((name) => `"${name}"`).join(', ')}`,
    })
    .default('ktoken'),
  retention: perKind(retention).optional(),
  initialValue: z
    .strictObject({ developer: nonNegative.optional(), container: nonNegative.optional() })
    .optional(),
  belongRatio: share.optional(),
  attenuationPerMonth: z.union([share, perKind(share)]).optional(),
  minimumValue: nonNegative.optional(),
  historyMonths: z.number().int().positive().nullable().optional(),
  reactions: z
    .strictObject({
      combine: z.enum(REACTION_COMBINES as [ReactionCombine, ...ReactionCombine[]]).optional(),
      ceiling: z.number().finite().min(1).optional(),
    })
    .optional(),
  partOf: edgePrefixes.optional(),
  contains: edgePrefixes.optional(),
});

type OpenRankSettings = z.infer<typeof openRankSettingsSchema>;

const credSettingsSchema = z.strictObject({
  algorithm: z.enum(['credrank', 'openrank']).default('credrank'),
  alpha: share.default(DEFAULT_CREDRANK_PARAMS.alpha),
  beta: share.default(DEFAULT_CREDRANK_PARAMS.beta),
  gammaForward: share.default(DEFAULT_CREDRANK_PARAMS.gammaForward),
  gammaBackward: share.default(DEFAULT_CREDRANK_PARAMS.gammaBackward),
  tolerance: z.number().positive().default(DEFAULT_CREDRANK_PARAMS.tolerance),
  maxIterations: z.number().int().positive().default(DEFAULT_CREDRANK_PARAMS.maxIterations),
  /** Used when `algorithm` is "openrank"; the preset's values apply to what is absent. */
  openrank: openRankSettingsSchema.optional(),
});

const instanceConfigSchema = z.strictObject({
  type: z.literal('cred/instance', { message: 'expected "cred/instance"' }),
  version: z.literal(1, { message: 'expected 1' }),
  name: z.string().min(1, { message: 'expected a non-empty name' }),
  currency: z.string().refine(isKnownCurrency, {
    message: 'expected an ISO 4217 currency code that Open Collective accepts (e.g. "USD", "EUR")',
  }),
  plugins: z.record(
    z.string().regex(PLUGIN_NAME_PATTERN, { message: 'plugin names are lowercase [a-z0-9-]' }),
    z.record(z.string(), z.unknown(), { message: 'expected an object of plugin settings' }),
  ),
  cred: credSettingsSchema.default(credSettingsSchema.parse({})),
  /**
   * The day weeks start, 00:00 UTC: "monday" (ISO weeks) or "sunday" (SourceCred's
   * d3.utcWeek, which `cred import sourcecred` sets so imported communities keep their weeks).
   * Used wherever weeks are cut: CredRank's participant-weeks, payout proration, the explorer.
   * Absent means "monday" (left out of new instances' cred.json, so their files do not change).
   */
  weekStart: z.enum(WEEK_STARTS).optional(),
  /** Payout settings; validated by the payout layer. */
  payout: z.record(z.string(), z.unknown()).optional(),
  /** KToken settings; validated by src/instance/ktoken/config.ts. */
  ktoken: z.record(z.string(), z.unknown()).optional(),
  /** Domains, budget split and review groups; validated by governanceConfig.ts. */
  governance: z.record(z.string(), z.unknown()).optional(),
});

export type InstanceConfig = z.infer<typeof instanceConfigSchema>;
export type CredSettings = InstanceConfig['cred'];

/** OpenRank's parameters: the preset's, overridden by what cred.json sets. */
export function openRankParams(cred: CredSettings): OpenRankParams {
  const settings: OpenRankSettings = cred.openrank ?? { preset: 'ktoken' };
  const preset = OPENRANK_PRESETS[settings.preset];
  const attenuation = settings.attenuationPerMonth;
  return {
    retention: { ...preset.retention, ...settings.retention },
    initialValue: { ...preset.initialValue, ...settings.initialValue },
    belongRatio: settings.belongRatio ?? preset.belongRatio,
    attenuationPerMonth:
      typeof attenuation === 'number'
        ? { developer: attenuation, contribution: attenuation, container: attenuation }
        : { ...preset.attenuationPerMonth, ...attenuation },
    minimumValue: settings.minimumValue ?? preset.minimumValue,
    historyMonths:
      settings.historyMonths === undefined ? preset.historyMonths : settings.historyMonths,
    reactions: { ...preset.reactions, ...settings.reactions },
    partOf: settings.partOf ?? preset.partOf,
    contains: settings.contains ?? preset.contains,
    tolerance: cred.tolerance,
    maxIterations: cred.maxIterations,
  };
}

export function parseInstanceConfig(json: unknown, file: string): InstanceConfig {
  return parseWithSchema(
    instanceConfigSchema,
    json,
    file,
    'CONFIG_INVALID',
    'Fix "{field}" in cred.json; "cred init" in an empty folder shows a valid example.',
  );
}

/** The cred.json that `cred init` writes. */
export function defaultInstanceConfig(name: string, currency: string): InstanceConfig {
  return {
    ...INSTANCE_FORMAT,
    name,
    currency,
    plugins: { files: {} },
    cred: credSettingsSchema.parse({}),
  };
}

/**
 * The cred.json of `cred init --algorithm openrank`: the preset's parameters written out, and
 * none of CredRank's (they would take their defaults, unused).
 */
export function openRankInstanceConfig(
  name: string,
  currency: string,
  preset: OpenRankPresetName,
): z.input<typeof instanceConfigSchema> {
  const { tolerance, maxIterations, ...params } = OPENRANK_PRESETS[preset];
  const openrank = openRankSettingsSchema.parse({ preset, ...params });
  return {
    ...defaultInstanceConfig(name, currency),
    cred: { algorithm: 'openrank', tolerance, maxIterations, openrank },
  };
}

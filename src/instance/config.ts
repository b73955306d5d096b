/**
 * cred.json: the instance's settings. Parsed strictly: an unknown field is an error naming the
 * file, the field and the fix, because a misspelt setting that is silently ignored is how a
 * collective pays the wrong people. Each plugin validates its own section (`plugins.<name>`).
 */
import { z } from 'zod';
import { isKnownCurrency } from '../core/currency.js';
import { DEFAULT_CREDRANK_PARAMS } from '../core/credrank/params.js';
import { DEFAULT_OPENRANK_PARAMS, type OpenRankParams } from '../core/openrank/params.js';
import { parseWithSchema } from '../core/validation.js';
import { WEEK_STARTS } from '../core/weeks.js';

export const INSTANCE_FORMAT = { type: 'cred/instance', version: 1 } as const;

export const PLUGIN_NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

const share = z.number().min(0).max(1);
const retention = z.number().gt(0).max(1);
const nonNegative = z.number().finite().nonnegative();
const OR = DEFAULT_OPENRANK_PARAMS;

const retentionSchema = z.strictObject({
  developer: retention.default(OR.retention.developer),
  contribution: retention.default(OR.retention.contribution),
  container: retention.default(OR.retention.container),
});

const initialValueSchema = z.strictObject({
  developer: nonNegative.default(OR.initialValue.developer),
  container: nonNegative.default(OR.initialValue.container),
});

/** `cred.openrank`: OpenRank's model parameters (docs/formats.md, decision 0302). */
const openRankSettingsSchema = z.strictObject({
  retention: retentionSchema.default(retentionSchema.parse({})),
  initialValue: initialValueSchema.default(initialValueSchema.parse({})),
  belongRatio: share.default(OR.belongRatio),
  attenuationPerMonth: share.default(OR.attenuationPerMonth),
  minimumValue: nonNegative.default(OR.minimumValue),
  historyMonths: z.number().int().positive().nullable().default(OR.historyMonths),
  reactionFactor: nonNegative.default(OR.reactionFactor),
});

const credSettingsSchema = z.strictObject({
  algorithm: z.enum(['credrank', 'openrank']).default('credrank'),
  alpha: share.default(DEFAULT_CREDRANK_PARAMS.alpha),
  beta: share.default(DEFAULT_CREDRANK_PARAMS.beta),
  gammaForward: share.default(DEFAULT_CREDRANK_PARAMS.gammaForward),
  gammaBackward: share.default(DEFAULT_CREDRANK_PARAMS.gammaBackward),
  tolerance: z.number().positive().default(DEFAULT_CREDRANK_PARAMS.tolerance),
  maxIterations: z.number().int().positive().default(DEFAULT_CREDRANK_PARAMS.maxIterations),
  /** Used when `algorithm` is "openrank"; defaults apply to what is absent. */
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
  /** KToken settings; validated by src/instance/ktokenConfig.ts. */
  ktoken: z.record(z.string(), z.unknown()).optional(),
  /** Domains, budget split and review groups; validated by governanceConfig.ts. */
  governance: z.record(z.string(), z.unknown()).optional(),
});

export type InstanceConfig = z.infer<typeof instanceConfigSchema>;
export type CredSettings = InstanceConfig['cred'];

/** OpenRank's parameters from the cred section (its tolerance and iteration limit are shared). */
export function openRankParams(cred: CredSettings): OpenRankParams {
  const settings = cred.openrank ?? openRankSettingsSchema.parse({});
  return { ...settings, tolerance: cred.tolerance, maxIterations: cred.maxIterations };
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

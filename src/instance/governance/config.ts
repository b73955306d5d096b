/**
 * The `governance` section of cred.json (docs/governance.md): the domain tree and the
 * containers each domain claims, how a month's pool is split among domains (fixed shares or
 * the budget box), the declared groups that vote on objections (maintainers, funders; the
 * contributors are everyone with cred) and the share of a group that blocks a line. Everything
 * is optional: without it there is one domain, the whole community, and no split.
 */
import * as z from 'zod';
import {
  buildDomainTree,
  DOMAIN_ID_PATTERN,
  ROOT_DOMAIN,
  type DomainTree,
} from '../../core/domains.js';
import { ConfigError } from '../../core/errors.js';
import { parseWithSchema } from '../../core/validation.js';
import type { InstanceConfig } from '../config.js';

const domainId = z.string().regex(DOMAIN_ID_PATTERN, { message: 'expected a domain id [a-z0-9-]' });

const domainSchema = z.strictObject({
  id: domainId,
  name: z.string().min(1).optional(),
  parent: domainId.optional(),
  containers: z.array(z.string().min(1)).default([]),
});

const splitSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('fixed'),
    /** Domain id (or "root") -> share; normalized, so 3 and 1 mean 75% and 25%. */
    shares: z.record(domainId, z.number().positive().finite()),
  }),
  z.strictObject({
    type: z.literal('budget'),
    /** The domains members compare pairwise. */
    domains: z.array(domainId).min(2),
    damping: z.number().min(0).lt(1).default(0.1),
  }),
]);

const governanceSchema = z.strictObject({
  domains: z.array(domainSchema).default([]),
  split: splitSchema.optional(),
  maintainers: z.array(z.string().min(1)).default([]),
  funders: z.array(z.string().min(1)).default([]),
  blockingShare: z.union([z.number(), z.string()]).default('0.25'),
});

export type SplitSettings = z.infer<typeof splitSchema>;

export interface GovernanceSettings {
  readonly tree: DomainTree;
  readonly split: SplitSettings | undefined;
  /** Identity names (or ids, or account addresses), resolved against the ledger when used. */
  readonly maintainers: readonly string[];
  readonly funders: readonly string[];
  /** Decimal string in (0, 1]. */
  readonly blockingShare: string;
}

export function governanceSettings(config: InstanceConfig): GovernanceSettings {
  const parsed = parseWithSchema(
    governanceSchema,
    config.governance ?? {},
    'cred.json (governance)',
    'CONFIG_INVALID',
    'Fix "governance.{field}" in cred.json (docs/governance.md).',
  );
  const tree = buildDomainTree(parsed.domains, config.name);
  const blockingShare = String(parsed.blockingShare);
  if (
    !/^\d+(\.\d+)?$/.test(blockingShare) ||
    !(Number(blockingShare) > 0 && Number(blockingShare) <= 1)
  )
    throw invalid('blockingShare', `expected a share in (0, 1], got ${blockingShare}`, [
      'Kriya proposes "0.25": a quarter of any one group blocks a line.',
    ]);
  for (const id of splitDomains(parsed.split)) {
    if (!tree.ids.includes(id))
      throw invalid('split', `"${id}" is not a domain (known: ${tree.ids.join(', ')})`, [
        `Declare it in governance.domains, or use "${ROOT_DOMAIN}" for the whole community.`,
      ]);
  }
  return {
    tree,
    split: parsed.split,
    maintainers: parsed.maintainers,
    funders: parsed.funders,
    blockingShare,
  };
}

/** The domains a split gives parts to, in the order written. */
export function splitDomains(split: SplitSettings | undefined): string[] {
  if (split === undefined) return [];
  return split.type === 'fixed' ? Object.keys(split.shares) : [...new Set(split.domains)];
}

/** What members compare in the budget box: the split's domains, or every declared domain. */
export function budgetItems(settings: GovernanceSettings): string[] {
  if (settings.split?.type === 'budget') return splitDomains(settings.split);
  return settings.tree.ids.filter((id) => id !== ROOT_DOMAIN);
}

function invalid(field: string, problem: string, suggestions: string[]): ConfigError {
  return new ConfigError('CONFIG_INVALID', `cred.json: field "governance.${field}": ${problem}`, {
    ref: `cred.json#governance.${field}`,
    suggestions,
  });
}

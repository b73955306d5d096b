/** One identity proposal per person named in the records. */
import { compareStrings } from '../../core/canonicalJson.js';
import type { IdentityProposal } from '../../core/identity.js';
import { FILES_PLUGIN } from './declaration.js';
import { personAddress } from './graph.js';
import type { ContributionRecord } from './records.js';

export function filesIdentities(records: readonly ContributionRecord[]): IdentityProposal[] {
  const names = new Set(records.flatMap((record) => record.contributors.map((c) => c.name)));
  return [...names].sort(compareStrings).map((name) => ({
    plugin: FILES_PLUGIN,
    alias: personAddress(name),
    name,
    type: 'user' as const,
    description: `${name} (named in contributions/)`,
  }));
}

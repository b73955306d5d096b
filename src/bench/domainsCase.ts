/**
 * One benchmark case of cred per domain (core/domainCred.ts), in its own process: scores the
 * synthetic community with CredRank, assigns its contributions round-robin to `--domains`
 * domains, then times the attribution of every participant-week to domains and checks that
 * the parts add up to each identity-week's cred. Prints one JSON line.
 */
import { computeCredRank } from '../core/credrank/credRank.js';
import { computeDomainCred } from '../core/domainCred.js';
import { argument, communityFromArguments, peakRssMb, timed } from './caseSetup.js';

const { community, weeks } = communityFromArguments();
const domainCount = argument('domains') ?? 8;
const scored = timed(() =>
  computeCredRank(community.graph, community.weights, community.identities),
);
const result = scored.result;
const baseDomains = Int32Array.from(result.process.baseAddresses, (_, k) => k % domainCount);
const {
  result: cred,
  computeMs,
  computeCpuMs,
} = timed(() => computeDomainCred(result, baseDomains, domainCount));
let worst = 0;
result.credByIdentity.forEach((weekly, i) => {
  const own = cred.own[i];
  for (let t = 0; t < weekly.length; t++) {
    let parts = 0;
    for (let d = 0; d < domainCount; d++) parts += own?.[d * weekly.length + t] ?? 0;
    const value = weekly[t] as number;
    worst = Math.max(worst, Math.abs(parts - value) / Math.max(value, 1e-300));
  }
});
process.stdout.write(
  `${JSON.stringify({
    edges: community.graph.edgeCount,
    users: community.users,
    weeks,
    domains: domainCount,
    participants: result.process.participants.length,
    credRankMs: scored.computeMs,
    computeMs,
    computeCpuMs,
    maxRelativeError: worst,
    peakRssMb: peakRssMb(),
  })}\n`,
);

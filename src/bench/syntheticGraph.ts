/**
 * A deterministic synthetic community for benchmarks, shaped like SourceCred's own benchmark
 * (reference section 7) so the figures compare: N users with skewed activity, E/3 contributions
 * spread uniformly over W weeks, one authorship per contribution (Zipf-like choice of author),
 * E/3 reactions and the rest references to older contributions. Seeded, so every run builds the
 * same graph.
 */
import { edgeAddress, nodeAddress, type NodeAddress } from '../core/address.js';
import { Graph } from '../core/graph.js';
import type { Identity, IdentityId } from '../core/identity.js';
import type { Weights } from '../core/weights.js';
import { mulberry32 } from '../core/random.js';
import { WEEK_MS } from '../core/weeks.js';

export interface SyntheticShape {
  readonly edges: number;
  readonly weeks: number;
  /** Defaults to round(1.6 * sqrt(edges)), as in SourceCred's benchmark. */
  readonly users?: number;
  readonly seed?: number;
}

export interface SyntheticCommunity {
  readonly graph: Graph;
  readonly identities: Identity[];
  readonly weights: Weights;
  readonly users: number;
  readonly contributions: number;
}

/** 2026-01-05, a Monday. */
export const SYNTHETIC_START_MS = Date.UTC(2026, 0, 5);

export const SYNTHETIC_WEIGHTS: Weights = {
  nodes: new Map([
    ['bench/contribution', 1],
    ['bench/user', 0],
  ]),
  edges: new Map([
    ['bench/authors', { forwards: 0.5, backwards: 1 }],
    ['bench/reacts', { forwards: 1, backwards: 1 / 16 }],
    ['bench/references', { forwards: 1, backwards: 0 }],
  ]),
};

interface Population {
  readonly graph: Graph;
  readonly users: readonly NodeAddress[];
  readonly contributions: readonly NodeAddress[];
  readonly times: readonly number[];
  readonly skewedUser: () => number;
  readonly random: () => number;
}

export function syntheticCommunity(shape: SyntheticShape): SyntheticCommunity {
  const random = mulberry32(shape.seed ?? 42);
  const userCount = syntheticUserCount(shape);
  const graph = new Graph();
  const identities = addUsers(graph, userCount);
  const population = addContributions(graph, identities, shape, random);
  addReactions(population, shape);
  addReferences(population, shape);
  return {
    graph,
    identities,
    weights: SYNTHETIC_WEIGHTS,
    users: userCount,
    contributions: population.contributions.length,
  };
}

function addUsers(graph: Graph, count: number): Identity[] {
  const identities = syntheticIdentities(count);
  identities.forEach((identity, u) =>
    graph.addNode({ address: identity.aliases[0]!, description: `user ${u}`, timestampMs: null }),
  );
  return identities;
}

/** The community's users (what `syntheticCommunity` adds), without building the graph. */
export function syntheticIdentities(count: number): Identity[] {
  return Array.from({ length: count }, (_, u) => ({
    id: `id${u}` as IdentityId,
    name: `user${u}`,
    type: 'user' as const,
    aliases: [nodeAddress(['bench', 'user', `u${u}`])],
  }));
}

export function syntheticUserCount(shape: SyntheticShape): number {
  return shape.users ?? Math.round(1.6 * Math.sqrt(shape.edges));
}

/** E/3 contributions at uniform times, each authored by a skewed choice of user. */
function addContributions(
  graph: Graph,
  identities: readonly Identity[],
  shape: SyntheticShape,
  random: () => number,
): Population {
  const users = identities.map((identity) => identity.aliases[0] as NodeAddress);
  const skewedUser = zipfSampler(users.length, random);
  const count = Math.floor(shape.edges / 3);
  const spanMs = shape.weeks * WEEK_MS;
  const times = Array.from(
    { length: count },
    () => SYNTHETIC_START_MS + Math.floor(random() * spanMs),
  );
  times.sort((a, b) => a - b);
  const contributions: NodeAddress[] = [];
  times.forEach((timestampMs, c) => {
    const address = nodeAddress(['bench', 'contribution', `c${c}`]);
    contributions.push(address);
    graph.addNode({ address, description: `contribution ${c}`, timestampMs });
    graph.addEdge({
      address: edgeAddress(['bench', 'authors', `c${c}`]),
      src: users[skewedUser()] as NodeAddress,
      dst: address,
      timestampMs,
    });
  });
  return { graph, users, contributions, times, skewedUser, random };
}

/** E/3 reactions by skewed users, within a week of the contribution. */
function addReactions(population: Population, shape: SyntheticShape): void {
  const { graph, users, contributions, times, skewedUser, random } = population;
  const endMs = SYNTHETIC_START_MS + shape.weeks * WEEK_MS - 1;
  for (let r = 0; r < contributions.length; r++) {
    const c = Math.floor(random() * contributions.length);
    graph.addEdge({
      address: edgeAddress(['bench', 'reacts', `r${r}`]),
      src: users[skewedUser()] as NodeAddress,
      dst: contributions[c] as NodeAddress,
      timestampMs: Math.min((times[c] as number) + Math.floor(random() * WEEK_MS), endMs),
    });
  }
}

/** The remaining edges: references from a contribution to an older one. */
function addReferences(population: Population, shape: SyntheticShape): void {
  const { graph, contributions, times, random } = population;
  for (let r = 0; graph.edgeCount < shape.edges; r++) {
    const c = 1 + Math.floor(random() * (contributions.length - 1));
    graph.addEdge({
      address: edgeAddress(['bench', 'references', `x${r}`]),
      src: contributions[c] as NodeAddress,
      dst: contributions[Math.floor(random() * c)] as NodeAddress,
      timestampMs: times[c] as number,
    });
  }
}

function zipfSampler(count: number, random: () => number): () => number {
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) {
    total += 1 / (k + 1);
    cumulative[k] = total;
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

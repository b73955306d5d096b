/**
 * Domains: the groups a community is made of (a media group and an infrastructure group, a
 * backend and a frontend team), as a tree under one implicit root, the whole community. Each
 * domain claims containers (repositories, forum categories, chats, task tables, contribution
 * folders) by address prefix; a node belongs to the domain with the most specific matching
 * prefix, and to the root when none matches. Cred earned in a domain also counts in every
 * domain above it (Colony's rule), so a domain's total is its own cred plus its children's.
 *
 * The tree is kept as arrays in pre-order (parents before children, siblings by id), so roll-up
 * is one backward pass and a listing is already in display order.
 */
import { hasPrefix } from './address.js';
import { compareStrings } from './canonicalJson.js';
import { ConfigError } from './errors.js';

/** The implicit root: the whole community. */
export const ROOT_DOMAIN = 'root';

export const DOMAIN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface DomainSpec {
  readonly id: string;
  readonly name?: string;
  /** The parent domain's id; the root when absent. */
  readonly parent?: string;
  /** Address prefixes of the containers (and nodes) this domain holds. */
  readonly containers: readonly string[];
}

export interface DomainTree {
  /** Domain ids in pre-order; index 0 is the root. */
  readonly ids: readonly string[];
  readonly names: readonly string[];
  /** Index of each domain's parent; -1 for the root. */
  readonly parent: readonly number[];
  readonly depth: readonly number[];
  /** Container prefix -> domain index, longest prefixes first. */
  readonly patterns: readonly (readonly [string, number])[];
}

const WHERE = 'cred.json#governance.domains';

function invalid(message: string, suggestion: string): ConfigError {
  return new ConfigError('DOMAINS_INVALID', `cred.json: governance.domains: ${message}`, {
    ref: WHERE,
    suggestions: [suggestion],
  });
}

/** Builds and checks the tree: unique ids, known parents, no cycle, each prefix claimed once. */
export function buildDomainTree(specs: readonly DomainSpec[], rootName: string): DomainTree {
  const byId = new Map<string, DomainSpec>();
  for (const spec of specs) {
    if (spec.id === ROOT_DOMAIN)
      throw invalid(`"${ROOT_DOMAIN}" is reserved`, 'The root (the whole community) is implicit.');
    if (byId.has(spec.id))
      throw invalid(`domain "${spec.id}" is listed twice`, 'Give every domain a unique id.');
    byId.set(spec.id, spec);
  }
  const children = new Map<string, string[]>([[ROOT_DOMAIN, []]]);
  for (const spec of specs) {
    const parent = spec.parent ?? ROOT_DOMAIN;
    if (parent !== ROOT_DOMAIN && !byId.has(parent))
      throw invalid(
        `domain "${spec.id}" names parent "${parent}", which is not a domain`,
        'Fix "parent", or leave it out for a domain directly under the community.',
      );
    children.set(parent, [...(children.get(parent) ?? []), spec.id]);
  }
  const ids: string[] = [];
  const parentIndex: number[] = [];
  const depth: number[] = [];
  const visit = (id: string, parent: number, level: number) => {
    const index = ids.length;
    ids.push(id);
    parentIndex.push(parent);
    depth.push(level);
    for (const child of [...(children.get(id) ?? [])].sort(compareStrings))
      visit(child, index, level + 1);
  };
  visit(ROOT_DOMAIN, -1, 0);
  if (ids.length !== specs.length + 1) {
    const cycle = specs.find((spec) => !ids.includes(spec.id));
    throw invalid(
      `domain "${cycle?.id}" is its own ancestor`,
      'Domains form a tree: follow the "parent" fields and break the cycle.',
    );
  }
  return {
    ids,
    names: ids.map((id) => (id === ROOT_DOMAIN ? rootName : (byId.get(id)?.name ?? id))),
    parent: parentIndex,
    depth,
    patterns: containerPatterns(specs, ids),
  };
}

function containerPatterns(
  specs: readonly DomainSpec[],
  ids: readonly string[],
): (readonly [string, number])[] {
  const claimed = new Map<string, string>();
  for (const spec of specs) {
    for (const prefix of spec.containers) {
      const other = claimed.get(prefix);
      if (other !== undefined)
        throw invalid(
          `container "${prefix}" is claimed by "${other}" and "${spec.id}"`,
          'A container belongs to one domain; a child domain can claim a longer prefix.',
        );
      claimed.set(prefix, spec.id);
    }
  }
  return [...claimed]
    .map(([prefix, id]) => [prefix, ids.indexOf(id)] as const)
    .sort((a, b) => b[0].length - a[0].length || compareStrings(a[0], b[0]));
}

/**
 * The domain of a node: the most specific prefix matching its container, else the most
 * specific matching its own address (a container node, a node type), else the root.
 */
export function domainOf(tree: DomainTree, address: string, container?: string): number {
  for (const key of container === undefined ? [address] : [container, address]) {
    for (const [prefix, index] of tree.patterns) if (hasPrefix(key, prefix)) return index;
  }
  return 0;
}

/** Totals with each domain's descendants added in (Colony's roll-up). */
export function rollUp(tree: DomainTree, own: ArrayLike<number>): Float64Array {
  const total = Float64Array.from(own);
  for (let d = tree.ids.length - 1; d > 0; d--) {
    const parent = tree.parent[d] as number;
    total[parent] = (total[parent] as number) + (total[d] as number);
  }
  return total;
}

/** `ancestor` itself or one of its descendants contains `domain`. */
export function isWithin(tree: DomainTree, domain: number, ancestor: number): boolean {
  for (let d = domain; d !== -1; d = tree.parent[d] as number) if (d === ancestor) return true;
  return false;
}

/** The index of a domain id; DOMAIN_UNKNOWN (naming the known ids) when absent. */
export function domainIndex(tree: DomainTree, id: string, where: string): number {
  const index = tree.ids.indexOf(id);
  if (index === -1)
    throw new ConfigError('DOMAIN_UNKNOWN', `${where}: "${id}" is not a domain`, {
      ref: WHERE,
      suggestions: [`Known domains: ${tree.ids.join(', ')}.`],
    });
  return index;
}

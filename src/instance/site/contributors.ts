/**
 * The explorer's contributor pages (data/contributors/<n>.json): for each identity with cred,
 * the contributions and people its cred came from (flow decomposition, src/core/credrank/
 * explain.ts), over all weeks and week by week, and the people it worked with. One pass over
 * the edges serves every identity; each identity then costs O(weeks^2 + sources x weeks).
 * Shares are integer units split by largest remainder, so the listed shares and the rest add
 * up exactly to the cred the leaderboard shows for the same week or for all weeks.
 */
import { addressPlugin } from '../../core/address.js';
import { compareStrings } from '../../core/canonicalJson.js';
import {
  explainChain,
  explainChainColumns,
  participantChainAt,
  type ParticipantChain,
} from '../../core/credrank/explain.js';
import { slotOfParticipantWeek } from '../../core/credrank/markovProcess.js';
import {
  edgeFlows,
  inflowEdges,
  processEdges,
  type EdgeInflow,
  type ProcessEdges,
} from '../../core/credrank/explainEdges.js';
import type { ScoredInstance } from '../explain/scores.js';
import { describeSource, edgeKinds, nodeKinds } from '../explain/sources.js';
import type { SiteContributor, SiteShare, SiteSource } from './format.js';
import { splitUnits, visibleUnits } from './numbers.js';
import { invertPairs, reactionPairs, reactionSummary } from './reactions.js';

/** Sources listed for all weeks, and per week; the rest is one number. */
const TOP_TOTAL = 25;
const TOP_WEEK = 6;
const TOP_COLLABORATORS = 10;
/** A node joining more identities than this (a repository, a busy thread) is no collaboration. */
const MAX_COLLABORATION_SIZE = 50;

type Groups = ReadonlyMap<string, readonly EdgeInflow[]>;

/** Calls `emit` with the page of every identity whose weekly units add up to more than 0. */
export function emitContributorPages(
  scored: ScoredInstance,
  position: ReadonlyMap<string, number>,
  unitsById: ReadonlyMap<string, readonly number[]>,
  quantum: number,
  emit: (page: Omit<SiteContributor, 'cred' | 'rank'>) => void,
): void {
  const visible = visibleUnits(quantum);
  const { result, identities } = scored;
  const process = result.process;
  const edges = processEdges(scored.graph, scored.weights, identities, process);
  const inflows = inflowEdges(edges, edgeFlows(edges, result), process);
  const identityOfSlot = (slot: number) => process.participants[slot] as number;
  const identityOfNode = (x: number) => identityOfSlot(slotOfParticipantWeek(process, x));
  const collaborators = collaboratorCounts(edges, process.baseCount, identityOfNode);
  const given = reactionPairs(scored, edges, identityOfNode);
  const received = invertPairs(given);
  const positionOf = (identityIndex: number) =>
    position.get(identities[identityIndex]!.id) as number;
  process.participants.forEach((identityIndex, slot) => {
    const identity = identities[identityIndex]!;
    const units = unitsById.get(identity.id) ?? [];
    if (units.every((value) => value === 0)) return;
    const groups = inflows.get(slot) ?? new Map();
    const page = contributorPage(scored, slot, units, groups, edges, visible, position);
    const shared = [...(collaborators.get(identityIndex) ?? new Map<number, number>())]
      .map(([other, count]) => [identities[other]!, count] as const)
      .sort(([a, x], [b, y]) => y - x || compareStrings(a.name, b.name))
      .slice(0, TOP_COLLABORATORS)
      .map(([other, count]) => [position.get(other.id) as number, count] as const);
    const reactions = reactionSummary(identityIndex, given, received, positionOf);
    emit({ ...page, collaborators: shared, ...(reactions === undefined ? {} : { reactions }) });
  });
}

function contributorPage(
  scored: ScoredInstance,
  slot: number,
  units: readonly number[],
  groups: Groups,
  edges: ProcessEdges,
  visible: number,
  position: ReadonlyMap<string, number>,
): Omit<SiteContributor, 'collaborators' | 'cred' | 'rank'> {
  const chain = participantChainAt(scored.result, slot);
  const identity = scored.identities[chain.identity]!;
  const sources = new SourceTable(scored, groups, edges, position);
  const totalUnits = units.reduce((a, b) => a + b, 0);
  const byNode = new Map<number, number>();
  for (const source of explainChain(chain, 0, chain.weekCount).sources) {
    byNode.set(source.node, (byNode.get(source.node) ?? 0) + source.cred);
  }
  const nodes = [...byNode].sort(([a, x], [b, y]) => y - x || a - b);
  const nodeUnits = splitUnits(
    totalUnits,
    nodes.map(([, cred]) => cred),
  );
  const shares: [number, number][] = [];
  const byPlugin = new Map<string, number>();
  const byKind = new Map<string, number>();
  nodes.forEach(([node], k) => {
    const value = nodeUnits[k] as number;
    addTo(byPlugin, sources.plugin(node), value);
    addTo(byKind, sources.kind(node), value);
    if (value >= visible && shares.length < TOP_TOTAL) shares.push([sources.index(node), value]);
  });
  const plugins = [...byPlugin.keys()].sort(compareStrings);
  const kinds = [...byKind.keys()].sort(compareStrings);
  const { weekly, weeks } = weekPages(chain, units, visible, sources, plugins, kinds);
  return {
    id: identity.id,
    name: identity.name,
    identityType: identity.type,
    aliases: [...identity.aliases].sort(compareStrings),
    credByPlugin: Object.fromEntries([...byPlugin].filter(([, value]) => value > 0)),
    credByKind: Object.fromEntries([...byKind].filter(([, value]) => value > 0)),
    weekly: { plugins, kinds, weeks: weekly },
    sources: sources.list,
    total: { shares, rest: totalUnits - shares.reduce((total, [, value]) => total + value, 0) },
    weeks,
  };
}

/**
 * Week by week, as columns over the chain's sources (explainChainColumns): every source reaches
 * every week through webbing, so a week lists tens of thousands on a large graph. Each week's
 * units by plugin and by kind, and its largest shares (with the rest as one number).
 */
function weekPages(
  chain: ParticipantChain,
  units: readonly number[],
  visible: number,
  sources: SourceTable,
  plugins: readonly string[],
  kinds: readonly string[],
): { weekly: [number, number[], number[]][]; weeks: [number, SiteShare[], number][] } {
  const { node: sourceNode, entryWeek } = chain.sources;
  const pluginOf = keyIndexes(sourceNode, plugins, (node) => sources.plugin(node));
  const kindOf = keyIndexes(sourceNode, kinds, (node) => sources.kind(node));
  const weekly: [number, number[], number[]][] = [];
  const weeks: [number, SiteShare[], number][] = [];
  units.forEach((weekUnits, week) => {
    if (weekUnits < visible) return;
    const { order, sourceCred } = explainChainColumns(chain, week, week + 1);
    weekly.push([
      week,
      groupedUnits(weekUnits, order, sourceCred, pluginOf, plugins.length),
      groupedUnits(weekUnits, order, sourceCred, kindOf, kinds.length),
    ]);
    const listedCred = new Float64Array(order.length);
    for (let i = 0; i < order.length; i++) listedCred[i] = sourceCred[order[i] as number] as number;
    const split = splitUnits(weekUnits, listedCred);
    const rows: SiteShare[] = [];
    for (let i = 0; i < order.length && rows.length < TOP_WEEK; i++) {
      const k = order[i] as number;
      if ((split[i] as number) >= visible)
        rows.push([
          sources.index(sourceNode[k] as number),
          entryWeek[k] as number,
          split[i] as number,
        ]);
    }
    weeks.push([week, rows, weekUnits - rows.reduce((total, row) => total + row[2], 0)]);
  });
  return { weekly, weeks };
}

/**
 * The index in `keys` of each chain source's key (plugin, kind), worked out once a page; -1
 * for a key not listed (a source with no cred in any week, which no week lists).
 */
function keyIndexes(
  sourceNode: Int32Array,
  keys: readonly string[],
  keyOf: (node: number) => string,
): Int32Array {
  const position = new Map(keys.map((key, k) => [key, k]));
  return Int32Array.from(sourceNode, (node) => position.get(keyOf(node)) ?? -1);
}

/**
 * A week's units split by key (plugin, kind) of its sources, adding up exactly: each key's
 * cred summed in the order the week lists its sources (`order`), then split.
 */
function groupedUnits(
  weekUnits: number,
  order: Int32Array,
  sourceCred: Float64Array,
  keyOf: Int32Array,
  keyCount: number,
): number[] {
  const cred = new Float64Array(keyCount);
  for (const k of order) {
    const key = keyOf[k] as number;
    if (key !== -1) cred[key] = (cred[key] as number) + (sourceCred[k] as number);
  }
  return splitUnits(weekUnits, cred);
}

function addTo(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** The sources a page refers to, numbered in order of first use. */
class SourceTable {
  readonly list: SiteSource[] = [];
  private readonly indexOf = new Map<number, number>();
  private readonly edgeKind;
  private readonly nodeKind;
  /** Per source node: relations and plugins of the edges that carried its flow. */
  private readonly carriers = new Map<number, { via: Set<string>; plugins: string[] }>();
  private readonly pluginOf = new Map<number, string>();

  constructor(
    private readonly scored: ScoredInstance,
    groups: Groups,
    edges: ProcessEdges,
    private readonly position: ReadonlyMap<string, number>,
  ) {
    this.edgeKind = edgeKinds(scored);
    this.nodeKind = nodeKinds(scored);
    for (const [key, group] of groups) {
      const node = Number(key.slice(0, key.indexOf(':')));
      let carrier = this.carriers.get(node);
      if (carrier === undefined)
        this.carriers.set(node, (carrier = { via: new Set(), plugins: [] }));
      for (const inflow of group) {
        const address = edges.addressOf(inflow.edge);
        carrier.via.add(this.edgeKind(address, inflow.forwards).relation);
        carrier.plugins.push(addressPlugin(address));
      }
    }
  }

  /** The plugin a source's cred counts under: its own, or (for a person) the carrying edge's. */
  plugin(node: number): string {
    // Asked for each source in each week of the page: worked out once per source.
    let plugin = this.pluginOf.get(node);
    if (plugin === undefined) this.pluginOf.set(node, (plugin = this.pluginOfSource(node)));
    return plugin;
  }

  private pluginOfSource(node: number): string {
    if (node >= 0) return addressPlugin(this.scored.result.process.baseAddresses[node] as string);
    return [...(this.carriers.get(node)?.plugins ?? ['core'])].sort(compareStrings)[0] as string;
  }

  /** A source's kind: its declared node type's plural name, or "People" for a person. */
  kind(node: number): string {
    if (node < 0) return 'People';
    const address = this.scored.result.process.baseAddresses[node] as string;
    return this.nodeKind(address);
  }

  index(node: number): number {
    const known = this.indexOf.get(node);
    if (known !== undefined) return known;
    const info = describeSource(this.scored, node);
    const via = [...(this.carriers.get(node)?.via ?? [])].sort(compareStrings);
    this.list.push({
      description: info.description,
      plugin: info.plugin,
      ...(info.url === undefined ? {} : { url: info.url }),
      timestampMs: info.timestampMs,
      ...(info.identity === undefined ? {} : { identity: this.position.get(info.identity.id) }),
      via,
    });
    this.indexOf.set(node, this.list.length - 1);
    return this.list.length - 1;
  }
}

/**
 * For each identity, how many contributions it shares with each other identity (both joined
 * to the same node by weighted edges), plus direct edges between the two.
 */
function collaboratorCounts(
  edges: ProcessEdges,
  baseCount: number,
  identityOf: (participantWeek: number) => number,
): Map<number, Map<number, number>> {
  const around = new Map<number, Set<number>>();
  const counts = new Map<number, Map<number, number>>();
  const count = (a: number, b: number): void => {
    if (a === b) return;
    let row = counts.get(a);
    if (row === undefined) counts.set(a, (row = new Map()));
    row.set(b, (row.get(b) ?? 0) + 1);
  };
  for (let e = 0; e < edges.count; e++) {
    const [s, d] = [edges.src[e] as number, edges.dst[e] as number];
    if (s >= baseCount && d >= baseCount) {
      count(identityOf(s), identityOf(d));
      count(identityOf(d), identityOf(s));
      continue;
    }
    const [node, person] = s < baseCount ? [s, d] : [d, s];
    if (person < baseCount) continue;
    let set = around.get(node);
    if (set === undefined) around.set(node, (set = new Set()));
    set.add(identityOf(person));
  }
  for (const set of around.values()) {
    if (set.size < 2 || set.size > MAX_COLLABORATION_SIZE) continue;
    for (const a of set) for (const b of set) count(a, b);
  }
  return counts;
}

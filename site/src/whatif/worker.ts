/**
 * The what-if worker: reruns src/core's CredRank (the same code `cred score` runs, bundled for
 * the browser) on data/whatif.json with edited weights, off the page's main thread. The graph
 * is rebuilt once; each run only changes the weights. Node and edge addresses are made up as
 * `<weight key>/~<index>`, so the most specific key matching each one is the key that applied
 * to the real node or edge, and CredRank weighs it exactly as it did. The anti-gaming knobs in
 * force come with the data (with each node's container key and week where they need them) and
 * apply unchanged, so the same weights give the same scores as `cred score`.
 */
import { nodeAddress, type EdgeAddress, type NodeAddress } from '../../../src/core/address.js';
import { computeCredRank } from '../../../src/core/credrank/credRank.js';
import type { CredRankParams } from '../../../src/core/credrank/params.js';
import { Graph } from '../../../src/core/graph.js';
import { identityAddress, type Identity, type IdentityId } from '../../../src/core/identity.js';
import type { EdgeWeight } from '../../../src/core/plugin.js';
import type { Weights } from '../../../src/core/weights.js';
import { WEEK_MS } from '../../../src/core/weeks.js';
import type { SiteWhatIf } from '../../../src/instance/site/format.js';
import type { WhatIfRequest, WhatIfResponse } from './protocol.js';

interface Scope {
  onmessage: ((event: MessageEvent<WhatIfRequest>) => void) | null;
  postMessage(message: WhatIfResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as Scope;

let prepared:
  | Promise<{
      graph: Graph;
      identities: Identity[];
      params: CredRankParams;
      knobs: Omit<Weights, 'nodes' | 'edges'>;
    }>
  | undefined;

async function prepare(url: string, identityCount: number) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const data = (await response.json()) as SiteWhatIf;
  const identities: Identity[] = Array.from({ length: identityCount }, (_, i) => ({
    id: `w${i}` as IdentityId,
    name: `w${i}`,
    type: 'user',
    aliases: [],
  }));
  return {
    graph: buildGraph(data, identities),
    identities,
    params: data.parameters as unknown as CredRankParams,
    knobs: knobsOf(data),
  };
}

/** The knobs in force, as CredRank takes them; the what-if edits weights, not knobs. */
function knobsOf(data: SiteWhatIf): Omit<Weights, 'nodes' | 'edges'> {
  const { budgets, containers, reactions } = data.knobs ?? {};
  return {
    ...(budgets === undefined ? {} : { budgets: new Map(Object.entries(budgets)) }),
    ...(containers === undefined ? {} : { containers: new Map(Object.entries(containers)) }),
    ...(reactions === undefined
      ? {}
      : {
          reactions: {
            capPerWeek: reactions.capPerWeek,
            nodes: [...reactions.nodes],
            edges: [...reactions.edges],
          },
        }),
  };
}

function buildGraph(data: SiteWhatIf, identities: readonly Identity[]): Graph {
  const graph = new Graph();
  const keyed = (keys: readonly string[], key: number, index: number) =>
    `${key === -1 ? '~' : keys[key]}/~${index}`;
  const nodeWeights = new Map(data.nodes.weight.map(([node, weight]) => [node, weight]));
  const containers = new Map(data.nodes.container ?? []);
  const weeks = new Map(data.nodes.week ?? []);
  data.nodes.key.forEach((key, index) => {
    const weight = nodeWeights.get(index);
    const container = containers.get(index);
    const week = weeks.get(index);
    graph.addNode({
      address: keyed(data.nodeKeys, key, index) as NodeAddress,
      description: '',
      timestampMs: week === undefined ? null : data.firstWeekMs + week * WEEK_MS,
      ...(weight === undefined ? {} : { weight }),
      ...(container === undefined
        ? {}
        : { container: data.nodes.containerKeys?.[container] as NodeAddress }),
    });
  });
  // Two weightless markers keep the span of weeks that nodes outside this file set.
  const lastMs = data.firstWeekMs + (data.weekCount - 1) * WEEK_MS;
  for (const [name, timestampMs] of [
    ['first', data.firstWeekMs],
    ['last', lastMs],
  ] as const) {
    graph.addNode({ address: nodeAddress(['~', name]), description: '', timestampMs, weight: 0 });
  }
  const endpoint = (code: number): NodeAddress =>
    code < 0
      ? identityAddress((identities[-code - 1] as Identity).id)
      : (keyed(data.nodeKeys, data.nodes.key[code] as number, code) as NodeAddress);
  const edgeWeights = new Map(data.edges.weight.map(([edge, weight]) => [edge, weight]));
  let src = 0;
  data.edges.key.forEach((key, index) => {
    src += data.edges.src[index] as number;
    const weight = edgeWeights.get(index);
    graph.addEdge({
      address: keyed(data.edgeKeys, key, index) as EdgeAddress,
      src: endpoint(src),
      dst: endpoint(data.edges.dst[index] as number),
      timestampMs: data.firstWeekMs + (data.edges.week[index] as number) * WEEK_MS,
      ...(weight === undefined ? {} : { weight }),
    });
  });
  return graph;
}

scope.onmessage = (event) => {
  const request = event.data;
  void (async () => {
    try {
      prepared ??= prepare(request.url, request.identityCount);
      const { graph, identities, params, knobs } = await prepared;
      const startMs = performance.now();
      const weights: Weights = {
        ...knobs,
        nodes: new Map<string, number>(request.nodes),
        edges: new Map<string, EdgeWeight>(request.edges),
      };
      const result = computeCredRank(graph, weights, identities, params);
      const totals = new Float64Array(identities.length);
      const fractions = request.fractions;
      const periodTotals = fractions === undefined ? undefined : new Float64Array(totals.length);
      result.credByIdentity.forEach((weekly, i) => {
        let sum = 0;
        let inPeriod = 0;
        weekly.forEach((value, t) => {
          sum += value;
          if (fractions !== undefined) inPeriod += value * (fractions[t] ?? 0);
        });
        totals[i] = sum;
        if (periodTotals !== undefined) periodTotals[i] = inPeriod;
      });
      const { iterations, converged } = result.convergence;
      const ms = Math.round(performance.now() - startMs);
      const message = { id: request.id, totals, iterations, converged, ms };
      if (periodTotals === undefined) scope.postMessage(message, [totals.buffer]);
      else scope.postMessage({ ...message, periodTotals }, [totals.buffer, periodTotals.buffer]);
    } catch (error) {
      prepared = undefined;
      scope.postMessage({ id: request.id, error: String(error) });
    }
  })();
};

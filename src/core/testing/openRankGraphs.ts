/**
 * Small communities for OpenRank's hand-computed tests: developers `t/user/<name>`, issues and
 * pull requests `t/issue/<key>`, `t/pull/<key>` in a repository (`t/repo/R` unless given),
 * comments that are part of them, activity edges `t/acts` and reactions `t/reacts/<emoji>`.
 * PRESET_WEIGHTS gives them the ktoken preset's initial values and reaction factors.
 */
import { Graph } from '../graph.js';
import type { Weights } from '../weights.js';
import { edge, node } from './graphs.js';

export const JAN = Date.UTC(2026, 0, 14);
export const FEB = Date.UTC(2026, 1, 11);
export const MAR = Date.UTC(2026, 2, 11);

/** The middle of month `m` counted from January 2026 (0: January). */
export function monthMs(m: number): number {
  return Date.UTC(2026, m, 11);
}

/** As the ktoken preset's GitHub weights: issue 1, PR 5, 👍 2, ❤️ 3, 🚀 4. */
export const PRESET_WEIGHTS: Weights = {
  nodes: new Map([
    ['t/user', 0],
    ['t/issue', 1],
    ['t/pull', 5],
    ['t/comment', 0],
  ]),
  edges: new Map([
    ['t/acts', { forwards: 1, backwards: 1 }],
    ['t/part-of', { forwards: 0, backwards: 0 }],
    ['t/reacts/thumbs-up', { forwards: 2, backwards: 0 }],
    ['t/reacts/heart', { forwards: 3, backwards: 0 }],
    ['t/reacts/rocket', { forwards: 4, backwards: 0 }],
  ]),
  reactions: { capPerWeek: undefined, nodes: [], edges: ['t/reacts'] },
};

export const PART_OF = ['t/part-of'];

export function users(graph: Graph, ...names: string[]): void {
  for (const name of names) {
    graph.addNode({ address: node(`t/user/${name}`), description: name, timestampMs: null });
  }
}

/** `key` is `issue/<k>`, `pull/<k>` or any other type under t/; `weight` is intrinsic. */
export function work(graph: Graph, key: string, timestampMs: number, repo = 'R', weight?: number) {
  graph.addNode({
    address: node(`t/${key}`),
    description: key,
    timestampMs,
    container: node(`t/repo/${repo}`),
    ...(weight === undefined ? {} : { weight }),
  });
}

/** A developer's action on a contribution (authoring, commenting): an activity edge. */
export function act(graph: Graph, user: string, key: string, timestampMs: number, weight = 1) {
  graph.addEdge({
    address: edge(`t/acts/${user}/${key}/${timestampMs}`),
    src: node(`t/user/${user}`),
    dst: node(`t/${key}`),
    timestampMs,
    ...(weight === 1 ? {} : { weight }),
  });
}

export function react(graph: Graph, user: string, emoji: string, key: string, timestampMs: number) {
  graph.addEdge({
    address: edge(`t/reacts/${emoji}/${user}/${key}/${timestampMs}/${graph.edgeCount}`),
    src: node(`t/user/${user}`),
    dst: node(`t/${key}`),
    timestampMs,
  });
}

/** A comment `comment/<k>` by `user`, part of `key` (an issue or pull request). */
export function comment(graph: Graph, user: string, k: string, key: string, timestampMs: number) {
  work(graph, `comment/${k}`, timestampMs);
  act(graph, user, `comment/${k}`, timestampMs);
  link(graph, 'part-of', `comment/${k}`, key, timestampMs);
}

/** An edge `t/<type>/<src>/<dst>` between two contributions. */
export function link(graph: Graph, type: string, src: string, dst: string, timestampMs: number) {
  graph.addEdge({
    address: edge(`t/${type}/${src}/${dst}`),
    src: node(`t/${src}`),
    dst: node(`t/${dst}`),
    timestampMs,
  });
}

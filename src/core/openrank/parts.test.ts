import { describe, expect, it } from 'vitest';
import { Graph } from '../graph.js';
import { link, work } from '../testing/openRankGraphs.js';
import { wholes } from './parts.js';

const JAN = Date.UTC(2026, 0, 14);

describe('core/openrank/parts', () => {
  it('wholes(graph, index, parts) follows part edges both ways to the outermost whole', () => {
    // review comment r -> review v -> pull p (partOf); topic t contains post q (contains).
    const graph = new Graph();
    for (const key of ['pull/p', 'review/v', 'comment/r', 'topic/t', 'post/q']) {
      work(graph, key, JAN);
    }
    link(graph, 'part-of', 'comment/r', 'review/v', JAN);
    link(graph, 'part-of', 'review/v', 'pull/p', JAN);
    link(graph, 'contains', 'topic/t', 'post/q', JAN);
    const index = new Map([...graph.nodes()].map((node, j) => [node.address as string, j]));
    const root = wholes(graph, index, { partOf: ['t/part-of'], contains: ['t/contains'] });
    expect([...root]).toEqual([0, 0, 0, 3, 3]);
    expect([...wholes(graph, index, { partOf: [], contains: [] })]).toEqual([0, 1, 2, 3, 4]);
  });

  it('wholes(graph, index, parts) keeps the members of a cycle of parts whole', () => {
    // a part of b, b part of a, c part of a: no outermost whole, each stays its own.
    const graph = new Graph();
    for (const key of ['x/a', 'x/b', 'x/c']) work(graph, key, JAN);
    link(graph, 'part-of', 'x/a', 'x/b', JAN);
    link(graph, 'part-of', 'x/b', 'x/a', JAN);
    link(graph, 'part-of', 'x/c', 'x/a', JAN);
    const index = new Map([...graph.nodes()].map((node, j) => [node.address as string, j]));
    expect([...wholes(graph, index, { partOf: ['t/part-of'], contains: [] })]).toEqual([0, 1, 2]);
  });
});

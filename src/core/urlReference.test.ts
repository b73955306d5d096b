import { describe, expect, it } from 'vitest';
import { Graph } from './graph.js';
import { edge, node } from './testing/graphs.js';
import { normalizeUrl, resolveUrlReferences, urlAddress } from './urlReference.js';

describe('core/urlReference', () => {
  it('normalizeUrl(url) lowercases the host and drops trailing slashes and queries', () => {
    expect(normalizeUrl('HTTPS://GitHub.com/Octo/Repo/pull/12/?x=1')).toBe(
      'https://github.com/Octo/Repo/pull/12',
    );
    expect(normalizeUrl('https://forum.example/t/slug/7#post_3')).toBe(
      'https://forum.example/t/slug/7#post_3',
    );
    expect(normalizeUrl('mailto:someone@example.org')).toBeUndefined();
    expect(normalizeUrl('not a url')).toBeUndefined();
    expect(urlAddress('https://x.example/a/b')).toBe('core/url/https:%2F%2Fx.example%2Fa%2Fb');
    expect(urlAddress('ftp://x')).toBeUndefined();
  });

  it('resolveUrlReferences(graph) re-points URL edges at the node with that url and leaves others dangling', () => {
    const pull = node('github/pull/o/r/12');
    const post = node('discourse/post/1');
    const graph = new Graph()
      .addNode({
        address: pull,
        description: 'PR',
        timestampMs: 1,
        url: 'https://github.com/o/r/pull/12',
      })
      .addNode({ address: post, description: 'post', timestampMs: 2 })
      .addEdge({
        address: edge('discourse/references/1/a'),
        src: post,
        dst: urlAddress('https://github.com/o/r/pull/12/')!,
        timestampMs: 2,
      })
      .addEdge({
        address: edge('discourse/references/1/b'),
        src: post,
        dst: urlAddress('https://elsewhere.example/x')!,
        timestampMs: 2,
      });
    const resolved = resolveUrlReferences(graph);
    expect(resolved.edge(edge('discourse/references/1/a'))?.dst).toBe(pull);
    expect(resolved.edge(edge('discourse/references/1/b'))?.dst).toBe(
      urlAddress('https://elsewhere.example/x'),
    );
    const plain = new Graph().addNode({ address: post, description: 'post', timestampMs: 2 });
    expect(resolveUrlReferences(plain)).toBe(plain);
  });
});

/**
 * plugins.discourse.publicUrl: a forum read through another address than the one people see
 * (here the stand-in on loopback, serving the fixture forum's links as recorded). Node URLs
 * and links into the forum use the public address, so nothing about the reading address (a
 * port) reaches the graph, and references between posts still resolve.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { discoursePlugin } from '../../src/plugins/discourse/index.js';
import { discourseHarness, type Harness } from './discourseHarness.js';

const PUBLIC = 'https://forum.example.org';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.standIn.close();
  harness = undefined;
});

describe('test/e2e/discoursePublicUrl', () => {
  it('discoursePlugin.graph(context) builds URLs and forum references on publicUrl', async () => {
    harness = await discourseHarness({
      config: { publicUrl: `${PUBLIC}/` },
      standIn: { recordedLinks: true },
    });
    expect(harness.context.config.publicUrl).toBe(PUBLIC);
    await harness.load();
    const graph = await discoursePlugin.graph(harness.context);
    const urls = [...graph.nodes()].flatMap((node) => (node.url === undefined ? [] : [node.url]));
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.every((url) => url.startsWith(`${PUBLIC}/`))).toBe(true);
    const edges = [...graph.edges()];
    expect(JSON.stringify(edges)).not.toContain('127.0.0.1');
    // post 1053 links "https://forum.example.org/t/parser-rewrite/103/7": a post reference.
    const fromPost = edges.filter(
      (edge) => edge.src.endsWith('/1053') && edge.address.startsWith('discourse/references/post'),
    );
    expect(fromPost.length).toBe(1);
    const identities = await discoursePlugin.identities(harness.context);
    expect(identities[0]?.description).toMatch(/ on forum\.example\.org$/);
  });

  it('without publicUrl the stand-in address is the forum address, as before', async () => {
    harness = await discourseHarness();
    await harness.load();
    const graph = await discoursePlugin.graph(harness.context);
    const topic = [...graph.nodes()].find((node) => node.address.startsWith('discourse/topic/'));
    expect(topic?.url?.startsWith(harness.standIn.serverUrl)).toBe(true);
  });
});

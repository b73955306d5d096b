import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SILENT_REPORTER } from '../core/plugin.js';
import { buildPluginGraphs, graphFile, readPluginGraphs, writePluginGraphs } from './graphs.js';
import { initInstance } from './init.js';
import { openInstance, type Runtime } from './instance.js';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const RUNTIME: Runtime = {
  env: {},
  reporter: SILENT_REPORTER,
  nowMs: () => Date.UTC(2026, 10, 2),
  sleep: async () => {},
};

describe('instance/graphs', () => {
  it('writePluginGraphs writes each graph file, digested as written, and the JSON on request', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cred-graphs-'));
    made.push(dir);
    initInstance(dir, { bare: true });
    mkdirSync(path.join(dir, 'contributions'), { recursive: true });
    writeFileSync(
      path.join(dir, 'contributions', 'events.yaml'),
      '- id: sprint\n  title: Docs sprint\n  date: 2026-10-14\n  type: event\n  contributors: [river-kim]\n',
    );
    const instance = await openInstance(dir);
    const graphs = await buildPluginGraphs(instance, RUNTIME);
    await writePluginGraphs(instance, graphs, { json: true });
    for (const { plugin, graph, digest } of graphs) {
      const bytes = readFileSync(graphFile(instance, plugin));
      expect(digest).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
      expect(graph.nodeCount).toBeGreaterThan(0);
    }
    const read = readPluginGraphs(instance);
    expect(read.map(({ plugin, digest }) => [plugin, digest])).toEqual(
      graphs.map(({ plugin, digest }) => [plugin, digest]),
    );
    expect(readdirSync(instance.paths.graphs).sort()).toEqual(['files.credgraph', 'files.json']);
  });
});

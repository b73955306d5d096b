import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SILENT_REPORTER } from '../core/plugin.js';
import {
  buildPluginGraphs,
  digestFile,
  graphFile,
  readPluginGraphs,
  rememberDigest,
  writePluginGraphs,
} from './graphs.js';
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
    expect(readdirSync(instance.paths.graphs).sort()).toEqual([
      'files.credgraph',
      'files.credgraph.sha256',
      'files.json',
    ]);
  });

  it('readPluginGraphs uses a remembered digest only while the file is the one digested', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cred-graphs-'));
    made.push(dir);
    initInstance(dir, { bare: true });
    const instance = await openInstance(dir);
    await writePluginGraphs(instance, await buildPluginGraphs(instance, RUNTIME));
    const file = graphFile(instance, 'files');
    const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    // A whole second, so that setting it back below restores it to the nanosecond.
    const second = new Date(Date.UTC(2026, 10, 2));
    utimesSync(file, second, second);
    // The remembered digest is what a reader takes (a stand-in shows it is not recomputed).
    const standIn = `sha256:${'0'.repeat(64)}`;
    rememberDigest(file, standIn);
    expect(readPluginGraphs(instance)[0]?.digest).toBe(standIn);
    // Rewritten in place, same size, modification time set back exactly: only the change
    // time tells, and the file is hashed again.
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = 1;
    writeFileSync(file, bytes);
    utimesSync(file, second, second);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(BigInt(second.getTime()) * 1_000_000n);
    expect(readPluginGraphs(instance)[0]?.digest).toBe(sha256(bytes));
    // A damaged or missing record: hashed.
    writeFileSync(digestFile(file), '{"digest": ');
    expect(readPluginGraphs(instance)[0]?.digest).toBe(sha256(bytes));
    rmSync(digestFile(file));
    expect(readPluginGraphs(instance)[0]?.digest).toBe(sha256(bytes));
  });
});

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
    const record = digestFile(file);
    const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const digest = () => readPluginGraphs(instance)[0]?.digest;
    // What a run writes is the same bytes every time: the size and the digest, no time.
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({
      bytes: statSync(file).size,
      digest: sha256(readFileSync(file)),
    });
    // The remembered digest is what a reader takes (a stand-in shows it is not recomputed).
    const standIn = `sha256:${'0'.repeat(64)}`;
    rememberDigest(file, standIn);
    expect(digest()).toBe(standIn);
    // The record touched: its stamp is no longer the file's change time.
    const later = new Date(Date.now() + 60_000);
    utimesSync(record, later, later);
    expect(digest()).toBe(sha256(readFileSync(file)));
    // Rewritten in place at the same size, its modification time set back: hashed again.
    rememberDigest(file, standIn);
    const { mtime } = statSync(file);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = 1;
    await new Promise((done) => setTimeout(done, 30)); // a later clock tick for the change
    writeFileSync(file, bytes);
    utimesSync(file, mtime, mtime);
    expect(digest()).toBe(sha256(bytes));
    // A damaged or missing record: hashed.
    rememberDigest(file, standIn);
    writeFileSync(record, '{"digest": ');
    expect(digest()).toBe(sha256(bytes));
    rmSync(record);
    expect(digest()).toBe(sha256(bytes));
    // A record that cannot be written (a folder in its place) does not fail the write.
    mkdirSync(record);
    await writePluginGraphs(instance, await buildPluginGraphs(instance, RUNTIME));
    expect(digest()).toBe(sha256(readFileSync(file)));
  });
});

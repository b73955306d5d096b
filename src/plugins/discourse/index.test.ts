import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoursePlugin } from './index.js';
import { MIRROR_FILE } from './load.js';
import { DiscourseMirror } from './mirror.js';

function context(cacheDir: string, serverUrl = 'https://forum.example.org') {
  const warnings: string[] = [];
  return {
    warnings,
    context: {
      config: discoursePlugin.parseConfig({ serverUrl }, 'cred.json (plugins.discourse)'),
      instanceDir: cacheDir,
      cacheDir,
      env: {},
      reporter: { progress() {}, warn: (message: string) => warnings.push(message) },
      nowMs: () => 0,
      sleep: async () => {},
    },
  };
}

describe('plugins/discourse/index', () => {
  it('discoursePlugin.graph(context) is empty, with a warning, before the first load', async () => {
    const { context: ctx, warnings } = context(mkdtempSync(path.join(tmpdir(), 'cred-d-')));
    expect((await discoursePlugin.graph(ctx)).nodeCount).toBe(0);
    expect(await discoursePlugin.identities(ctx)).toEqual([]);
    expect(warnings).toEqual(['discourse: nothing loaded yet; run "cred load discourse"']);
  });

  it('discoursePlugin.graph(context) ignores a cache of another forum until the next load', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cred-d-'));
    DiscourseMirror.open(path.join(dir, MIRROR_FILE), 'https://old.example.net').close();
    const { context: ctx, warnings } = context(dir);
    expect((await discoursePlugin.graph(ctx)).nodeCount).toBe(0);
    expect(warnings[0]).toMatch(
      /the cache holds https:\/\/old\.example\.net, not https:\/\/forum\.example\.org/,
    );
  });
});

/**
 * The bench's stand-in for a big plugin must stay honest: however it hands its graph over, the
 * graph file is the one it always wrote (digests taken before the hand-over was made cheap,
 * decision 0781).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeGraph } from '../core/graphBinary.js';
import { SILENT_REPORTER, type PluginContext } from '../core/plugin.js';
import { syntheticPlugin } from './syntheticPlugin.js';

async function fileDigest(raw: unknown): Promise<string> {
  const config = syntheticPlugin.parseConfig(raw, 'cred.json plugins.bench');
  const context: PluginContext<typeof config> = {
    config,
    instanceDir: '/nonexistent',
    cacheDir: '/nonexistent',
    env: {},
    reporter: SILENT_REPORTER,
    nowMs: () => 0,
    sleep: async () => {},
  };
  const hash = createHash('sha256');
  for (const chunk of encodeGraph(await syntheticPlugin.graph(context), 'bench'))
    hash.update(chunk);
  return hash.digest('hex');
}

describe('bench/syntheticPlugin', () => {
  it('writes the graph file it always wrote', async () => {
    expect(await fileDigest({ edges: 60_000, weeks: 20, seed: 7 })).toBe(
      'dd60218ff40f7a7c32876c26bd314027cc0001ccbe5d3e0dbcc7b4cc2e9c48fc',
    );
    expect(await fileDigest({ edges: 60_000, weeks: 20, weeksShown: 12 })).toBe(
      'f8b1e750d7d919f4f656b4968f24f795ad9f997dd321f542b901009195277cf3',
    );
  });

  it('rejects settings it does not know or of the wrong kind', () => {
    expect(() => syntheticPlugin.parseConfig({ edges: 10 }, 'p')).toThrow(/weeks/);
    expect(() => syntheticPlugin.parseConfig({ edges: 1.5, weeks: 2 }, 'p')).toThrow(/edges/);
    expect(() => syntheticPlugin.parseConfig({ edges: 1, weeks: 2, colour: 1 }, 'p')).toThrow(
      /colour/,
    );
  });
});

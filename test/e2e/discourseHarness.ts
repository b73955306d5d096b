/**
 * The Discourse plugin's loader against a loopback stand-in of the fixture forum, with a fake
 * clock whose sleeps advance it (so pacing and rate-limit waits are asserted, not waited for),
 * a progress log, and a fetch that checks every 200 answer the client receives against
 * Discourse's published OpenAPI description.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PluginContext } from '../../src/core/plugin.js';
import type { DiscourseConfig } from '../../src/plugins/discourse/config.js';
import { endpointOf } from '../../src/plugins/discourse/client.js';
import { discoursePlugin } from '../../src/plugins/discourse/index.js';
import {
  loadDiscourse,
  MIRROR_FILE,
  type DiscourseLoadSummary,
} from '../../src/plugins/discourse/load.js';
import { DiscourseMirror } from '../../src/plugins/discourse/mirror.js';
import type { ForumSnapshot } from '../../src/plugins/discourse/snapshot.js';
import {
  startDiscourseStandIn,
  type DiscourseStandIn,
  type DiscourseStandInOptions,
} from '../../src/replay/discourse/discourseStandIn.js';
import { fixtureForum } from '../../src/replay/discourse/testing/fixtureForum.js';
import { loadDiscourseContract } from '../../src/replay/discourse/testing/openApiContract.js';

export const LOAD_T0 = Date.UTC(2026, 10, 2, 9);
const contract = loadDiscourseContract();

export interface Harness {
  readonly standIn: DiscourseStandIn;
  /** Replace it to change settings between loads. */
  context: PluginContext<DiscourseConfig>;
  readonly sleeps: number[];
  readonly progress: string[];
  /** OpenAPI violations in answers the client received. */
  readonly violations: string[];
  /** The mirror's file. */
  readonly cacheFile: string;
  now: number;
  load(): Promise<DiscourseLoadSummary>;
  snapshot(): ForumSnapshot;
  /** Requests by endpoint since `from` (an index into standIn.requests). */
  requestsByKind(from?: number): Record<string, number>;
}

export async function discourseHarness(
  options: {
    env?: Record<string, string>;
    config?: Record<string, unknown>;
    standIn?: DiscourseStandInOptions;
    /** Load from this running stand-in instead of starting one (a second, fresh cache). */
    reuse?: DiscourseStandIn;
  } = {},
): Promise<Harness> {
  const standIn = options.reuse ?? (await startDiscourseStandIn(fixtureForum(), options.standIn));
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'cred-discourse-load-'));
  const violations: string[] = [];
  const checkingFetch = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetch(input, init);
    if (response.status === 200) {
      try {
        const body: unknown = JSON.parse(await response.clone().text());
        const pathname = new URL(String(input)).pathname.slice('/discourse'.length);
        violations.push(...contract.check(pathname, body));
      } catch {
        // not JSON: the client's own check reports it
      }
    }
    return response;
  };
  const harness: Harness = {
    standIn,
    sleeps: [],
    progress: [],
    violations,
    cacheFile: path.join(cacheDir, MIRROR_FILE),
    now: LOAD_T0,
    context: undefined as unknown as PluginContext<DiscourseConfig>,
    load: () => loadDiscourse(harness.context, { fetch: checkingFetch as typeof fetch }),
    snapshot: () => {
      const mirror = DiscourseMirror.openReadOnly(path.join(cacheDir, MIRROR_FILE))!;
      try {
        return mirror.snapshot();
      } finally {
        mirror.close();
      }
    },
    requestsByKind: (from = 0) => {
      const kinds: Record<string, number> = {};
      for (const request of standIn.requests.slice(from)) {
        const key = endpointOf(request.path.slice('/discourse'.length));
        kinds[key] = (kinds[key] ?? 0) + 1;
      }
      return kinds;
    },
  };
  (harness as { context: PluginContext<DiscourseConfig> }).context = {
    config: discoursePlugin.parseConfig(
      { serverUrl: standIn.serverUrl, ...options.config },
      'cred.json (plugins.discourse)',
    ),
    instanceDir: cacheDir,
    cacheDir,
    env: options.env ?? {},
    reporter: { progress: (message) => harness.progress.push(message), warn() {} },
    nowMs: () => harness.now,
    sleep: async (ms) => {
      harness.sleeps.push(ms);
      harness.now += ms;
    },
  };
  return harness;
}

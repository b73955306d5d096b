/**
 * An instance is a folder with cred.json: the community's settings, weights, records, ledger
 * and outputs. Commands find it from the current folder (or its parents, like git) or from
 * `--instance DIR`, and everything they read or write is named by `InstancePaths`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { PluginContext, ProgressReporter } from '../core/plugin.js';
import { parseInstanceConfig, type InstanceConfig } from './config.js';
import { readJsonFile } from './files.js';
import type { ConfiguredPlugin } from './plugins.js';
import { nearestInstanceRoot } from './instanceRoot.js';

export interface InstancePaths {
  readonly root: string;
  readonly config: string;
  readonly weights: string;
  readonly contributions: string;
  readonly data: string;
  readonly ledger: string;
  readonly payees: string;
  readonly cache: string;
  readonly output: string;
  readonly graphs: string;
  /** output/cred.json: the scores as readable JSON, written with `cred score --json-scores`. */
  readonly cred: string;
  /** output/cred.credscores: the scores every command reads (score/scoresBinary.ts). */
  readonly scores: string;
  readonly payouts: string;
  readonly site: string;
}

/**
 * An instance without its plugins: its folder and cred.json. Jobs that never read a platform
 * (the ledger, identities, balances) take this, so their commands neither load the plugins'
 * code nor fail on a plugin's settings.
 */
export interface InstanceSettings {
  readonly paths: InstancePaths;
  readonly config: InstanceConfig;
}

export interface Instance extends InstanceSettings {
  readonly plugins: readonly ConfiguredPlugin[];
}

/** Runtime services an instance's jobs use; tests and the demo inject their own. */
export interface Runtime {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly reporter: ProgressReporter;
  readonly nowMs: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** The real clock when `nowMs` is a command's own time (CRED_NOW); see PluginContext. */
  readonly wallMs?: () => number;
}

export function instancePaths(root: string): InstancePaths {
  const at = (...parts: string[]) => path.join(root, ...parts);
  return {
    root,
    config: at('cred.json'),
    weights: at('weights'),
    contributions: at('contributions'),
    data: at('data'),
    ledger: at('data', 'ledger.jsonl'),
    payees: at('payees.json'),
    cache: at('cache'),
    output: at('output'),
    graphs: at('output', 'graphs'),
    cred: at('output', 'cred.json'),
    scores: at('output', 'cred.credscores'),
    payouts: at('output', 'payouts'),
    site: at('output', 'site'),
  };
}

/** The instance folder: `explicit` if given, else the nearest folder up from `cwd` with cred.json. */
export function findInstanceRoot(cwd: string, explicit?: string): string {
  if (explicit !== undefined) {
    const root = path.resolve(cwd, explicit);
    if (!existsSync(path.join(root, 'cred.json'))) {
      throw new ConfigError('INSTANCE_NOT_FOUND', `${root}: no cred.json here`, {
        suggestions: [
          `Run "cred init ${explicit}" to create an instance there, or fix --instance.`,
        ],
      });
    }
    return root;
  }
  const nearest = nearestInstanceRoot(cwd);
  if (nearest !== undefined) return nearest;
  throw new ConfigError(
    'INSTANCE_NOT_FOUND',
    `no cred.json in ${path.resolve(cwd)} or any folder above it`,
    {
      suggestions: ['Run "cred init" to create an instance, or pass --instance DIR.'],
    },
  );
}

/** Opens an instance and validates cred.json, leaving the plugins' settings unread. */
export function openInstanceSettings(cwd: string, explicit?: string): InstanceSettings {
  const root = findInstanceRoot(cwd, explicit);
  const paths = instancePaths(root);
  const config = parseInstanceConfig(readJsonFile(paths.config, 'cred.json'), 'cred.json');
  return { paths, config };
}

/**
 * Opens and validates an instance: cred.json and every plugin's settings. The plugin registry
 * is imported here, on first use, so that commands opening only the settings never load it.
 */
export async function openInstance(cwd: string, explicit?: string): Promise<Instance> {
  const settings = openInstanceSettings(cwd, explicit);
  const { configuredPlugins } = await import('./plugins.js');
  return { ...settings, plugins: await configuredPlugins(settings.config, settings.paths.root) };
}

export function pluginContext(
  instance: Instance,
  configured: ConfiguredPlugin,
  runtime: Runtime,
): PluginContext<unknown> {
  mkdirSync(instance.paths.cache, { recursive: true });
  return {
    config: configured.config,
    instanceDir: instance.paths.root,
    cacheDir: instance.paths.cache,
    env: runtime.env,
    reporter: runtime.reporter,
    nowMs: runtime.nowMs,
    sleep: runtime.sleep,
    ...(runtime.wallMs === undefined ? {} : { wallMs: runtime.wallMs }),
  };
}

/**
 * The runtime of a real command: process environment, wall clock and real sleeps, unless
 * `CRED_NOW` is set (see `clockFrom`).
 */
export function processRuntime(
  reporter: ProgressReporter,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Runtime {
  return { env, reporter, ...clockFrom(env) };
}

/**
 * The clock of a command. Without `CRED_NOW`: the wall clock and real sleeps. With `CRED_NOW`
 * set to an ISO date-time with a zone (`2026-11-10T12:00:00Z`) the command runs in its own time:
 * the clock starts at that instant and moves 1 ms per reading and by the length of every wait,
 * so the same steps write the same timestamps on every run (the demo's ledger is byte for byte
 * the same), and a review can be rehearsed as if it were that day (docs/governance.md). Waits
 * still take real time, as platforms' rate limits require, unless `CRED_SKIP_WAITS=1` is set
 * as well: then they take none, which only loopback stand-ins tolerate (the demo, tests). The
 * ledger refuses timestamps that go backwards, so CRED_NOW cannot rewrite history.
 */
export function clockFrom(
  env: Readonly<Record<string, string | undefined>>,
): Pick<Runtime, 'nowMs' | 'sleep' | 'wallMs'> {
  const fixed = env.CRED_NOW?.trim() ?? '';
  const skipWaits = env.CRED_SKIP_WAITS === '1';
  const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  if (fixed === '') {
    if (skipWaits) throw clockError('CRED_SKIP_WAITS=1 needs CRED_NOW (a fixed clock)');
    return { nowMs: () => Date.now(), sleep: realSleep };
  }
  const startMs = /(Z|[+-]\d{2}:\d{2})$/i.test(fixed) ? Date.parse(fixed) : NaN;
  if (!Number.isFinite(startMs))
    throw clockError(`CRED_NOW: expected an ISO date-time with a zone, got "${fixed}"`);
  let elapsedMs = 0;
  const nowMs = () => startMs + elapsedMs++;
  return {
    nowMs,
    // Waits take real time, so a server's reset time is compared with the real clock; when they
    // take none (stand-ins only), the command's own clock is the one the waits move.
    wallMs: skipWaits ? nowMs : () => Date.now(),
    sleep: (ms) => {
      const waitMs = Math.max(0, Math.ceil(ms));
      elapsedMs += waitMs;
      return skipWaits ? new Promise((resolve) => setImmediate(resolve)) : realSleep(waitMs);
    },
  };
}

function clockError(message: string): ConfigError {
  return new ConfigError('CRED_NOW_INVALID', message, {
    suggestions: [
      'Write CRED_NOW as an ISO date-time with a zone (CRED_NOW=2026-11-10T12:00:00Z), or unset it and CRED_SKIP_WAITS.',
    ],
  });
}

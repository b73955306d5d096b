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
import { configuredPlugins, type ConfiguredPlugin } from './plugins.js';

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
  readonly cred: string;
  readonly payouts: string;
  readonly site: string;
}

export interface Instance {
  readonly paths: InstancePaths;
  readonly config: InstanceConfig;
  readonly plugins: readonly ConfiguredPlugin[];
}

/** Runtime services an instance's jobs use; tests and the demo inject their own. */
export interface Runtime {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly reporter: ProgressReporter;
  readonly nowMs: () => number;
  readonly sleep: (ms: number) => Promise<void>;
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
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'cred.json'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  throw new ConfigError(
    'INSTANCE_NOT_FOUND',
    `no cred.json in ${path.resolve(cwd)} or any folder above it`,
    {
      suggestions: ['Run "cred init" to create an instance, or pass --instance DIR.'],
    },
  );
}

/** Opens and validates an instance: cred.json and every plugin's settings. */
export async function openInstance(cwd: string, explicit?: string): Promise<Instance> {
  const root = findInstanceRoot(cwd, explicit);
  const paths = instancePaths(root);
  const config = parseInstanceConfig(readJsonFile(paths.config, 'cred.json'), 'cred.json');
  const plugins = await configuredPlugins(config, root);
  return { paths, config, plugins };
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
  };
}

/**
 * The runtime of a real command: process environment, wall clock, real sleeps. CRED_NOW (an
 * ISO date-time) starts the clock at that time instead, running on from there: for rehearsing a
 * month's review in a copy of an instance, for demos and end-to-end tests. The ledger still
 * refuses times that go backwards.
 */
export function processRuntime(reporter: ProgressReporter): Runtime {
  const startMs = Date.now();
  const nowText = process.env.CRED_NOW;
  const offsetMs = nowText === undefined || nowText === '' ? 0 : Date.parse(nowText) - startMs;
  if (Number.isNaN(offsetMs))
    throw new ConfigError('CRED_NOW_INVALID', `CRED_NOW: "${nowText}" is not a date-time`, {
      suggestions: [
        'Write it as an ISO date-time, e.g. CRED_NOW=2026-11-09T12:00:00Z, or unset it.',
      ],
    });
  return {
    env: process.env,
    reporter,
    nowMs: () => Date.now() + offsetMs,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

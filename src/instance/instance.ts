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
 * The runtime of a real command: process environment, real sleeps, and the wall clock, unless
 * `CRED_NOW` is set (see `clockFrom`).
 */
export function processRuntime(
  reporter: ProgressReporter,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Runtime {
  return {
    env,
    reporter,
    nowMs: clockFrom(env),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

/**
 * The clock of a command. With `CRED_NOW` set to an ISO date-time with a zone
 * (`2026-11-02T09:00:00Z`), time starts at that instant and moves 1 ms per reading, so a run
 * writes the same ledger timestamps every time, still non-decreasing (the demo and tests use it
 * to compare runs byte for byte). Without it: the wall clock.
 */
export function clockFrom(env: Readonly<Record<string, string | undefined>>): () => number {
  const fixed = env.CRED_NOW?.trim();
  if (fixed === undefined || fixed === '') return () => Date.now();
  const startMs = /(Z|[+-]\d{2}:\d{2})$/i.test(fixed) ? Date.parse(fixed) : NaN;
  if (!Number.isFinite(startMs)) {
    throw new ConfigError(
      'CRED_NOW_INVALID',
      `CRED_NOW: expected an ISO date-time, got "${fixed}"`,
      {
        suggestions: ['Write it with a zone, e.g. CRED_NOW=2026-11-02T09:00:00Z, or unset it.'],
      },
    );
  }
  let readings = 0;
  return () => startMs + readings++;
}

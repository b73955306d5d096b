/**
 * Which plugins an instance uses. Bundled plugins are known by name; any other entry in
 * cred.json's `plugins` names a community package (`"package": "cred-plugin-x"` or a path
 * relative to the instance), imported at run time, so a community adds a source without
 * forking cred. A package must export a Plugin (default export or `plugin`) whose declared
 * name equals its key in cred.json.
 *
 * The bundled platform plugins are imported lazily: their declarations and settings parsers
 * are light, but their loaders and graph builders bring SQLite, HTTP clients and SDKs. A
 * command that only reads the ledger (`cred ledger verify`) should not pay for those on every
 * start, so each plugin's code is imported the first time one of its jobs runs.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../core/errors.js';
import type { Plugin, PluginDeclaration } from '../core/plugin.js';
import { parseDiscourseConfig } from '../plugins/discourse/config.js';
import { discourseDeclaration } from '../plugins/discourse/declaration.js';
import { parseFeishuConfig } from '../plugins/feishu/config.js';
import { feishuDeclaration } from '../plugins/feishu/declaration.js';
import { parseFilesConfig } from '../plugins/files/config.js';
import { filesDeclaration } from '../plugins/files/declaration.js';
import { parseGithubConfig } from '../plugins/github/config.js';
import { githubDeclaration } from '../plugins/github/declaration.js';
import type { InstanceConfig } from './config.js';
import { adaptExternalPlugin } from './externalPlugin.js';

/**
 * A plugin whose declaration and settings parser are at hand, and whose other jobs import its
 * code (`importPlugin`) the first time one runs.
 */
function lazyPlugin<Config>(
  declaration: PluginDeclaration,
  parseConfig: (raw: unknown, where: string) => Config,
  hasLoader: boolean,
  importPlugin: () => Promise<Plugin<Config>>,
): Plugin<Config> {
  let loaded: Promise<Plugin<Config>> | undefined;
  const plugin = (): Promise<Plugin<Config>> => (loaded ??= importPlugin());
  const load: Plugin<Config>['load'] = async (context) => {
    const loader = (await plugin()).load;
    if (loader === undefined) throw new Error(`${declaration.name}: the plugin has no loader`);
    return loader(context);
  };
  return {
    declaration,
    parseConfig,
    ...(hasLoader ? { load } : {}),
    graph: async (context) => (await plugin()).graph(context),
    identities: async (context) => (await plugin()).identities(context),
  };
}

/** Plugins that ship with cred, by name. */
export const BUNDLED_PLUGINS: ReadonlyMap<string, Plugin<unknown>> = new Map<
  string,
  Plugin<unknown>
>([
  [
    'files',
    lazyPlugin(filesDeclaration, parseFilesConfig, false, async () => {
      return (await import('../plugins/files/index.js')).filesPlugin;
    }) as Plugin<unknown>,
  ],
  [
    'feishu',
    lazyPlugin(feishuDeclaration, parseFeishuConfig, true, async () => {
      return (await import('../plugins/feishu/index.js')).feishuPlugin;
    }) as Plugin<unknown>,
  ],
  [
    'discourse',
    lazyPlugin(discourseDeclaration, parseDiscourseConfig, true, async () => {
      return (await import('../plugins/discourse/index.js')).discoursePlugin;
    }) as Plugin<unknown>,
  ],
  [
    'github',
    lazyPlugin(githubDeclaration, parseGithubConfig, true, async () => {
      return (await import('../plugins/github/index.js')).githubPlugin;
    }) as Plugin<unknown>,
  ],
]);

export interface ConfiguredPlugin {
  readonly name: string;
  readonly plugin: Plugin<unknown>;
  readonly config: unknown;
}

/** Resolves and validates every plugin of cred.json, in name order. */
export async function configuredPlugins(
  config: InstanceConfig,
  instanceDir: string,
): Promise<ConfiguredPlugin[]> {
  const names = Object.keys(config.plugins).sort();
  const result: ConfiguredPlugin[] = [];
  for (const name of names) {
    const settings = config.plugins[name] as Record<string, unknown>;
    const { package: packageName, ...rest } = settings;
    const plugin =
      packageName === undefined
        ? bundledPlugin(name)
        : await packagePlugin(name, packageName, instanceDir);
    result.push({ name, plugin, config: plugin.parseConfig(rest, `cred.json (plugins.${name})`) });
  }
  return result;
}

function bundledPlugin(name: string): Plugin<unknown> {
  const plugin = BUNDLED_PLUGINS.get(name);
  if (plugin === undefined) {
    throw new ConfigError(
      'CONFIG_UNKNOWN_PLUGIN',
      `cred.json: field "plugins.${name}": unknown plugin "${name}"`,
      {
        ref: `cred.json#plugins.${name}`,
        suggestions: [
          `Bundled plugins: ${[...BUNDLED_PLUGINS.keys()].join(', ')}.`,
          `For a community plugin, add "package": "<npm package or ./path>" to plugins.${name}.`,
        ],
      },
    );
  }
  return plugin;
}

async function packagePlugin(
  name: string,
  packageName: unknown,
  instanceDir: string,
): Promise<Plugin<unknown>> {
  const where = `cred.json: field "plugins.${name}.package"`;
  if (typeof packageName !== 'string' || packageName === '') {
    throw new ConfigError('CONFIG_INVALID', `${where}: expected a package name or a path`, {
      ref: `cred.json#plugins.${name}.package`,
      suggestions: [
        'Give the npm package name (e.g. "cred-plugin-gitlab") or a path such as "./plugins/mine".',
      ],
    });
  }
  const entry = resolvePackage(packageName, instanceDir, where);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(
      'PLUGIN_LOAD_FAILED',
      `${where}: "${packageName}" failed to load: ${(error as Error).message}`,
      {
        ref: `cred.json#plugins.${name}.package`,
        suggestions: [
          'Check that the package is installed and is an ES module exporting a cred plugin.',
        ],
      },
    );
  }
  const plugin = (module.default ?? module.plugin) as Plugin<unknown> | undefined;
  checkPluginShape(plugin, name, packageName, where);
  return adaptExternalPlugin(plugin);
}

function resolvePackage(packageName: string, instanceDir: string, where: string): string {
  const require = createRequire(path.join(path.resolve(instanceDir), 'package.json'));
  const request = packageName.startsWith('.')
    ? path.resolve(instanceDir, packageName)
    : packageName;
  try {
    return require.resolve(request);
  } catch {
    throw new ConfigError(
      'PLUGIN_NOT_FOUND',
      `${where}: cannot find "${packageName}" from ${instanceDir}`,
      {
        ref: where,
        suggestions: [`Install it in the instance ("npm install ${packageName}") or fix the path.`],
      },
    );
  }
}

function checkPluginShape(
  plugin: Plugin<unknown> | undefined,
  name: string,
  packageName: string,
  where: string,
): asserts plugin is Plugin<unknown> {
  const valid =
    plugin !== undefined &&
    typeof plugin.parseConfig === 'function' &&
    typeof plugin.graph === 'function' &&
    typeof plugin.identities === 'function' &&
    typeof plugin.declaration?.name === 'string';
  if (!valid) {
    throw new ConfigError(
      'PLUGIN_INVALID',
      `${where}: "${packageName}" does not export a cred plugin`,
      {
        suggestions: [
          'The package must export (default or `plugin`) an object with declaration, parseConfig, graph and identities; see docs/plugins.md.',
        ],
      },
    );
  }
  if (plugin.declaration.name !== name) {
    throw new ConfigError(
      'PLUGIN_INVALID',
      `${where}: "${packageName}" declares itself "${plugin.declaration.name}", not "${name}"`,
      {
        suggestions: [`Rename the entry in cred.json to "${plugin.declaration.name}".`],
      },
    );
  }
}

/** Declarations that weight files may refer to: every bundled plugin plus the configured ones. */
export function knownDeclarations(
  configured: readonly ConfiguredPlugin[],
): Map<string, PluginDeclaration> {
  const declarations = new Map<string, PluginDeclaration>();
  for (const [name, plugin] of BUNDLED_PLUGINS) declarations.set(name, plugin.declaration);
  for (const { name, plugin } of configured) declarations.set(name, plugin.declaration);
  return declarations;
}

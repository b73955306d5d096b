/**
 * The layering of DESIGN.md as an eslint rule. Each file belongs to a layer (its folder under
 * src/; each plugin is its own layer) and may import only the layers listed for it, so a
 * crossing fails the build. Relative imports are resolved against the importing file, so the
 * rule needs no resolver configuration.
 */
import path from 'node:path';

const SRC = path.resolve('src');

/** Layers each layer may import (besides itself). `plugin` stands for the file's own plugin. */
const ALLOWED = {
  core: [],
  plugin: ['core'],
  ledger: ['core'],
  server: ['core'],
  replay: ['core'],
  bench: ['core', 'ledger', 'plugins', 'instance', 'server'],
  instance: ['core', 'ledger', 'plugins'],
  cli: ['core', 'ledger', 'plugins', 'instance'],
  commands: ['core', 'ledger', 'plugins', 'instance', 'cli', 'server', 'demo'],
  demo: ['core', 'ledger', 'plugins', 'instance', 'cli', 'server', 'replay'],
};

/** Node built-ins that core may not use: it is pure (no I/O, no clock, no process). */
const CORE_BANNED_MODULES =
  /^(node:)?(fs|fs\/promises|path|child_process|http|https|net|os|process|worker_threads)$/;

function layerOf(file) {
  const relative = path.relative(SRC, file);
  if (relative.startsWith('..')) return undefined;
  const [top, second, third] = relative.split(path.sep);
  if (top === 'plugins') return { name: 'plugin', plugin: second };
  if (top === 'instance' && third !== undefined) return { name: top, job: second };
  return { name: top };
}

/**
 * Inside instance/, the files at its root are what every job shares (config, the ledger store,
 * plugins, identities); each folder is one job (payout, site, governance ...). Shared code may
 * not import a job, so a job's folder can be read, moved or removed on its own. Tests beside
 * the shared code may exercise several jobs.
 */
function sharedImportsJob(from, to, filename) {
  if (filename.endsWith('.test.ts')) return false;
  return from.name === 'instance' && to.name === 'instance' && !from.job && Boolean(to.job);
}

function describe(layer) {
  return layer.name === 'plugin' ? `plugins/${layer.plugin}` : layer.name;
}

function allowed(from, to) {
  if (from.name === 'plugin') {
    if (to.name === 'plugin') return to.plugin === from.plugin;
    return ALLOWED.plugin.includes(to.name);
  }
  if (to.name === from.name) return true;
  const targets = ALLOWED[from.name];
  if (targets === undefined) return true;
  return targets.includes(to.name === 'plugin' ? 'plugins' : to.name);
}

export const layering = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      crossing: '{{from}} may not import {{to}} (DESIGN.md layering): {{source}}',
      impure: 'core is pure: it may not import "{{source}}"',
      sharedImportsJob:
        'instance/ root files are shared by every job and may not import a job folder (instance/{{job}}): {{source}}',
    },
  },
  create(context) {
    const from = layerOf(context.filename);
    if (from === undefined) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (from.name === 'core' && CORE_BANNED_MODULES.test(source)) {
        context.report({ node, messageId: 'impure', data: { source } });
        return;
      }
      if (!source.startsWith('.')) return;
      const to = layerOf(path.resolve(path.dirname(context.filename), source));
      if (to !== undefined && sharedImportsJob(from, to, context.filename)) {
        context.report({ node, messageId: 'sharedImportsJob', data: { job: to.job, source } });
        return;
      }
      if (to !== undefined && !allowed(from, to)) {
        context.report({
          node,
          messageId: 'crossing',
          data: { from: describe(from), to: describe(to), source },
        });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

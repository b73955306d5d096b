// Bundles what the CLI runs, once at build time, so a command starts fast. tsc writes one file
// per module under dist/; loading `cred ledger verify` from those meant resolving and reading
// some 400 ES modules (zod alone is 230), and Node's module loader, not the work, was most of
// the wait. This rewrites each command (dist/commands/**) and oclif hook in place as an ES
// module bundle, with the code they share split into dist/chunks/, so a command loads a few
// files. zod and immutable are bundled with our code (pure ES modules, many files each); every
// other dependency stays an import from node_modules (native addons, CommonJS packages, and
// @oclif/core, which loads its parts lazily and is slower bundled).
//
// Paths computed from import.meta.url keep working: dist/chunks/ is two folders below the
// project's root, like dist/instance/ and dist/replay/ (src/instance/init.ts,
// src/replay/contracts.ts). tsc's per-module output stays beside the bundles for the bench and
// the demo runner, which import it directly.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const BUNDLED_PACKAGES = new Set(['zod', 'immutable']);

/**
 * zod re-exports all of its ~50 message locales, which a bundle then parses on every start;
 * cred's messages are English (zod's default, set by its classic entry from `./en.js`), so the
 * locale index resolves to English alone.
 */
const englishZodLocales = {
  name: 'english-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`)
        ? { path: 'zod-locales', namespace: 'english-zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'english-zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(root, 'node_modules/zod/v4/locales/en.js'))};`,
      resolveDir: root,
    }));
  },
};

/**
 * The bundled commands run on the lean base class, flag and argument builders
 * (src/cli/lean/, compiled by tsc before this runs) instead of @oclif/core's, whose import is
 * a third of a short command's start-up. The statics and flag objects are oclif's shape, so
 * oclif's manifest, help and runner still take these commands (docs/decisions/0805).
 */
const LEAN_OCLIF = {
  '@oclif/core/command': 'cli/lean/command.js',
  '@oclif/core/flags': 'cli/lean/flags.js',
  '@oclif/core/args': 'cli/lean/args.js',
};
const leanOclif = {
  name: 'lean-oclif',
  setup(build) {
    build.onResolve({ filter: /^@oclif\/core\/(command|flags|args)$/ }, (args) => ({
      path: path.join(dist, LEAN_OCLIF[args.path]),
    }));
  },
};

function jsFilesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return jsFilesUnder(file);
    return entry.name.endsWith('.js') ? [file] : [];
  });
}

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const hooks = Object.values(pkg.oclif.hooks ?? {}).flat();
const entryPoints = [
  ...jsFilesUnder(path.join(dist, 'commands')),
  ...hooks.map((hook) => path.join(root, hook)),
];
const external = Object.keys(pkg.dependencies)
  .filter((name) => !BUNDLED_PACKAGES.has(name))
  .flatMap((name) => [name, `${name}/*`]);

const alreadyBundled = entryPoints.filter((file) =>
  readFileSync(file, 'utf8').includes('/chunks/'),
);
if (alreadyBundled.length > 0) {
  process.stderr.write(
    `${path.relative(root, alreadyBundled[0])} is already a bundle: run \`npm run build\`, which ` +
      'compiles the sources again before bundling.\n',
  );
  process.exit(1);
}
rmSync(path.join(dist, 'chunks'), { recursive: true, force: true });
const result = await build({
  entryPoints,
  outdir: dist,
  outbase: dist,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  allowOverwrite: true,
  metafile: true,
  plugins: [englishZodLocales, leanOclif],
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  logLevel: 'warning',
  // An import that resolves to nothing is a command that fails at run time.
  logOverride: { 'import-is-undefined': 'error' },
});
const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
process.stdout.write(
  `bundled ${entryPoints.length} commands and hooks into ${outputs.length} files\n`,
);

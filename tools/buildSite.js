// Builds the explorer (site/) into dist/site/: the TypeScript front end, the what-if worker
// (which bundles src/core's CredRank) and the ledger worker (which streams and verifies the
// ledger) as three minified bundles, plus index.html and style.css.
// `npm run build` runs it after tsc has type-checked site/ (site/tsconfig.json); `cred site`
// copies dist/site/ into an instance's output/site/ next to the data it emits.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The worker needs CredRank, whose import chain reaches zod only through src/core/weights.ts's
 * weight-file schema, built at module load and never used for scoring. Bundling zod would make
 * the worker 97 KB gzipped instead of 4 KB, so the worker gets a stand-in: any schema builder
 * chain returns the stand-in, and parsing with it throws. cred imports zod as a namespace
 * (`import * as z`), so the stand-in exports every name zod exports.
 */
const zodNames = Object.keys(await import('zod')).filter((name) => name !== 'default');
const zodStandIn = {
  name: 'zod-stand-in',
  setup(build) {
    build.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', namespace: 'zod-stand-in' }));
    build.onLoad({ filter: /.*/, namespace: 'zod-stand-in' }, () => ({
      loader: 'js',
      contents: `
        const refuse = () => { throw new Error('zod is not bundled in the what-if worker'); };
        const PARSE = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync']);
        const standIn = new Proxy(function () {}, {
          get: (_, key) => (PARSE.has(key) ? refuse : standIn),
          apply: () => standIn,
        });
        export { ${zodNames.map((name) => `standIn as ${name}`).join(', ')} };
        export default standIn;`,
    }));
  },
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'site');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const common = {
  bundle: true,
  minify: true,
  platform: 'browser',
  target: ['es2022'],
  legalComments: 'none',
  logLevel: 'warning',
  // An import that resolves to nothing is a bundle that fails at run time, in the browser.
  logOverride: { 'import-is-undefined': 'error' },
};
await build({
  ...common,
  entryPoints: [path.join(root, 'site', 'src', 'app.ts')],
  outfile: path.join(out, 'app.js'),
  format: 'esm',
});
await build({
  ...common,
  entryPoints: [path.join(root, 'site', 'src', 'whatif', 'worker.ts')],
  outfile: path.join(out, 'whatif-worker.js'),
  format: 'iife',
  plugins: [zodStandIn],
});
await build({
  ...common,
  entryPoints: [path.join(root, 'site', 'src', 'ledger', 'ledgerWorker.ts')],
  outfile: path.join(out, 'ledger-worker.js'),
  format: 'iife',
});
for (const file of ['index.html', 'style.css']) {
  copyFileSync(path.join(root, 'site', file), path.join(out, file));
}

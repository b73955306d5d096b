// Writes what the CLI needs to start fast, once at build time:
// - oclif.manifest.json: every command's id, summary, flags and arguments. With it oclif runs a
//   command by importing that command's file alone, instead of every command and its imports
//   (what the `oclif manifest` tool does; @oclif/core's Plugin gives it in a few lines).
// - dist/commandIndex.json: each command's bundle and whether it takes arguments, for the lean
//   runner (src/cli/lean/dispatch.ts), which runs a command without oclif's config and help.
//   Empty when the CLI has oclif hooks the lean runner would skip (it runs none).
// - dist/rootHelp.txt: `cred --help` as oclif renders it, with the version line left as a
//   placeholder. bin/run.js prints it, and answers `--version`, without importing @oclif/core,
//   whose import alone takes several times as long as starting node.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config, Help, Plugin } from '@oclif/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const plugin = new Plugin({
  root,
  type: 'core',
  ignoreManifest: true,
  errorOnManifestCreate: true,
});
await plugin.load();
writeFileSync(
  path.join(root, 'oclif.manifest.json'),
  `${JSON.stringify(plugin.manifest, null, 2)}\n`,
);

const LEAN_RUNNER_HOOKS = new Set(['command_not_found']);
const hooksKept = Object.keys(plugin.pjson.oclif.hooks ?? {}).every((hook) =>
  LEAN_RUNNER_HOOKS.has(hook),
);
const commandIndex = Object.fromEntries(
  Object.entries(hooksKept ? plugin.manifest.commands : {}).map(([id, command]) => [
    id,
    {
      file: command.relativePath.join('/'),
      takesArgs: command.strict === false || Object.keys(command.args ?? {}).length > 0,
    },
  ]),
);
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(
  path.join(root, 'dist', 'commandIndex.json'),
  `${JSON.stringify({ commands: commandIndex }, null, 2)}\n`,
);

const config = await Config.load(root);
const lines = [];
class CapturedHelp extends Help {
  log(...args) {
    lines.push(args.join(' '));
  }
}
await new CapturedHelp(config, { stripAnsi: true }).showHelp([]);
const rootHelp = lines.join('\n').replaceAll(config.userAgent, '{{userAgent}}');
writeFileSync(path.join(root, 'dist', 'rootHelp.txt'), `${rootHelp}\n`);
const count = Object.keys(plugin.manifest.commands).length;
process.stdout.write(`oclif.manifest.json: ${count} commands; dist/rootHelp.txt\n`);

#!/usr/bin/env node
// The `cred` command. `cred`, `cred --help` and `cred --version` are answered here, from files
// the build wrote, without importing @oclif/core: its import alone takes several times as long
// as starting node, and these are what a newcomer types first (tools/buildManifest.js). A
// command line that names a command runs on the lean runner (src/cli/lean/dispatch.ts), which
// leaves oclif's config and help unloaded; help, topics and unknown commands go to oclif,
// which finds the commands through oclif.manifest.json.
import { readFileSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath, URL } from 'node:url';

const args = process.argv.slice(2);
const root = new URL('../', import.meta.url);

// Node 22.1+ can keep V8's compiled code of the modules it loads, so the next start reads it
// instead of compiling the bundles again (about 30 ms of a command's 0.25-0.3 s). The cache
// lives in the package's own folder, not the shared temporary one; where that folder is not
// writable (a global install), Node just runs without it. Node 20 has no such cache.
module.enableCompileCache?.(fileURLToPath(new URL('.cache/compile', root)));

function userAgent() {
  const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  return `cred/${version} ${process.platform}-${process.arch} node-${process.version}`;
}

function rootHelp() {
  try {
    return readFileSync(new URL('dist/rootHelp.txt', root), 'utf8');
  } catch {
    return undefined;
  }
}

/** Large graph and score jobs run again with huge pages (src/cli/hugePages.ts). */
async function ranWithHugePages() {
  if (process.platform !== 'linux' || !['graph', 'score'].includes(args[0])) return false;
  const { runWithHugePages } = await import('../dist/cli/hugePages.js');
  const context = { argv: args, cwd: process.cwd(), env: process.env, platform: process.platform };
  const status = runWithHugePages(fileURLToPath(import.meta.url), context);
  if (status === undefined) return false;
  process.exitCode = status;
  return true;
}

const wantsVersion = args.length === 1 && ['--version', '-v', 'version'].includes(args[0]);
const wantsHelp =
  args.length === 0 || (args.length === 1 && ['--help', '-h', 'help'].includes(args[0]));
const help = wantsHelp ? rootHelp() : undefined;

if (wantsVersion) {
  process.stdout.write(`${userAgent()}\n`);
} else if (help !== undefined) {
  process.stdout.write(help.replace('{{userAgent}}', userAgent()));
} else if (await ranWithHugePages()) {
  // The child ran the command; its exit code is this process's.
} else {
  const { runLean } = await import('../dist/cli/lean/dispatch.js');
  if (!(await runLean(args, root))) {
    const { execute } = await import('@oclif/core/execute');
    await execute({ dir: import.meta.url });
  }
  // The command has finished (oclif exits by itself on an error, and long-running commands
  // such as `cred serve` return only when stopped). Leave now, once stdout and stderr are
  // written, instead of letting the garbage collector finish work nobody waits for: 20-30 ms
  // of each short command.
  await Promise.all(
    [process.stdout, process.stderr].map((stream) =>
      stream.writableLength === 0 ? undefined : new Promise((done) => stream.once('drain', done)),
    ),
  );
  process.exit();
}

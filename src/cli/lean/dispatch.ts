/**
 * The lean runner: finds the command a command line names in dist/commandIndex.json (written
 * with the manifest at build time) and runs it on the lean base class, without loading
 * @oclif/core's config, plugins and help. It takes only what it can decide the way oclif does:
 * a command named by its id's words, no help or version flag, no `--`. Everything else (help,
 * a topic, an unknown or mistyped command) returns `false`, and bin/run.js hands the command
 * line to oclif. Decision 0805.
 */
import { readFileSync } from 'node:fs';
import { handleWithOclif } from './oclifLazy.js';

interface IndexedCommand {
  /** The bundle, relative to the project root. */
  readonly file: string;
  /** Takes positional arguments (oclif then stops reading the id at the next word). */
  readonly takesArgs: boolean;
}

export interface CommandIndex {
  readonly commands: Readonly<Record<string, IndexedCommand>>;
}

const NOT_FOR_THE_LEAN_RUNNER = new Set(['--help', '-h', 'help', '--', '--version']);

/** The command id and its own arguments, as oclif's space-separated topics would find them. */
export function commandFor(
  argv: readonly string[],
  index: CommandIndex,
): { id: string; command: IndexedCommand; rest: string[] } | undefined {
  if (argv.some((token) => NOT_FOR_THE_LEAN_RUNNER.has(token))) return undefined;
  const [first, second] = argv;
  if (first === undefined || first.startsWith('-')) return undefined;
  const known = (id: string) => Object.hasOwn(index.commands, id);
  const words = second !== undefined && known(`${first}:${second}`) ? 2 : known(first) ? 1 : 0;
  if (words === 0) return undefined;
  const id = argv.slice(0, words).join(':');
  const command = index.commands[id] as IndexedCommand;
  const next = argv[words];
  // `cred payout nonsense`: oclif reads the word into a longer id and reports it unknown.
  if (next !== undefined && !next.startsWith('-') && !next.includes('=') && !command.takesArgs)
    return undefined;
  return { id, command, rest: argv.slice(words) };
}

function readIndex(root: URL): CommandIndex | undefined {
  try {
    return JSON.parse(
      readFileSync(new URL('dist/commandIndex.json', root), 'utf8'),
    ) as CommandIndex;
  } catch {
    return undefined;
  }
}

/** Runs the command `argv` names; `false` when oclif's runner must take it. */
export async function runLean(argv: readonly string[], root: URL): Promise<boolean> {
  const index = readIndex(root);
  const found = index === undefined ? undefined : commandFor(argv, index);
  if (found === undefined) return false;
  const module = (await import(new URL(found.command.file, root).href)) as {
    default: { id?: string; run(argv: string[]): Promise<unknown> };
  };
  const command = module.default;
  command.id ??= found.id;
  try {
    await command.run(found.rest);
  } catch (error) {
    await handleWithOclif(error);
  }
  return true;
}

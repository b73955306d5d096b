/**
 * Runs the built `cred` CLI on the demo instance the way a maintainer would type it, one process
 * per command, asynchronously (the stand-ins answering its requests live in this process). Each
 * command runs at the next fixed instant (`CRED_NOW`), so the ledger's timestamps are the same
 * on every run. A command that fails stops the demo with its error output.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../instance/init.js';
import { demoInstant } from './generate/calendar.js';

const BIN = path.join(PROJECT_ROOT, 'bin', 'run.js');

export class DemoStepFailed extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number,
    readonly stderr: string,
  ) {
    super(`cred ${args.join(' ')} failed (exit ${code})`);
    this.name = 'DemoStepFailed';
  }
}

export interface CredRunnerOptions {
  /** The instance folder (the current folder of every command). */
  readonly root: string;
  /** Added to this process's environment. */
  readonly env: NodeJS.ProcessEnv;
  /** Where the commands and their output are printed. */
  readonly print: (text: string) => void;
}

export class CredRunner {
  private step = 0;
  /** Wall time of each printed command, in order. */
  readonly timings: { readonly args: readonly string[]; readonly seconds: number }[] = [];

  constructor(private readonly options: CredRunnerOptions) {}

  /**
   * Runs `cred ...args`, printing the command and its output (indented): all of it, or its
   * first `lines` followed by `rest(more)` when there is more.
   */
  async run(
    args: readonly string[],
    shown: { readonly lines: number; readonly rest?: (more: number) => string } | 'all' = 'all',
  ): Promise<string> {
    this.options.print(`\n$ cred ${args.map(quote).join(' ')}\n`);
    const startMs = performance.now();
    const stdout = await this.exec(args);
    this.timings.push({ args, seconds: (performance.now() - startMs) / 1000 });
    let lines = stdout.trimEnd().split('\n');
    if (shown !== 'all' && lines.length > shown.lines) {
      const rest = shown.rest?.(lines.length - shown.lines);
      lines = [...lines.slice(0, shown.lines), ...(rest === undefined ? [] : [rest])];
    }
    if (stdout.trim() !== '')
      this.options.print(`${lines.map((line) => `  ${line}`.trimEnd()).join('\n')}\n`);
    return stdout;
  }

  /** Prints a line of commentary between commands. */
  note(text: string): void {
    this.options.print(`\n${text}\n`);
  }

  /** Runs `cred ...args --json` without printing; returns the parsed result. */
  async json<T>(args: readonly string[]): Promise<T> {
    return JSON.parse(await this.exec([...args, '--json'])) as T;
  }

  private exec(args: readonly string[]): Promise<string> {
    const env = {
      ...process.env,
      ...this.options.env,
      CRED_NOW: demoInstant(this.step++),
    };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: this.options.root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.once('error', reject);
      child.once('close', (code) => {
        if (code === 0) resolve(stdout);
        else reject(new DemoStepFailed(args, code ?? 1, `${stderr}${stdout}`));
      });
    });
  }
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, '\\$1')}"`;
}

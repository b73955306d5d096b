/**
 * The base of every cred command: `--json` (the typed result of `run`), `--instance`,
 * `--quiet`, and one place that turns errors into messages and exit codes. Commands stay thin:
 * parse flags, call the instance layer, return a result, print it with a formatter.
 */
import { format } from 'node:util';
import type { Interfaces } from '@oclif/core';
import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';
import { CredError } from '../core/errors.js';
import type { ProgressReporter } from '../core/plugin.js';
import {
  openInstance,
  openInstanceSettings,
  processRuntime,
  type Instance,
  type InstanceSettings,
  type Runtime,
} from '../instance/instance.js';
import { exitCodeFor } from './exitCodes.js';
import { guardJson, guardText } from './outputGuard.js';
import { stderrReporter } from './reporter.js';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof CredCommand)['baseFlags'] & T['flags']
>;

export abstract class CredCommand<Result> extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    json: Flags.boolean({
      description:
        "Print the command's typed result as JSON on stdout instead of text (amounts as decimal " +
        'strings; the fields per command are in docs/cli.md). An error prints ' +
        '{ "error": { name, code, message, suggestions } } and exits non-zero.',
      helpGroup: 'GLOBAL',
    }),
    instance: Flags.directory({
      description: 'Instance folder (default: the nearest folder up from here with a cred.json).',
      helpGroup: 'GLOBAL',
    }),
    quiet: Flags.boolean({
      char: 'q',
      description: 'Print no progress on stderr.',
      helpGroup: 'GLOBAL',
    }),
  };

  abstract override run(): Promise<Result>;

  protected reporter(flags: { quiet?: boolean }): ProgressReporter {
    return stderrReporter(flags.quiet === true);
  }

  protected runtime(flags: { quiet?: boolean }): Runtime {
    return processRuntime(this.reporter(flags));
  }

  protected openInstance(flags: { instance?: string }): Promise<Instance> {
    return openInstance(process.cwd(), flags.instance);
  }

  /** The instance without its plugins, for commands that never read a platform. */
  protected openInstanceSettings(flags: { instance?: string }): InstanceSettings {
    return openInstanceSettings(process.cwd(), flags.instance);
  }

  /** Results may hold bigint amounts (minor units); JSON has no bigint, so they become strings. */
  protected override toSuccessJson(result: unknown): unknown {
    return guardJson(
      JSON.parse(
        JSON.stringify(result, (_key, value: unknown) =>
          typeof value === 'bigint' ? value.toString() : value,
        ),
      ),
    );
  }

  /** Every printed line passes the output guard: no secret, no raw control character. */
  override log(message = '', ...args: unknown[]): void {
    super.log(guardText(format(message, ...args)));
  }

  override logToStderr(message = '', ...args: unknown[]): void {
    super.logToStderr(guardText(format(message, ...args)));
  }

  override warn(input: string | Error): string | Error {
    const text = guardText(typeof input === 'string' ? input : input.message);
    super.warn(text);
    return input;
  }

  protected override toErrorJson(error: unknown): unknown {
    if (error instanceof CredError) {
      const { name, code, message, suggestions, ref } = error;
      return guardJson({
        error: { name, code, message, suggestions, ...(ref === undefined ? {} : { ref }) },
      });
    }
    const { name, message } = error as Error;
    return guardJson({ error: { name, code: 'UNEXPECTED', message, suggestions: [] } });
  }

  protected override async catch(error: Interfaces.CommandError): Promise<unknown> {
    if (!(error instanceof CredError)) {
      if (typeof error.message === 'string') error.message = guardText(error.message);
      if (typeof error.stack === 'string') error.stack = guardText(error.stack);
      return super.catch(error);
    }
    process.exitCode = exitCodeFor(error);
    if (this.jsonEnabled()) {
      this.logJson(this.toErrorJson(error));
      return undefined;
    }
    const lines = [`Error: ${error.message}`, ...error.suggestions.map((s) => `  → ${s}`)];
    process.stderr.write(`${guardText(lines.join('\n'))}\n`);
    return undefined;
  }
}

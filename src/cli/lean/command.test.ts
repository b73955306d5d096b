import { Command as OclifCommand } from '@oclif/core/command';
import { ux } from '@oclif/core/ux';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from './command.js';
import * as Flags from './flags.js';

class Sample extends Command {
  static override enableJsonFlag = true;
  static override flags = { month: Flags.string({ required: true }) };
  override async run(): Promise<unknown> {
    const { flags } = await this.parse(Sample);
    this.log('month %s', flags.month);
    return { month: flags.month, amounts: [1, 2], nested: { text: 'a "b"' } };
  }
}

function captured(stream: NodeJS.WriteStream): string[] {
  const written: string[] = [];
  vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
    written.push(String(chunk));
    return true;
  });
  return written;
}

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.CRED_CONTENT_TYPE;
});

describe('the lean command base', () => {
  it("has oclif's statics, so the manifest and help read it as oclif's", () => {
    const statics = (type: object) =>
      Object.fromEntries(
        Object.entries(type).filter(([key, value]) => key !== '_base' && value !== undefined),
      );
    expect(statics(Command)).toEqual(statics(OclifCommand));
  });

  it('prints text, or with --json the result as oclif prints JSON', async () => {
    const out = captured(process.stdout);
    await Sample.run(['--month', '2026-10']);
    expect(out).toEqual(['month 2026-10\n']);
    out.length = 0;
    const result = await Sample.run(['--month', '2026-10', '--json']);
    expect(out).toEqual([`${ux.colorizeJson(result, { pretty: true })}\n`]);
  });

  it('takes CRED_CONTENT_TYPE=json as --json, as oclif does', async () => {
    process.env.CRED_CONTENT_TYPE = 'json';
    const out = captured(process.stdout);
    await Sample.run(['--month', '2026-11']);
    expect(JSON.parse(out.join(''))).toMatchObject({ month: '2026-11' });
  });

  it("leaves a line it cannot judge to oclif's parser, with oclif's error", async () => {
    captured(process.stdout);
    await expect(Sample.run([])).rejects.toThrow(/Missing required flag month/);
    await expect(Sample.run(['--month'])).rejects.toThrow(/--month expects a value/);
  });

  it('warns about a deprecated flag alias, in the words oclif uses', async () => {
    class Renamed extends Command {
      static override flags = {
        month: Flags.string({ required: true, aliases: ['cycle'], deprecateAliases: true }),
      };
      override async run(): Promise<unknown> {
        return (await this.parse(Renamed)).flags;
      }
    }
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(args.join(' '));
    });
    expect(await Renamed.run(['--cycle', '2026-10'])).toEqual({ month: '2026-10' });
    expect(errors.join('')).toContain(
      'The "--cycle" flag has been deprecated. Use "--month" instead.',
    );
    errors.length = 0;
    await Renamed.run(['--month', '2026-10']);
    expect(errors).toEqual([]);
  });
});

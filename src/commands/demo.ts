import path from 'node:path';
import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../cli/credCommand.js';
import { CredError } from '../core/errors.js';
import type { DemoOutcome } from '../demo/demo.js';

export default class Demo extends CredCommand<DemoOutcome> {
  static override summary = 'Play a month of a fictional community, end to end, on this machine.';
  static override description =
    'Generates Tidepool (about 60 contributors, two repositories, a forum, a chat with a task table, an ' +
    'Open Collective), serves its platforms from stand-ins on 127.0.0.1 with fake tokens, and runs what a ' +
    'maintainer runs in DIR: load, identity decisions, score, payout, Open Collective expenses, site. No ' +
    'account, token or network. Run again, it continues the same instance and records nothing twice.';
  static override examples = [
    '<%= config.bin %> demo',
    '<%= config.bin %> demo --dir /tmp/tidepool --fresh',
  ];
  static override flags = {
    dir: Flags.string({ description: 'Folder of the demo instance.', default: 'demo-run' }),
    fresh: Flags.boolean({ description: 'Start over: remove what an earlier demo left in DIR.' }),
  };

  async run(): Promise<DemoOutcome> {
    const { flags } = await this.parse(Demo);
    const { runDemo } = await import('../demo/demo.js');
    const { DemoStepFailed } = await import('../demo/credRunner.js');
    const print = this.jsonEnabled() ? () => {} : (text: string) => process.stdout.write(text);
    try {
      return await runDemo({ root: path.resolve(flags.dir), fresh: flags.fresh, print });
    } catch (error) {
      if (!(error instanceof DemoStepFailed)) throw error;
      throw new CredError('DEMO_STEP_FAILED', `${error.message}:\n${error.stderr.trimEnd()}`, {
        suggestions: ['Run the demo again with --fresh; if it fails again, report it.'],
      });
    }
  }
}

import { Args, Flags } from '@oclif/core';
import { CredCommand } from '../cli/credCommand.js';
import { initInstance, type InitReport } from '../instance/init.js';

export default class Init extends CredCommand<InitReport> {
  static override summary = 'Create an instance: cred.json, weights, example records, data/.';
  static override description =
    'Writes a working instance into DIR (default: the current folder): cred.json, the default weight files, ' +
    'example contribution records, data/ and a .gitignore that keeps cache/, output/ and payees.json out of git.';
  static override examples = [
    '<%= config.bin %> init my-community',
    '<%= config.bin %> init --currency EUR --bare',
  ];
  static override args = {
    dir: Args.directory({ description: 'Folder for the instance.', default: '.' }),
  };
  static override flags = {
    name: Flags.string({ description: 'Community name (default: the folder name).' }),
    currency: Flags.string({ description: 'ISO 4217 currency of payouts.', default: 'USD' }),
    bare: Flags.boolean({ description: 'Do not write the example contribution records.' }),
  };

  async run(): Promise<InitReport> {
    const { args, flags } = await this.parse(Init);
    const report = initInstance(args.dir, flags);
    this.log(`Created an instance in ${report.root}:\n  ${report.files.join('\n  ')}`);
    this.log(`Next: cd ${args.dir} && cred score`);
    return report;
  }
}

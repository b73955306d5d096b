import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
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
    '<%= config.bin %> init --algorithm openrank --preset open-digger',
  ];
  static override args = {
    dir: Args.directory({ description: 'Folder for the instance.', default: '.' }),
  };
  static override flags = {
    name: Flags.string({ description: 'Community name (default: the folder name).' }),
    currency: Flags.string({ description: 'ISO 4217 currency of payouts.', default: 'USD' }),
    bare: Flags.boolean({ description: 'Do not write the example contribution records.' }),
    // Values are checked by initInstance, so a wrong one is a ConfigError with suggestions.
    algorithm: Flags.string({ description: 'Cred algorithm: credrank (default) or openrank.' }),
    preset: Flags.string({
      description:
        'OpenRank preset (weights and parameters): ktoken (the KToken document, default) or open-digger.',
    }),
  };

  async run(): Promise<InitReport> {
    const { args, flags } = await this.parse(Init);
    const report = initInstance(args.dir, flags);
    this.log(`Created an instance in ${report.root}:\n  ${report.files.join('\n  ')}`);
    this.log(`Next: cd ${args.dir} && cred score`);
    return report;
  }
}

import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { IMPORT_REPORT, importSourcecred } from '../../instance/sourcecred/importSourcecred.js';
import type { ImportResult } from '../../instance/sourcecred/result.js';

export default class ImportSourcecred extends CredCommand<ImportResult> {
  static override summary = 'Come over from SourceCred: import an instance folder and its ledger.';
  static override description =
    'Reads a SourceCred 0.8-0.11 instance folder (sourcecred.json, config/, data/ledger.json) and writes a cred ' +
    'instance into --into (default: the current folder), or into the instance there when its ledger is empty. ' +
    'Identity history is replayed event by event; grain becomes opening balances (lifetime paid, owed); ' +
    "the ledger file's SHA-256 is recorded, so the same file is never imported twice. Weeks are set to start " +
    `on Sunday, as in SourceCred. The report is written to ${IMPORT_REPORT}. Nothing is written when the input is bad.`;
  static override examples = [
    '<%= config.bin %> import sourcecred ../my-sourcecred-instance --into my-community',
    '<%= config.bin %> import sourcecred ../old --currency EUR --grain-rate 0.05 --json',
  ];
  static override args = {
    path: Args.directory({ description: 'The SourceCred instance folder.', required: true }),
  };
  static override flags = {
    into: Flags.string({ description: 'Folder of the cred instance (default: current folder).' }),
    currency: Flags.string({
      description: 'Currency of a new instance (ISO 4217).',
      default: 'USD',
    }),
    'grain-rate': Flags.string({
      description: 'Value of one grain in the currency, a decimal (default 1).',
      default: '1',
    }),
  };

  async run(): Promise<ImportResult> {
    const { args, flags } = await this.parse(ImportSourcecred);
    const result = await importSourcecred(
      {
        source: args.path,
        target: flags.into ?? process.cwd(),
        currency: flags.currency,
        grainRate: flags['grain-rate'],
      },
      this.runtime(flags),
    );
    this.log(
      `Imported ${result.counts.events ?? 0} SourceCred events: ${result.identities.live} identities, ` +
        `${result.merges.length} merges; paid ${result.balances.paid}, owed ${result.balances.owed} ` +
        `(${result.balances.currency} minor units). Report: ${IMPORT_REPORT}`,
    );
    return result;
  }
}

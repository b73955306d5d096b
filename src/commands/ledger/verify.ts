import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatVerify } from '../../cli/formatLedger.js';
import { verifyLedger, type VerifyReport } from '../../instance/ledger/jobs.js';

export default class LedgerVerify extends CredCommand<VerifyReport> {
  static override summary =
    'Check that the ledger was not rewritten: every line intact, chained, in order and lawful.';
  static override description =
    'Fails (exit 4) naming the first bad line. The head hash printed here identifies this exact history; ' +
    'heads published earlier (in reports, on Open Collective, in announcements) must still be in the chain.';
  static override flags = {
    head: Flags.string({
      description: 'A head hash published earlier; it must be the hash of a line (repeatable).',
      multiple: true,
      default: [],
    }),
    'against-reports': Flags.boolean({
      description: 'Check the heads in the public reports under output/payouts/.',
    }),
    'against-opencollective': Flags.boolean({
      description:
        'Check the heads carried by the expenses filed on Open Collective (needs OPENCOLLECTIVE_TOKEN).',
    }),
  };
  static override examples = [
    '<%= config.bin %> ledger verify',
    '<%= config.bin %> ledger verify --head 3f1c...e9 --against-reports',
  ];

  async run(): Promise<VerifyReport> {
    const { flags } = await this.parse(LedgerVerify);
    const report = await verifyLedger(this.openInstanceSettings(flags), this.runtime(flags), {
      heads: flags.head,
      againstReports: flags['against-reports'],
      againstOpenCollective: flags['against-opencollective'],
    });
    this.log(formatVerify(report));
    return report;
  }
}

import { CredCommand } from '../../cli/credCommand.js';
import { verifyLedger, type VerifyReport } from '../../instance/ledgerJobs.js';

export default class LedgerVerify extends CredCommand<VerifyReport> {
  static override summary =
    'Check that the ledger was not rewritten: every line intact, chained, in order and lawful.';
  static override description =
    'Fails (exit 4) naming the first bad line. The head hash printed here identifies this exact history.';
  static override examples = ['<%= config.bin %> ledger verify'];

  async run(): Promise<VerifyReport> {
    const { flags } = await this.parse(LedgerVerify);
    const report = verifyLedger(await this.openInstance(flags), this.runtime(flags));
    this.log(`${report.file}: ${report.lines} lines verified; head ${report.headHash}`);
    return report;
  }
}

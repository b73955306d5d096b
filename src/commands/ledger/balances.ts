import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatBalances } from '../../cli/formatLedger.js';
import { ledgerBalances, type BalancesReport } from '../../instance/ledger/jobs.js';

export default class LedgerBalances extends CredCommand<BalancesReport> {
  static override summary = 'What each identity is owed, has been paid, and its lifetime cred.';
  static override flags = {
    all: Flags.boolean({ description: 'Include identities with nothing owed, paid or earned.' }),
  };
  static override examples = [
    '<%= config.bin %> ledger balances',
    '<%= config.bin %> ledger balances --json',
  ];

  async run(): Promise<BalancesReport> {
    const { flags } = await this.parse(LedgerBalances);
    const report = ledgerBalances(this.openInstanceSettings(flags), this.runtime(flags), flags.all);
    this.log(formatBalances(report));
    return report;
  }
}

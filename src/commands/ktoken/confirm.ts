import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatConfirm } from '../../cli/formatKtoken.js';
import { confirmTransactions, type ConfirmResult } from '../../instance/ktoken/actions.js';

export default class KtokenConfirm extends CredCommand<ConfirmResult> {
  static override summary =
    'Record KToken transfers sent outside cred (a Safe, a wallet) as delivered.';
  static override description =
    "Reads each transaction's receipt from ktoken.rpcUrl and matches the token's Transfer events to the month's pending " +
    'recipients by address and amount. Transfers that match nothing are listed, not recorded.';
  static override examples = ['<%= config.bin %> ktoken confirm --month 2026-10 --tx 0x5c0f...'];
  static override flags = {
    month: Flags.string({ description: 'The month, YYYY-MM.', required: true }),
    tx: Flags.string({
      description: 'A transaction hash (repeat the flag for each).',
      required: true,
      multiple: true,
    }),
  };

  async run(): Promise<ConfirmResult> {
    const { flags } = await this.parse(KtokenConfirm);
    const result = await confirmTransactions(await this.openInstance(flags), this.runtime(flags), {
      month: flags.month,
      hashes: flags.tx,
    });
    this.log(formatConfirm(result));
    return result;
  }
}

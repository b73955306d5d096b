import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatSync } from '../../cli/formatPayoutSubmit.js';
import { syncPayout, type SyncResult } from '../../instance/payout/sync.js';

export default class PayoutSync extends CredCommand<SyncResult> {
  static override summary =
    "Read the month's expenses back from Open Collective and record outcomes.";
  static override description =
    'Paid expenses are recorded as paid; rejected, spam, canceled and declined invitations return their ' +
    'amount to what the contributor is owed (paid in a later month). Expenses still in progress stay filed. ' +
    'Rewrites output/payouts/YYYY-MM.md and .json with each expense and its status.';
  static override examples = ['<%= config.bin %> payout sync --month 2026-10'];
  static override flags = {
    month: Flags.string({ description: 'The month, YYYY-MM.', required: true }),
  };

  async run(): Promise<SyncResult> {
    const { flags } = await this.parse(PayoutSync);
    const result = await syncPayout(await this.openInstance(flags), this.runtime(flags), {
      month: flags.month,
    });
    this.log(formatSync(result));
    return result;
  }
}

import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { withdrawPayout } from '../../instance/payout/actions.js';
import type { LedgerEvent } from '../../ledger/events.js';

export default class PayoutWithdraw extends CredCommand<LedgerEvent> {
  static override summary =
    "Withdraw a month's proposal under review, so it can be proposed again.";
  static override flags = {
    month: Flags.string({ description: 'The month, YYYY-MM.', required: true }),
    reason: Flags.string({ description: 'Why (shown in the ledger).', required: true }),
  };
  static override examples = [
    '<%= config.bin %> payout withdraw --month 2026-10 --reason "weights changed after review"',
  ];

  async run(): Promise<LedgerEvent> {
    const { flags } = await this.parse(PayoutWithdraw);
    const event = await withdrawPayout(
      await this.openInstance(flags),
      this.runtime(flags),
      flags.month,
      flags.reason,
    );
    this.log(
      `Withdrew the ${flags.month} proposal. Propose again with "cred payout --month ${flags.month} --revenue ...".`,
    );
    return event;
  }
}

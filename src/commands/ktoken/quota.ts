import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatQuota } from '../../cli/formatKtoken.js';
import { approveQuota } from '../../instance/ktoken/actions.js';
import { ktokenSettings } from '../../instance/ktoken/config.js';
import type { EventOf } from '../../ledger/events.js';

export default class KtokenQuota extends CredCommand<EventOf<'ktoken.quota'>> {
  static override summary = "Record the committee's approval of a month's KToken quota.";
  static override description =
    'A cycle is a month. The quota is recorded in the ledger with who approved it (at least ktoken.quotaApprovals ' +
    'approvers, the multisig threshold) and, optionally, a reference to the decision. With ktoken.amounts { "quota": true } ' +
    "the month's batch splits exactly this amount by cred; with a rate, the batch may not exceed it.";
  static override examples = [
    '<%= config.bin %> ktoken quota --month 2026-10 --amount 5000 --approved-by signer-a --approved-by signer-b',
    '<%= config.bin %> ktoken quota --month 2026-10 --amount 5000 --approved-by 0xA1.. --approved-by 0xB2.. --reference https://example.org/minutes/2026-10',
  ];
  static override flags = {
    month: Flags.string({
      description: 'The month of the cycle, YYYY-MM.',
      required: true,
      aliases: ['cycle'],
      deprecateAliases: true,
    }),
    amount: Flags.string({
      description: 'The approved quota in tokens, e.g. 5000.',
      required: true,
    }),
    'approved-by': Flags.string({
      description: 'An approver (repeat the flag for each).',
      required: true,
      multiple: true,
    }),
    reference: Flags.string({
      description: 'Where the decision is recorded (a link, a Safe transaction).',
    }),
  };

  async run(): Promise<EventOf<'ktoken.quota'>> {
    const { flags } = await this.parse(KtokenQuota);
    const instance = await this.openInstance(flags);
    const event = await approveQuota(instance, this.runtime(flags), {
      cycle: flags.month,
      amount: flags.amount,
      approvedBy: flags['approved-by'],
      ...(flags.reference === undefined ? {} : { reference: flags.reference }),
    });
    const { decimals, symbol } = ktokenSettings(instance.config);
    this.log(formatQuota(event, decimals, symbol));
    return event;
  }
}

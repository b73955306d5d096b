import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatSubmit } from '../../cli/formatPayoutSubmit.js';
import { submitPayout, type SubmitResult } from '../../instance/payout/submit.js';

export default class PayoutSubmit extends CredCommand<SubmitResult> {
  static override summary = "File the month's payments as Open Collective expenses.";
  static override description =
    'One expense per payment of the final payout: createExpense where the token (OPENCOLLECTIVE_TOKEN) ' +
    "administers the payee's account, otherwise a draft invitation (amount, description and type locked) " +
    'to the account set with "cred identity set-payout" or to the email in payees.json; payees with neither ' +
    'are skipped and stay owed. Each expense carries the reference cred:<proposal>:<identity>; a run first ' +
    'looks up what was already filed, so running it again after a failure never files twice. A proposal whose ' +
    'review period is over is finalized first.';
  static override examples = [
    '<%= config.bin %> payout submit --month 2026-10 --dry-run',
    'OPENCOLLECTIVE_TOKEN=... <%= config.bin %> payout submit --month 2026-10',
  ];
  static override flags = {
    month: Flags.string({ description: 'The month, YYYY-MM.', required: true }),
    'dry-run': Flags.boolean({
      description:
        'Show the mutations and variables that would be sent (emails masked); send and write nothing.',
    }),
  };

  async run(): Promise<SubmitResult> {
    const { flags } = await this.parse(PayoutSubmit);
    const result = await submitPayout(await this.openInstance(flags), this.runtime(flags), {
      month: flags.month,
      dryRun: flags['dry-run'],
    });
    this.log(formatSubmit(result));
    return result;
  }
}

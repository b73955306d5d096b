import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatPayout } from '../../cli/formatPayout.js';
import { runPayout, type PayoutResult } from '../../instance/payout/payout.js';

export default class Payout extends CredCommand<PayoutResult> {
  static override summary =
    "Propose, then finalize, the month's payout: revenue x ratio split by cred.";
  static override description =
    "Scores first if the graphs, weights or identities changed. A new proposal records the month's plan in the ledger and " +
    'writes output/payouts/YYYY-MM.md and .json for review; run again after the review period (payout.reviewDays) or pass ' +
    '--finalize to make it final. Then "cred payout submit" files the expenses.';
  static override examples = [
    '<%= config.bin %> payout --month 2026-10 --revenue 1234.56',
    '<%= config.bin %> payout --month 2026-10 --revenue opencollective',
    '<%= config.bin %> payout --month 2026-10 --finalize',
    '<%= config.bin %> payout --month 2026-10 --revenue 1000 --dry-run',
  ];
  static override flags = {
    month: Flags.string({ description: 'The month, YYYY-MM.', required: true }),
    revenue: Flags.string({
      description: 'Revenue R in the collective\'s currency ("1234.56"), or "opencollective".',
    }),
    ratio: Flags.string({ description: 'Payout ratio p, overriding payout.ratio in cred.json.' }),
    finalize: Flags.boolean({
      description: 'Finalize now instead of waiting for the review period.',
    }),
    'dry-run': Flags.boolean({ description: 'Show the plan; write nothing.' }),
  };

  async run(): Promise<PayoutResult> {
    const { flags } = await this.parse(Payout);
    const instance = await this.openInstance(flags);
    const result = await runPayout(instance, this.runtime(flags), {
      ...flags,
      dryRun: flags['dry-run'],
    });
    this.log(formatPayout(result));
    return result;
  }
}

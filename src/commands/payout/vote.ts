import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatReviewAction } from '../../cli/formatGovernance.js';
import { voteOnObjection, type ReviewActionResult } from '../../instance/governance/review.js';

export default class PayoutVote extends CredCommand<ReviewActionResult> {
  static override summary = 'Vote to uphold or dismiss an objection to a proposal under review.';
  static override description =
    'Maintainers, funders (both listed in cred.json, governance) and contributors with cred vote; a vote is ' +
    "weighted by the voter's lifetime cred in the ledger (1 each in a group without cred). A later vote " +
    'replaces an earlier one. Votes are counted when the review period ends.';
  static override flags = {
    month: Flags.string({ description: 'The month, YYYY-MM.', required: true }),
    objection: Flags.string({
      description: 'The objection: its number (1, 2, ...) or its id.',
      required: true,
    }),
    voter: Flags.string({ description: 'Who votes: name, id or account address.', required: true }),
    uphold: Flags.boolean({
      description: 'Uphold the objection (remove the line).',
      exclusive: ['dismiss'],
    }),
    dismiss: Flags.boolean({ description: 'Dismiss the objection (keep the line).' }),
  };
  static override examples = [
    '<%= config.bin %> payout vote --month 2026-10 --objection 1 --voter mira --dismiss',
    '<%= config.bin %> payout vote --month 2026-10 --objection 1 --voter acme-fund --uphold',
  ];

  async run(): Promise<ReviewActionResult> {
    const { flags } = await this.parse(PayoutVote);
    if (flags.uphold !== true && flags.dismiss !== true)
      this.error('Give --uphold or --dismiss.', { exit: 2 });
    const result = await voteOnObjection(await this.openInstance(flags), this.runtime(flags), {
      month: flags.month,
      objection: flags.objection,
      voter: flags.voter,
      vote: flags.uphold === true ? 'uphold' : 'dismiss',
    });
    this.log(formatReviewAction(result));
    return result;
  }
}

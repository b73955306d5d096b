import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatReviewAction } from '../../cli/formatGovernance.js';
import { raiseObjection, type ReviewActionResult } from '../../instance/governance/review.js';

export default class PayoutObject extends CredCommand<ReviewActionResult> {
  static override summary =
    "Object to a line (or to the weights) of a month's proposal under review.";
  static override description =
    'Any identity with cred may object while the review is open, with a reason shown in the public report. ' +
    'The objector counts as voting to uphold. When the review ends the objection is decided by a cred-weighted ' +
    'vote; a quarter of any one group (maintainers, contributors, funders) voting to uphold blocks the line. An ' +
    'upheld line is removed and its share goes to the others; an upheld objection to the weights blocks the ' +
    'proposal until it is withdrawn and proposed again.';
  static override flags = {
    month: Flags.string({ description: 'The month, YYYY-MM.', required: true }),
    by: Flags.string({ description: 'Who objects: name, id or account address.', required: true }),
    line: Flags.string({ description: 'The contributor whose line is objected to.' }),
    weights: Flags.boolean({ description: 'Object to the weights (the whole proposal) instead.' }),
    reason: Flags.string({ description: 'Why (shown in the public report).', required: true }),
  };
  static override examples = [
    '<%= config.bin %> payout object --month 2026-10 --by lin --line tomas --reason "the meetup was in September"',
    '<%= config.bin %> payout object --month 2026-10 --by lin --weights --reason "reactions weigh too much"',
  ];

  async run(): Promise<ReviewActionResult> {
    const { flags } = await this.parse(PayoutObject);
    if ((flags.line === undefined) === (flags.weights !== true))
      this.error('Give either --line NAME or --weights.', { exit: 2 });
    const result = await raiseObjection(await this.openInstance(flags), this.runtime(flags), {
      month: flags.month,
      by: flags.by,
      reason: flags.reason,
      ...(flags.line === undefined ? {} : { line: flags.line }),
    });
    this.log(formatReviewAction(result));
    return result;
  }
}

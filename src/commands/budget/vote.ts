import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatBudgetVote } from '../../cli/formatGovernance.js';
import { recordBudgetVote, type BudgetVoteResult } from '../../instance/governance/budget.js';

export default class BudgetVote extends CredCommand<BudgetVoteResult> {
  static override summary = "Record a member's pairwise budget votes for a month.";
  static override description =
    'Each pair "a>b" says a mattered more than b this month; give each pair once. The ballot replaces the ' +
    "voter's earlier one for the month and is recorded in the ledger. Quote the pairs: > is a shell redirect.";
  static override strict = false;
  static override args = {
    pairs: Args.string({ description: 'Pairs "winner>loser".', required: true }),
  };
  static override flags = {
    month: Flags.string({ description: 'The month, YYYY-MM.', required: true }),
    voter: Flags.string({ description: 'Who votes: name, id or account address.', required: true }),
  };
  static override examples = [
    "<%= config.bin %> budget vote --month 2026-10 --voter mira 'infra>media' 'infra>docs' 'docs>media'",
  ];

  async run(): Promise<BudgetVoteResult> {
    const { argv, flags } = await this.parse(BudgetVote);
    const result = await recordBudgetVote(await this.openInstance(flags), this.runtime(flags), {
      month: flags.month,
      voter: flags.voter,
      pairs: argv as string[],
    });
    this.log(formatBudgetVote(result));
    return result;
  }
}

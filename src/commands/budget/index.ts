import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatBudget } from '../../cli/formatGovernance.js';
import { showBudget, type BudgetView } from '../../instance/governance/budget.js';

export default class Budget extends CredCommand<BudgetView> {
  static override summary = "Show the month's budget split from the members' pairwise votes.";
  static override description =
    "The budget box: each ballot says which of two domains mattered more this month, weighted by the voter's " +
    'cred in the ledger. The votes make a Markov chain whose stationary distribution is the split; with ' +
    'governance.split.type "budget" the payout splits the pool among domains by it.';
  static override examples = [
    '<%= config.bin %> budget --month 2026-10',
    '<%= config.bin %> budget --month 2026-10 --json',
  ];
  static override flags = {
    month: Flags.string({ description: 'The month, YYYY-MM.', required: true }),
  };

  async run(): Promise<BudgetView> {
    const { flags } = await this.parse(Budget);
    const view = showBudget(await this.openInstance(flags), this.runtime(flags), flags.month);
    this.log(formatBudget(view));
    return view;
  }
}

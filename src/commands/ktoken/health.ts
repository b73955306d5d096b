import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatHealth } from '../../cli/formatKtoken.js';
import { ktokenHealthReport } from '../../instance/ktoken/actions.js';
import type { KtokenHealth } from '../../ledger/ktoken/health.js';

interface HealthResult {
  readonly health: KtokenHealth;
  readonly files: readonly string[];
}

export default class KtokenHealthCommand extends CredCommand<HealthResult> {
  static override summary = "Write a month's KToken distribution health report for the committee.";
  static override description =
    "Quota approved against what was sent, pending and kept; the largest share and the Gini coefficient of the month's " +
    "amounts; the share of the month's cred earned in its busiest week; other cycles not fully distributed. Writes " +
    'output/ktoken/YYYY-MM-health.md and .json.';
  static override examples = ['<%= config.bin %> ktoken health --month 2026-10'];
  static override flags = {
    month: Flags.string({ description: 'The month, YYYY-MM.', required: true }),
  };

  async run(): Promise<HealthResult> {
    const { flags } = await this.parse(KtokenHealthCommand);
    const result = ktokenHealthReport(
      await this.openInstance(flags),
      this.runtime(flags),
      flags.month,
    );
    this.log(formatHealth(result));
    return result;
  }
}

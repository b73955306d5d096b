import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatKtoken } from '../../cli/formatKtoken.js';
import { runKtoken, type KtokenResult } from '../../instance/ktoken/ktoken.js';

export default class Ktoken extends CredCommand<KtokenResult> {
  static override summary = 'Turn a finalized month into a KToken distribution, and send it.';
  static override description =
    "Plans the month's batch once (amounts from its monthly cred, at ktoken.amounts' rate per cred or as a split of the " +
    'approved quota), then by ktoken.mode: "batch" writes output/ktoken/YYYY-MM.csv and .json to send by hand, "safe" a ' +
    'Safe Transaction Builder file for the committee\'s multisig, "direct" sends with KTOKEN_PRIVATE_KEY to ktoken.rpcUrl. ' +
    'Run it again to complete an interrupted run: nothing is ever sent twice. Writes the distribution health report too.';
  static override examples = [
    '<%= config.bin %> ktoken --month 2026-10',
    '<%= config.bin %> ktoken --month 2026-10 --dry-run',
    'KTOKEN_PRIVATE_KEY=... <%= config.bin %> ktoken --month 2026-10',
  ];
  static override flags = {
    month: Flags.string({
      description: 'The month, YYYY-MM (its payout must be final).',
      required: true,
    }),
    'dry-run': Flags.boolean({
      description: 'Show the batch (and check the chain in mode direct); write nothing.',
    }),
  };

  async run(): Promise<KtokenResult> {
    const { flags } = await this.parse(Ktoken);
    const instance = await this.openInstance(flags);
    const result = await runKtoken(instance, this.runtime(flags), {
      month: flags.month,
      dryRun: flags['dry-run'],
    });
    this.log(formatKtoken(result));
    return result;
  }
}

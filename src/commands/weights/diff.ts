import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatWeightsDiff } from '../../cli/formatWeightsDiff.js';
import { diffWeights, type WeightsDiffReport } from '../../instance/weights/diff.js';

export default class WeightsDiff extends CredCommand<WeightsDiffReport> {
  static override summary = 'Show what a weight change does to everyone’s cred.';
  static override description =
    'Scores the instance twice, with OLD and with NEW in place of the instance weight files of ' +
    'the same name (a folder stands for its *.json files), and prints per identity the cred and ' +
    'share before and after, largest change first, plus the weight settings that differ. ' +
    'Writes nothing; publish the output with the weight change.';
  static override examples = [
    'git show HEAD:weights/github.json > /tmp/github.json\n<%= config.bin %> weights diff /tmp/github.json weights/github.json',
    '<%= config.bin %> weights diff ../old-weights weights --limit 50',
    '<%= config.bin %> weights diff old.json new.json --json',
    '<%= config.bin %> weights diff old.json new.json --month 2026-10 --revenue 1000.00',
  ];
  static override args = {
    old: Args.string({ description: 'Weight file or folder before the change.', required: true }),
    new: Args.string({ description: 'Weight file or folder after the change.', required: true }),
  };
  static override flags = {
    limit: Flags.integer({ description: 'Identities to print.', default: 20, min: 1 }),
    month: Flags.string({
      description: "Also compare this month's payout (YYYY-MM), with --revenue.",
      dependsOn: ['revenue'],
    }),
    revenue: Flags.string({
      description: 'Revenue R for the payout comparison ("1234.56" or "opencollective").',
      dependsOn: ['month'],
    }),
  };

  async run(): Promise<WeightsDiffReport> {
    const { args, flags } = await this.parse(WeightsDiff);
    const instance = await this.openInstance(flags);
    const report = await diffWeights(instance, this.runtime(flags), {
      before: [args.old],
      after: [args.new],
      ...(flags.month === undefined || flags.revenue === undefined
        ? {}
        : { payout: { month: flags.month, revenue: flags.revenue } }),
    });
    this.log(formatWeightsDiff(report, flags.limit));
    return report;
  }
}
